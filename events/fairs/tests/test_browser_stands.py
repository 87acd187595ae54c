"""In Chromium: an exhibitor signs in, edits the stand page and adds a workshop; the public stand
page shows it, and both pages pass axe."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from events.fairs.models import EXHIBITOR, Application
from events.fairs.tests.factories import ApplicationFactory, ExhibitorCallFactory, exhibitor_person
from events.tests.factories import StandFactory
from tests.a11y import assert_no_axe_violations


@pytest.fixture(autouse=True)
def _exhibitor_role():
    """A transactional test's flush removes the role made by migration 0002_exhibitor_role, which
    conftest's restore_base_data does not make again (it re-runs only ``*_permissions`` migrations)."""
    Group.objects.get_or_create(name=EXHIBITOR)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_exhibitor_edits_the_stand_page_adds_a_workshop_and_the_public_page_shows_it(page, demo_site):
    call = ExhibitorCallFactory()
    fair = call.event
    stand = StandFactory(event=fair, zone=fair.zones.first(), number="21")
    application = ApplicationFactory(call=call, status=Application.Status.ACCEPTED, stand=stand)
    person = exhibitor_person(application.exhibitor, email="stoisko@example.org")
    day = timezone.localdate(fair.starts_at)

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label(re.compile(r"^Hasło")).fill("correct-horse-battery")
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    page.wait_for_load_state()
    page.goto(f"/wystawca/stoisko/{application.pk}/")
    assert page.get_by_role("heading", name=re.compile("Strona Twojego stoiska"), level=1).is_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Opis stoiska (po polsku)").fill("Roboty, drony i rekrutacja na studia.")
    page.get_by_label("Prezentowane kierunki studiów").fill("Automatyka i robotyka\nInformatyka")
    page.get_by_label("Tytuł warsztatu (po polsku)").first.fill("Programujemy drona")
    page.get_by_label("Początek warsztatu").first.fill(f"{day}T11:00")
    page.get_by_label("Koniec warsztatu").first.fill(f"{day}T11:45")
    page.get_by_label("Liczba miejsc na warsztacie").first.fill("12")
    page.get_by_role("button", name="Zapisz stronę stoiska").click()
    page.wait_for_load_state()

    assert page.get_by_text("Strona stoiska jest zapisana i opublikowana.").is_visible()
    page.get_by_role("link", name="Zobacz publiczną stronę stoiska").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=application.exhibitor.name, level=1).is_visible()
    assert page.get_by_role("heading", name="Programujemy drona", level=3).is_visible()
    assert page.get_by_text(re.compile(r"11:00")).first.is_visible()
    assert page.get_by_role("listitem").filter(has_text="Automatyka i robotyka").is_visible()
    assert_no_axe_violations(page)
