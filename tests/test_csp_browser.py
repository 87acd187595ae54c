"""The real pages under the real Content-Security-Policy: their scripts load and run, nothing is
blocked. (Other browser tests bypass CSP so they can inject axe-core.)"""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.tests.factories import add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/wydarzenia/",
    "/wydarzenia/festiwal-zawodow-opolskie/",
    "/wydarzenia/festiwal-uczelni-malopolska/",
    "/edubus/",
    "/edubus/zaproszenie/",
    "/kalendarz/",
    "/konkursy/",
    "/konkursy/kreci-mnie-moj-zawod/",
    "/szukaj/?q=festiwal",
    "/accounts/login/",
]
STAFF_PAGES = ["/skaner/"]


def _violations(browser, live_server, paths, cookies=()):
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw")
    if cookies:
        context.add_cookies(list(cookies))
    problems = []
    page = context.new_page()
    page.on(
        "console", lambda message: "Content Security Policy" in message.text and problems.append(message.text)
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    for path in paths:
        response = page.goto(path)
        assert response.status < 400, (path, response.status)
        page.wait_for_load_state("networkidle")
    context.close()
    return problems


def test_public_pages_run_their_scripts_under_the_policy(browser, live_server, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))

    assert _violations(browser, live_server, PUBLIC_PAGES) == []


def test_staff_scanner_runs_under_the_policy(browser, live_server, client, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    # The demo admin has no authenticator; without one MFA would send the browser to /accounts/2fa/.
    client.force_login(add_totp(get_user_model().objects.get(username="admin")))
    session_cookie = {
        "name": django_settings.SESSION_COOKIE_NAME,
        "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }

    assert _violations(browser, live_server, STAFF_PAGES, cookies=[session_cookie]) == []
