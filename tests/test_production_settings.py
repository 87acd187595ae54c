"""Production settings seen from outside: HSTS on every HTTPS answer, HTTP redirected, and cookies
that are Secure, HttpOnly and SameSite (run in a subprocess, as `settings.production` loads)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="edufest.example.org")
secure = client.get("/api/v1/openapi.json", secure=True)
plain = client.get("/api/v1/openapi.json")
print(json.dumps({
    "status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security"),
    "plain": [plain.status_code, plain.get("Location")],
    "session": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE],
    "csrf": [settings.CSRF_COOKIE_SECURE, settings.CSRF_COOKIE_HTTPONLY, settings.CSRF_COOKIE_SAMESITE],
    "language": [settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_HTTPONLY, settings.LANGUAGE_COOKIE_SAMESITE],
}))
"""


def test_production_answers_with_hsts_and_sets_only_secure_http_only_same_site_cookies():
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "p" * 30 + "-production-secret-key-for-the-probe-0123456789",
        "DATABASE_URL": "sqlite:////tmp/edufest-probe.sqlite3",
        "CACHE_URL": "locmem://",
        "ALLOWED_HOSTS": "edufest.example.org",
        "SITE_URL": "https://edufest.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr

    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen == {
        "status": 200,
        "hsts": "max-age=31536000; includeSubDomains; preload",
        "plain": [301, "https://edufest.example.org/api/v1/openapi.json"],
        "session": [True, True, "Lax"],
        "csrf": [True, True, "Lax"],
        "language": [True, True, "Lax"],
    }
