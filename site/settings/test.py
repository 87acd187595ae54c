"""Test run: fast hashing, mail kept in memory, tasks run at once, cache per process."""

from .base import *
from .base import env

SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ACCOUNT_RATE_LIMITS = False
EDUFEST_API_RATE_LIMIT = 0
EDUFEST_RESEND_LIMIT_PER_EMAIL = 0
EDUFEST_RESEND_LIMIT_PER_CLIENT = 0
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
LOGGING["root"]["level"] = env("LOG_LEVEL", "WARNING")

STATIC_ROOT.mkdir(parents=True, exist_ok=True)
EDUFEST_MFA_REQUIRED = True
# Tests see every change of the shared cache at once; cms/tests/test_page_cache_local.py turns the
# per-process copies on for itself.
EDUFEST_PAGE_CACHE_LOCAL_SECONDS = 0
