"""Settings shared by every environment; values come from environment variables (12-factor)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("EDUFEST_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "cms",
    "cms.privacy",
    "cms.retention",
    "cms.verification",
    "events",
    "events.registration",
    "events.checkin",
    "events.edubus",
    "events.counting",
    "events.calendars",
    "events.wzk",
    "events.certificates",
    "events.feedback",
    "events.fairs",
    "contests",
    "contests.jury",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "localflavor",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before anything reads the database with what the client sent (no NUL reaches PostgreSQL).
    "cms.middleware.RefuseNullCharactersMiddleware",
    "cms.middleware.AdminPreviewFrameMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.accounts.middleware.MFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.cache.AnonymousPageCacheMiddleware",
    # Last, so that it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'edufest.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env("CACHE_URL") or env("REDIS_URL")
if _cache_url and _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url and _cache_url.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # The database cache is shared by every process, so rate limits hold across workers.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "edufest_cache",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out (e-mail, address) pair before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["cms.formats"]  # English dates as "10 November 2026"
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Consent scans and unpublished films: no base URL, served only through permission-checked views.
    "private": {
        "BACKEND": "cms.files.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
# Where tus uploads are assembled when the private storage is S3 (objects cannot be appended to).
TUS_UPLOAD_DIR = Path(env("TUS_UPLOAD_DIR", VAR_DIR / "uploads"))


def s3_storage(bucket, *, private):
    """django-storages' S3 backend for an S3-compatible bucket (AWS, MinIO, Ceph, OVH, …)."""
    options = {
        "bucket_name": bucket,
        "endpoint_url": env("S3_ENDPOINT_URL") or None,
        "region_name": env("S3_REGION") or None,
        "access_key": env("S3_ACCESS_KEY_ID") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": env("S3_ADDRESSING_STYLE") or None,
        "file_overwrite": False,
        "max_memory_size": 8 * 1024 * 1024,  # larger downloads spill to a temporary file
    }
    if private:
        # No ACL header (objects stay as private as the bucket; new AWS buckets refuse ACLs) and no
        # URL at all (PrivateS3Storage.url raises): the objects leave only through our views.
        options.update(default_acl=None, querystring_auth=True, querystring_expire=60)
    else:
        # Public media are read without a signature; the bucket's policy (or a CDN) makes them public.
        options.update(default_acl=None, querystring_auth=False, custom_domain=env("S3_MEDIA_DOMAIN") or None)
    backend = "cms.files.s3.PrivateS3Storage" if private else "storages.backends.s3.S3Storage"
    return {"BACKEND": backend, "OPTIONS": options}


if env("S3_MEDIA_BUCKET"):
    STORAGES["default"] = s3_storage(env("S3_MEDIA_BUCKET"), private=False)
if env("S3_PRIVATE_BUCKET"):
    STORAGES["private"] = s3_storage(env("S3_PRIVATE_BUCKET"), private=True)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# E-mail: EMAIL_URL such as smtp://user:pass@host:587?tls=1, console:// or file:///path.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Edufest <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_url = env("EMAIL_URL", "")
if _email_url.startswith(("smtp://", "smtps://")):
    from urllib.parse import parse_qs, unquote, urlparse

    _parsed = urlparse(_email_url)
    _query = parse_qs(_parsed.query)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _parsed.hostname or "localhost"
    EMAIL_PORT = _parsed.port or 25
    EMAIL_HOST_USER = unquote(_parsed.username or "")
    EMAIL_HOST_PASSWORD = unquote(_parsed.password or "")
    EMAIL_USE_SSL = _parsed.scheme == "smtps"
    EMAIL_USE_TLS = _query.get("tls", ["0"])[0] in {"1", "true"}
    EMAIL_TIMEOUT = 20
