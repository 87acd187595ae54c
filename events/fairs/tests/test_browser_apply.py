"""Playwright: an exhibitor signs up, verifies the address, saves a draft and submits it."""

import re

import pytest
from django.core import mail

from events.fairs.models import Application
from events.fairs.tests.factories import ExhibitorCallFactory
from tests.a11y import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_exhibitor_signs_up_saves_a_draft_and_submits(page, demo_site):
    call = ExhibitorCallFactory()
    page.goto("/wystawca/rejestracja/")
    assert_no_axe_violations(page)
    page.get_by_label("Nazwa instytucji").fill("Uniwersytet Przykładowy")
    page.get_by_label("Rodzaj instytucji").select_option("university")
    page.get_by_label("Miejscowość").fill("Kraków")
    page.get_by_label("Imię").fill("Ewa")
    page.get_by_label("Nazwisko").fill("Wystawczyni")
    page.get_by_label("Email").fill("ewa@uni.example.org")
    page.get_by_label(re.compile(r"^Hasło:?$")).fill("Zielona-Gora-2026!")
    page.get_by_label(re.compile(r"^Hasło \(ponownie\)")).fill("Zielona-Gora-2026!")
    page.get_by_role("button", name="Załóż konto wystawcy").click()
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Potwierdź").click()
    page.wait_for_url("**/wystawca/")
    assert page.get_by_role("heading", name="Strefa wystawcy", level=1).is_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Zgłoś stoisko").click()
    page.get_by_label("Liczba osób obsługujących stoisko").fill("3")
    page.get_by_label("Gniazdko elektryczne").check()
    page.get_by_label("Co pokażecie").fill("Roboty mobilne i rekrutacja.")
    page.get_by_role("button", name="Zapisz szkic").click()
    page.get_by_text("Szkic zgłoszenia został zapisany.").wait_for()
    assert page.get_by_label("Co pokażecie").input_value() == "Roboty mobilne i rekrutacja."
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    page.get_by_text("Zgłoszenie zostało wysłane.").wait_for()
    assert page.get_by_text("Wysłane, czeka na decyzję").is_visible()
    application = Application.objects.get(call=call)
    assert (application.status, application.stand_staff, application.power) == ("submitted", 3, True)
