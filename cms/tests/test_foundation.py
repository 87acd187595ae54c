import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.accounts import roles
from cms.models import HomePage, StandardPage
from cms.outbox.models import OutgoingEmail
from cms.outbox.services import queue_email

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_roles_exist_after_migrations(db):
    assert set(Group.objects.filter(name__in=roles.ALL).values_list("name", flat=True)) == set(roles.ALL)
    assert Group.objects.get(name=roles.STAFF).permissions.filter(codename="access_admin").exists()
    assert not Group.objects.get(name=roles.SCHOOL_COORDINATOR).permissions.exists()


def test_seed_demo_is_idempotent(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    counts = (Page.objects.count(), HomePage.objects.count(), StandardPage.objects.count())
    call_command("seed_demo", stdout=open(os.devnull, "w"))

    assert (Page.objects.count(), HomePage.objects.count(), StandardPage.objects.count()) == counts
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["en", "pl"]
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert (tmp_path / "admin-password.txt").exists()


def test_home_page_is_polish_with_menu_and_footer(client, demo_site):
    response = client.get("/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl">' in content
    assert 'href="#main"' in content
    assert "Przejdź do głównej treści" in content
    assert '<a href="/o-nas/">O Wojewódzkim Zespole Koordynacji</a>' in content
    assert "Krajowego Planu Odbudowy" in content


def test_english_interface_under_en_prefix(client, demo_site):
    response = client.get("/en/accounts/login/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Skip to main content" in response.content.decode()


def test_unknown_url_gets_friendly_404(client, demo_site):
    response = client.get("/nie-ma-takiej-strony/")

    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


def test_outbox_sends_queued_mail_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(
            to="jan@example.org", subject="Witaj", body_text="Treść", body_html="<p>Treść</p>"
        )

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 1
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["jan@example.org"], "Witaj", "Treść")]


def test_outbox_keeps_mail_when_transport_fails(db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens, the connection is refused
    settings.EMAIL_TIMEOUT = 2

    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(to="jan@example.org", subject="Witaj", body_text="Treść")

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.RETRY
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error


def _run_check_deploy(extra_env):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "x" * 30 + "-production-secret-key-for-the-check-0123456789",
        "DATABASE_URL": "sqlite:////tmp/edufest-check.sqlite3",
        "ALLOWED_HOSTS": "edufest.example.org",
        "SITE_URL": "https://edufest.example.org",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _run_check_deploy({})

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_fail_fast_without_secret_key():
    result = _run_check_deploy({"SECRET_KEY": ""})

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/api/v1/openapi.json"])
def test_site_wide_urls_answer(client, demo_site, path):
    assert client.get(path).status_code == 200
