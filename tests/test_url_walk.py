"""Walk every URL pattern without parameters (and every live page) as an anonymous visitor.

Each answer must be a non-5xx response carrying the security headers; private areas must not
answer 200 to an anonymous visitor.
"""

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

PRIVATE_PREFIXES = ("/admin/", "/django-admin/")
SKIP = {"/i18n/setlang/"}  # POST-only language switch
# Harmless admin pages: scripts, icons and the "mail sent" / "password set" notices.
PUBLIC_ADMIN_ASSETS = {
    "/admin/jsi18n/",
    "/admin/sprite/",
    "/admin/password_reset/done/",
    "/admin/password_reset/complete/",
}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if "<" in route or "(?P" in route:
                # Only the i18n prefix is a parameter-free regex resolver; others need arguments.
                if route in ("", "^"):
                    yield from _walk(pattern.url_patterns, prefix)
                continue
            yield from _walk(pattern.url_patterns, prefix + route.lstrip("^"))
        elif isinstance(pattern, URLPattern):
            if "<" in route or "(?P" in route or any(ch in route for ch in "*+?[]\\"):
                continue
            yield "/" + (prefix + route.lstrip("^").rstrip("$")).lstrip("/")


def parameterless_paths():
    paths = set()
    for path in _walk(get_resolver().url_patterns):
        if path not in SKIP:
            paths.add(path)
    return sorted(paths)


@pytest.fixture
def every_public_path(demo_site):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    page_paths = [page.url for page in Page.objects.live().public().specific() if page.url]
    return sorted(set(parameterless_paths()) | set(page_paths))


def test_every_public_url_answers_without_server_error_and_with_headers(
    client, every_public_path, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    failures = []
    for path in every_public_path:
        response = client.get(path)
        if response.status_code >= 500:
            failures.append((path, response.status_code, "server error"))
            continue
        if response.get("X-Content-Type-Options") != "nosniff":
            failures.append((path, response.status_code, "no nosniff"))
        if not path.startswith(PRIVATE_PREFIXES) and "Content-Security-Policy" not in response:
            failures.append((path, response.status_code, "no CSP"))
        if (
            path.startswith(PRIVATE_PREFIXES)
            and path not in PUBLIC_ADMIN_ASSETS
            and response.status_code == 200
        ):
            failures.append((path, response.status_code, "private area open to anonymous"))

    assert failures == []
    assert len(every_public_path) > 10


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/", "/admin/password_reset/"])
def test_admin_logins_go_through_the_one_allauth_login(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(("/accounts/login/", "/accounts/password/reset/"))
