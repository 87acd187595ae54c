"""Each user's journey whole, in Chromium, on the demo data (``seed_demo``).

One typed address at the start of each journey (the home page, or the admin for staff); after that
only links and buttons a person sees are clicked, so a journey fails when a link it needs is
missing. A link read from a mail in the outbox is followed as the person would click it.
"""

import os
import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FESTIVAL = "Festiwal Zawodów Województwa Opolskiego"


@pytest.fixture
def demo(settings, tmp_path):
    """The demo data, as ``make run`` seeds it; the generated admin password is returned."""
    settings.VAR_DIR = tmp_path
    cache.clear()
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    return (tmp_path / "admin-password.txt").read_text().strip()


@pytest.fixture
def english_page(browser, live_server):
    """A visitor whose browser prefers Polish: switching to English is the visitor's own click."""
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw", bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _path_in(body, pattern):
    """The site path of the first link in a mail body that matches ``pattern`` (after SITE_URL)."""
    return re.search(re.escape(settings.SITE_URL) + pattern, body).group(1)


def test_visitor_switches_to_english_registers_a_class_and_cancels(page, demo):
    from contests.demo import DEMO_TEACHER_EMAIL, DEMO_TEACHER_PASSWORD
    from events.registration.models import Registration

    started = time.monotonic()
    page.goto("/")
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.locator(".main-nav").get_by_role("link", name="Events").click()
    page.get_by_role("link", name=FESTIVAL).first.click()
    page.get_by_role("link", name="Teachers: log in to register a class").click()

    page.get_by_label("Email").fill(DEMO_TEACHER_EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(DEMO_TEACHER_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()

    page.wait_for_url("**/en/zapisy/wydarzenie/*/klasa/")
    page.get_by_label("Teacher's phone").fill("600 100 200")
    page.get_by_label("School name").fill("Publiczna Szkoła Podstawowa nr 5 w Opolu")
    page.get_by_label("Town or village of the school").fill("Opole")
    page.get_by_label("Voivodeship").select_option("16")
    page.get_by_label("County (powiat)").select_option("1661")
    page.get_by_label("Number of pupils").fill("24")
    page.get_by_label("Accompanying adults").fill("2")
    page.get_by_role("checkbox", name=re.compile("^I have read the privacy")).check()
    page.get_by_role("button", name="Register the class").click()

    page.wait_for_selector('[data-status="confirmed"]')
    registration = Registration.objects.get(school_name="Publiczna Szkoła Podstawowa nr 5 w Opolu")
    assert (registration.places, registration.status) == (26, "confirmed")
    [confirmation] = [m for m in mail.outbox if m.to == [DEMO_TEACHER_EMAIL]]
    cancel_path = _path_in(confirmation.body, r"(/(?:en/)?zapisy/[^/\s]+/anuluj/)")

    page.get_by_role("link", name="Cancel this registration").click()
    assert page.url.endswith(cancel_path)
    page.get_by_role("button", name=re.compile("cancel", re.I)).click()

    page.wait_for_selector('[data-status="cancelled"]')
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert time.monotonic() - started < 60
