"""Fixtures shared by every app's tests: a Playwright browser on Debian's Chromium, the demo site."""

import os
import shutil

import pytest
from django.utils import translation
from wagtail.models import Site

from cms import demo
from cms.places import queries as places
from cms.tests.factories import restore_base_data
from tests import system

CHROMIUM = system.CHROMIUM
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_runtest_setup(item):
    """``@pytest.mark.postgres`` tests need PostgreSQL: skipped on SQLite, except under CI=true."""
    if item.get_closest_marker("postgres") is not None:
        system.require_postgresql()


@pytest.fixture(autouse=True)
def _place_register(request):
    """The register of places is read once per process (``cms.places.queries.register``): read it before
    a database test, so that the query counts a test measures do not depend on the test order."""
    if not (request.node.get_closest_marker("django_db") or "db" in request.fixturenames):
        return
    if places._register[0] is None:
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            places.register()


@pytest.fixture(autouse=True)
def _media_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "cms.files.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium. Without it the test is skipped, except under CI=true where that fails."""
    system.require_chromium()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 — Playwright (0.2 s to import) loads only in a run with a browser test

    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Polish: a test-client request leaves its language active in the thread."""
    translation.activate("pl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _base_data_after_flush(request):
    """A transactional test's flush removes what migrations created (root page and collection,
    default site, locales, role groups); put it back so every later test starts from the same base."""
    if request.node.get_closest_marker("django_db") is None and not (
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    ):
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or "live_server" in request.fixturenames
    request.getfixturevalue("transactional_db" if transactional else "db")
    if not Site.objects.exists():
        restore_base_data()


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh context. CSP is bypassed so tests can inject axe-core and evaluate
    scripts; tests/test_csp_browser.py checks the real pages under the real policy."""
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw", bypass_csp=True
    )
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


@pytest.fixture
def demo_site(db):
    """The cms demo tree: home page, standard pages, site settings, roles."""
    return demo.seed(stdout=None)
