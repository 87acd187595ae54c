"""A visitor puts a stand and a workshop on the plan with the buttons of the fair's page (the
cached page's forms carry no CSRF token: the browser's Fetch metadata lets the POST through), and
the plan page passes axe-core."""

import datetime
import re

import pytest
from django.utils import timezone

from events.fairs.tests.factories import StandPageFactory, StandWorkshopFactory, make_fair
from events.tests.factories import StandFactory
from tests.a11y import axe_violations, format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_visitor_plans_a_stand_and_a_workshop_from_the_fair_page(page):
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    fair = make_fair(
        title="Targi Edukacyjne Opole",
        slug="targi-opole-plan",
        county="",
        voivodeship="",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
    )
    stand = StandFactory(event=fair, zone=fair.zones.first(), number="12", institution="Politechnika Opolska")
    StandWorkshopFactory(page=StandPageFactory(stand=stand), title="Druk 3D", starts_at=starts_at)

    page.goto(fair.url)
    page.get_by_role(
        "button", name=re.compile(r"^Dodaj do mojego planu\s?: stoisko 12: Politechnika Opolska$")
    ).click()
    # With JavaScript the button answers in a status region beside the stand list (no reload,
    # which would come back to "#stoiska").
    page.get_by_role("status").get_by_text(
        "Dodano do planu zwiedzania: stoisko 12: Politechnika Opolska."
    ).wait_for()
    assert not page.url.endswith("#stoiska")
    page.get_by_role("status").get_by_role("link", name="Zobacz swój plan").click()

    page.get_by_role("heading", level=1, name="Targi Edukacyjne Opole").wait_for()
    assert page.get_by_role(
        "button", name=re.compile(r"^Usuń z planu\s?: stoisko 12: Politechnika Opolska$")
    ).is_visible()
    page.get_by_role("button", name=re.compile(r"^Dodaj do mojego planu\s?: Druk 3D$")).click()
    assert page.get_by_role("button", name=re.compile(r"^Usuń z planu\s?: Druk 3D$")).is_visible()
    assert page.get_by_role("link", name="Godziny warsztatów w Twoim kalendarzu (.ics)").is_visible()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)

    page.goto(fair.url)
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
