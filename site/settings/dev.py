"""Local development: `make run`. Debug on, mail written to var/mail, SQLite unless DATABASE_URL is set."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *
from .base import VAR_DIR, env, env_bool

SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
VAR_DIR.mkdir(parents=True, exist_ok=True)

STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# The demo logins of `make run` (admin, juror) work without setting up an authenticator first.
EDUFEST_MFA_REQUIRED = env_bool("EDUFEST_MFA_REQUIRED", False)
