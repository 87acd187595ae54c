"""The answer page in Chromium at 320 px: axe finds nothing, the form keeps its input after an error,
and the answer goes through to the thank-you page (the page needs no JavaScript at all)."""

import pytest
from django.utils import timezone

from events.feedback import services
from events.feedback.models import Invitation, Response
from tests.a11y import assert_no_axe_violations

from .factories import attach, checked_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_answer_page_is_accessible_at_320_px_and_keeps_input_after_an_error(page):
    event_survey = attach(send_after_hours=0)
    checked_in(event_survey.event, email="osoba@example.org")
    services.send_due_feedback_mail(now=timezone.now())
    token = Invitation.objects.get().token
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(f"/ankieta/{token}/")
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Co poprawić?").fill("Więcej czasu na warsztaty")
    page.get_by_role("button", name="Wyślij odpowiedzi").click()

    assert page.get_by_text("Odpowiedz na to pytanie.").first.is_visible()
    assert page.get_by_label("Co poprawić?").input_value() == "Więcej czasu na warsztaty"
    assert_no_axe_violations(page)
    page.get_by_role("group", name="Ocena ogólna (wymagane)").get_by_label("4").check()
    page.get_by_role("group", name="Co najciekawsze? (wymagane)").get_by_label("Warsztaty").check()
    page.get_by_role("button", name="Wyślij odpowiedzi").click()

    page.get_by_role("heading", name="Dziękujemy za odpowiedzi").wait_for()
    assert_no_axe_violations(page)
    assert Response.objects.count() == 1


def test_the_answer_page_works_without_javascript(browser, live_server):
    event_survey = attach(send_after_hours=0)
    checked_in(event_survey.event, email="osoba@example.org")
    services.send_due_feedback_mail(now=timezone.now())
    token = Invitation.objects.get().token
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="pl-PL")
    page = context.new_page()

    page.goto(f"/ankieta/{token}/")
    page.get_by_role("group", name="Ocena ogólna (wymagane)").get_by_label("5").check()
    page.get_by_role("group", name="Co najciekawsze? (wymagane)").get_by_label("Stoiska").check()
    page.get_by_role("button", name="Wyślij odpowiedzi").click()

    assert page.get_by_role("heading", name="Dziękujemy za odpowiedzi").is_visible()
    context.close()
    assert Response.objects.count() == 1
