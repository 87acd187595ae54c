"""The stand's visit page in Chromium on a 320 px phone: axe clean, nothing wider than the screen,
the visit counted once however often the phone reloads; the exhibitor's counts page axe clean."""

import pytest
from django.contrib.auth.models import Group

from events.fairs import services
from events.fairs.models import EXHIBITOR, StandVisitHour
from tests.a11y import assert_no_axe_violations

from .factories import exhibitor_person
from .test_visits import accepted, fair_call, fair_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"  # cms.tests.factories.UserFactory


def test_a_phone_opens_the_stand_code_reads_the_material_and_counts_once(page):
    page.set_viewport_size({"width": 320, "height": 640})
    application = accepted(fair_today(title="Targi Uczelni Opolskie"))
    code = services.ensure_visit_code(stand=application.stand)
    services.save_visit_material(
        code=code,
        material="Informatyka, automatyka i robotyka: rekrutacja od 1 czerwca. https://example.org/rekrutacja",
        material_url="https://example.org/ulotka-z-bardzo-dluga-nazwa-pliku-ktora-sie-nie-miesci.pdf",
    )

    page.goto(f"/stoisko/{code.token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Politechnika Opolska"
    assert page.get_by_role("link", name="Otwórz nasze materiały").is_visible()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.reload()
    page.reload()

    assert StandVisitHour.objects.get(stand=application.stand).visits == 1


def test_the_exhibitors_visit_counts_page_is_axe_clean(page):
    application = accepted(fair_call())
    Group.objects.get_or_create(name=EXHIBITOR)  # made by a migration; an earlier flush may have removed it
    exhibitor_person(application.exhibitor, email="wystawca@example.org")
    services.count_stand_visit(stand=application.stand, at=application.call.event.starts_at)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "wystawca@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()

    page.goto(f"/wystawca/stoisko/{application.pk}/odwiedziny/")
    assert page.get_by_role("heading", level=1).inner_text() == "Odwiedziny waszego stoiska"
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
