"""``seed_demo`` on a fresh database (no ``var/admin-password.txt`` yet): every demo login it prints
works at once, and the Wagtail Site and the printed addresses follow SITE_URL."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db

LOGIN_LINE = re.compile(r"^  (?P<role>[^:]+): (?P<email>\S+) / (?P<password>\S+)  \((?P<url>\S+)\)$", re.M)


def test_every_demo_login_printed_on_the_first_run_logs_in(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.SITE_URL = "http://127.0.0.1:8200"
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    printed = [match.groupdict() for match in LOGIN_LINE.finditer(out.getvalue())]
    admin_password = (tmp_path / "admin-password.txt").read_text().strip()
    assert [(login["role"], login["email"], login["url"]) for login in printed] == [
        ("admin (staff)", "admin@example.org", "http://127.0.0.1:8200/admin/"),
        ("Edubus coordinator", "edubus@example.org", "http://127.0.0.1:8200/admin/"),
        ("teacher (school coordinator)", "teacher@example.org", "http://127.0.0.1:8200/accounts/login/"),
        ("juror", "katarzyna.wroblewska@example.org", "http://127.0.0.1:8200/accounts/login/"),
        ("juror", "tomasz.malinowski@example.org", "http://127.0.0.1:8200/accounts/login/"),
        ("WZK member", "czlonek.wzk@example.org", "http://127.0.0.1:8200/wzk/moje/"),
        ("fair exhibitor", "wystawca@example.org", "http://127.0.0.1:8200/wystawca/"),
    ]
    assert {login["password"] for login in printed if login["role"] != "teacher (school coordinator)"} == {
        admin_password
    }
    for login in printed:
        client.logout()
        response = client.post("/accounts/login/", {"login": login["email"], "password": login["password"]})
        assert response.status_code == 302, login["role"]
        assert client.session.get("_auth_user_id"), login["role"]


def test_seed_demo_puts_the_wagtail_site_on_site_url(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.SITE_URL = "http://127.0.0.1:8200"
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name, site.root_url) == (
        "127.0.0.1",
        8200,
        "Edufest",
        "http://127.0.0.1:8200",
    )
    assert "Site: http://127.0.0.1:8200/" in out.getvalue()
    assert "127.0.0.1:8000" not in out.getvalue()
