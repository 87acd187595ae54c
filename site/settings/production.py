"""Production: every secret from the environment; fails fast when one is missing."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env, env_bool

for _name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SITE_URL"):
    if not env(_name):
        raise ImproperlyConfigured(f"Set the {_name} environment variable for production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
EDUFEST_PAUSE_POINTS = []  # test-only hooks (cms/jobs/pause.py) never pause a production process