elif _email_url.startswith("file://"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = _email_url.removeprefix("file://")
elif _email_url.startswith("console://"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")

# Background work: Django's Tasks API, stored in the database and run by `manage.py db_worker`.
# Three queues, each with its own worker (`db_worker --queue-name mail`, ...), so a mail never waits
# behind a film: "mail" (the outbox), "media" (probing and transcoding films, minutes each) and
# "default" (periodic runs, Wagtail's own tasks).
TASK_QUEUES = ["default", "mail", "media"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

SITE_ID = 1
WAGTAIL_SITE_NAME = "Edufest"
WAGTAILADMIN_LOGIN_URL = "account_login"
# Wagtail's private pages and collections (the members' minutes) send visitors to the one login too.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "txt", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Upload limits (OWASP File Upload Cheat Sheet): bytes per image, and pixels decoded per image.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Accounts (django-allauth): e-mail is the login, verification is mandatory.
LOGIN_URL = "account_login"
# Wagtail's private pages and collections (the members' minutes) send visitors to the one login too.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "cms.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "cms.accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Edufest] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Security notifications to the account's own address: password changed or reset, e-mail changed,
# authenticator added or removed, recovery codes generated.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Signed links in account mails expire: e-mail verification after 3 days, password reset after 1.
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
ACCOUNT_RATE_LIMITS = {
    # Per address: refused past the limit. Per account (from every address): past the limit the
    # right password still works, confirmed with a mailed code (cms.accounts.adapter.AccountAdapter).
    "login_failed": "10/m/ip",
    "login_failed_account": "5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# Client address behind reverse proxies of ours, each appending to X-Forwarded-For (0: the header is
# ignored and the client is REMOTE_ADDR). One number for every limit: allauth's, axes', the API's
# and the data-subject requests' (cms.accounts.network.client_ip).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Brute force (django-axes, cms/accounts/auth.py): 5 failed passwords for one e-mail from one address lock
# that pair for 15 minutes; never an address alone (a whole school shares one).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "cms.accounts.auth.login_username"
AXES_CLIENT_IP_CALLABLE = "cms.accounts.auth.client_ip"
AXES_LOCKOUT_CALLABLE = "cms.accounts.auth.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "email", "login"]

# Staff, jurors and Edubus coordinators must have an authenticator (cms.accounts.middleware.MFARequiredMiddleware).
EDUFEST_MFA_REQUIRED = env_bool("EDUFEST_MFA_REQUIRED", True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Edufest"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Scripts take the token from the page (data-csrf-token), never from the cookie.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# No framing anywhere, except the Wagtail admin framing its own previews (cms.middleware).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp) for the public site: no inline scripts, no plugins. The
# Wagtail admin ships its own scripts and is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", "https://tile.openstreetmap.org"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "manifest-src": [SELF],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Per-process limits of the public API (requests per minute per client address); 0 lifts them.
EDUFEST_API_RATE_LIMIT = int(env("EDUFEST_API_RATE_LIMIT", "60"))
# Film uploads (contests.services._check_upload_quotas): declared sizes of kept films per account
# and per school, uploads open at once per account, disk kept free, and when a stalled upload is
# removed.
EDUFEST_UPLOAD_QUOTA_ACCOUNT_BYTES = int(env("EDUFEST_UPLOAD_QUOTA_ACCOUNT_MB", "6144")) * 1024 * 1024
EDUFEST_UPLOAD_QUOTA_SCHOOL_BYTES = int(env("EDUFEST_UPLOAD_QUOTA_SCHOOL_MB", "12288")) * 1024 * 1024
EDUFEST_OPEN_UPLOADS_PER_ACCOUNT = int(env("EDUFEST_OPEN_UPLOADS_PER_ACCOUNT", "2"))
EDUFEST_UPLOAD_FREE_SPACE_RESERVE_BYTES = (
    int(env("EDUFEST_UPLOAD_FREE_SPACE_RESERVE_MB", "1024")) * 1024 * 1024
)
EDUFEST_UPLOAD_ABANDON_HOURS = int(env("EDUFEST_UPLOAD_ABANDON_HOURS", "24"))
EDUFEST_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Re-sent tickets (the public "send the ticket again" form, and a repeated registration through the
# API): at most this many an hour to one address, and from one client address; 0 lifts a limit.
EDUFEST_RESEND_LIMIT_PER_EMAIL = int(env("EDUFEST_RESEND_LIMIT_PER_EMAIL", "3"))
EDUFEST_RESEND_LIMIT_PER_CLIENT = int(env("EDUFEST_RESEND_LIMIT_PER_CLIENT", "20"))

# The check-in app signs each offline list (ECDSA P-256) and the scanner verifies it: a PEM private key
# (PKCS#8). Unset, the key is derived from SECRET_KEY (stable per installation, rotated with it).
EDUFEST_CHECKIN_SIGNING_KEY = env("EDUFEST_CHECKIN_SIGNING_KEY", "").replace("\\n", "\n")

# Task workers (cms/jobs/workers.py): a worker whose heartbeat is older than this many seconds counts as
# dead, and the task it left running is queued again.
EDUFEST_WORKER_LOST_SECONDS = float(env("EDUFEST_WORKER_LOST_SECONDS", "60"))
# Films of one account waiting for or in processing (queue "media") before it may start another
# upload; 0: no limit.
EDUFEST_FILMS_IN_PROCESSING_PER_ACCOUNT = int(env("EDUFEST_FILMS_IN_PROCESSING_PER_ACCOUNT", "2"))
# Test-only pause points (cms/jobs/pause.py) for the crash tests; production.py always empties it.
EDUFEST_PAUSE_POINTS = env_list("EDUFEST_PAUSE_POINTS", "")
# Baseline views of `make bench` under /bench/ (bench/views.py). Off unless the benchmark turns it on.
EDUFEST_BENCH_VIEWS = env_bool("EDUFEST_BENCH_VIEWS", False)

# Logs carry no personal data: every handler masks e-mail addresses and link secrets
# (cms.ops.logs). LOG_FORMAT=json writes one JSON object a line for a log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "cms.ops.logs.MaskPersonalDataFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
        "json": {"()": "cms.ops.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env("LOG_FORMAT", "plain") == "json" else "plain",
            "filters": ["mask_personal_data"],
        },
        # runserver's access log (`make run`): Django's own handler for it has no filter, so the
        # request line (/bilet/<secret>/, /zapisy/<token>/) would be printed as it came.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env("LOG_FORMAT", "plain") == "json" else "django.server",
            "filters": ["mask_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# E-mail outbox (cms.outbox.services): attempts before a mail is marked failed, exponential back-off between
# them (base doubled after each failure, capped), and how long a worker may hold a row it is sending.
EDUFEST_OUTBOX_MAX_ATTEMPTS = int(env("EDUFEST_OUTBOX_MAX_ATTEMPTS", "10"))
EDUFEST_OUTBOX_RETRY_BASE_SECONDS = int(env("EDUFEST_OUTBOX_RETRY_BASE_SECONDS", "60"))
EDUFEST_OUTBOX_RETRY_MAX_SECONDS = int(env("EDUFEST_OUTBOX_RETRY_MAX_SECONDS", str(4 * 60 * 60)))
EDUFEST_OUTBOX_LEASE_SECONDS = int(env("EDUFEST_OUTBOX_LEASE_SECONDS", "300"))
# /healthz answers 503 when no background task has finished for this long (a heartbeat task is
# scheduled every minute).
EDUFEST_WORKER_STALE_SECONDS = int(env("EDUFEST_WORKER_STALE_SECONDS", "300"))
# How long each process may serve its own copy of the page-cache generation and of cached pages
# (cms.cache): a change made in another process shows here within this many seconds. 0: off.
EDUFEST_PAGE_CACHE_LOCAL_SECONDS = float(env("EDUFEST_PAGE_CACHE_LOCAL_SECONDS", "1"))

# The project line printed at the top of the WZK's attendance lists (events.wzk.pdf).
EDUFEST_WZK_PROJECT_LINE = env(
    "EDUFEST_WZK_PROJECT_LINE",
    "Projekt „Zbudowanie systemu koordynacji i monitorowania regionalnych działań na rzecz kształcenia "
    "zawodowego, szkolnictwa wyższego oraz uczenia się przez całe życie, w tym uczenia się dorosłych” "
    "finansowany ze środków Krajowego Planu Odbudowy i Zwiększania Odporności",
)
