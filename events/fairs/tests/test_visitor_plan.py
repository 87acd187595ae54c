# ruff: noqa: RUF001 (workshop times are written with en dashes)
"""The visitor's plan: stands and stand workshops of a fair chosen anonymously, its page, its
.ics, and the plan kept on a fair's registration (ticket page and ticket mails)."""

import datetime
import json
import subprocess
import zoneinfo
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from events.calendars.tests.checks import libical_errors
from events.fairs import calendar, services
from events.fairs.models import ExhibitorPass, VisitorPlan
from events.fairs.queries import PLAN_SESSION_KEY
from events.fairs.tests.factories import (
    ApplicationFactory,
    ExhibitorCallFactory,
    StandPageFactory,
    StandWorkshopFactory,
    make_fair,
)
from events.registration import mails
from events.registration.models import Registration
from events.registration.tests.factories import GroupTicketTypeFactory, RegistrationFactory, TicketTypeFactory
from events.tests.factories import StandFactory
from tests import system

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
READER = Path(__file__).with_name("read_ics.py")
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def at(hour, minute=0, day=10):
    return datetime.datetime(2027, 3, day, hour, minute, tzinfo=WARSAW)


@pytest.fixture
def fair():
    """A published fair on 10 March 2027 (CET) with two stands, one with a live stand page and two
    workshops (10:30 and 12:00 Warsaw time)."""
    fair = make_fair(title="Targi Edukacyjne Opole", starts_at=at(9), ends_at=at(15))
    zone = fair.zones.get(number=1)
    robots = StandFactory(event=fair, zone=zone, number="12", institution="Politechnika Opolska")
    StandFactory(event=fair, zone=fair.zones.get(number=2), number="3", institution="Uniwersytet Opolski")
    page = StandPageFactory(stand=robots, title="Politechnika Opolska")
    StandWorkshopFactory(
        page=page, title="Roboty w szkole", title_en="Robots at school", starts_at=at(12), ends_at=at(12, 45)
    )
    StandWorkshopFactory(page=page, title="Druk 3D", starts_at=at(10, 30), ends_at=at(11, 15))
    return fair


def stands(fair):
    return {stand.number: stand for stand in fair.stands.all()}


def workshops(fair):
    return {
        workshop.title: workshop for workshop in StandPageFactory._meta.model.objects.get().workshops.all()
    }


def add(client, **data):
    return client.post("/targi/plan/dodaj/", data, **SAME_ORIGIN)


def plan_of(client):
    [token] = client.session[PLAN_SESSION_KEY].values()
    return VisitorPlan.objects.get(token=token)


def test_a_visitor_adds_a_stand_and_a_workshop_and_the_plan_page_lists_them_by_zone_and_time(client, fair):
    response = add(client, stand=stands(fair)["12"].pk, next=f"{fair.url}#stoiska")
    assert response.status_code == 302
    assert response["Location"] == f"{fair.url}#stoiska"
    add(client, workshop=workshops(fair)["Druk 3D"].pk)
    add(client, stand=stands(fair)["3"].pk)
    add(client, stand=stands(fair)["12"].pk)  # twice: still once on the plan

    plan = plan_of(client)
    assert plan.event_id == fair.pk
    assert plan.registration is None
    assert sorted(plan.stands.values_list("number", flat=True)) == ["12", "3"]
    assert list(plan.workshops.values_list("title", flat=True)) == ["Druk 3D"]

    page = client.get(f"/targi/plan/{plan.token}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert html.index("stoisko 12: Politechnika Opolska") < html.index("stoisko 3: Uniwersytet Opolski")
    assert "10 marca, 10:30</time>–<time" in html
    assert "Roboty w szkole" in html  # still to choose, under "More workshops"
    assert f"/targi/plan/{plan.token}.ics" in html


def test_removing_takes_the_item_off_the_plan(client, fair):
    add(client, stand=stands(fair)["12"].pk)
    add(client, workshop=workshops(fair)["Druk 3D"].pk)
    plan = plan_of(client)

    response = client.post(f"/targi/plan/{plan.token}/usun/", {"stand": stands(fair)["12"].pk})
    client.post(f"/targi/plan/{plan.token}/usun/", {"workshop": workshops(fair)["Druk 3D"].pk})

    assert response.status_code == 302
    assert response["Location"] == f"/targi/plan/{plan.token}/"
    assert list(plan.stands.all()) == []
    assert list(plan.workshops.all()) == []


def test_another_token_sees_nothing_and_cannot_change_the_plan(client, fair):
    plan = services.add_to_plan(token=None, event=fair, stand=stands(fair)["12"])
    wrong = plan.token[:-2] + ("xx" if not plan.token.endswith("xx") else "yy")

    assert client.get(f"/targi/plan/{wrong}/").status_code == 404
    assert client.get(f"/targi/plan/{wrong}.ics").status_code == 404
    assert client.post(f"/targi/plan/{wrong}/usun/", {"stand": stands(fair)["12"].pk}).status_code == 404
    assert client.get(f"/targi/plan/{'a' * 200}/").status_code == 404
    assert list(plan.stands.values_list("number", flat=True)) == ["12"]


def test_a_second_browser_gets_its_own_plan(fair):
    first, second = Client(), Client()
    add(first, stand=stands(fair)["12"].pk)
    add(second, stand=stands(fair)["3"].pk)

    assert plan_of(first).pk != plan_of(second).pk
    assert list(plan_of(first).stands.values_list("number", flat=True)) == ["12"]
    assert list(plan_of(second).stands.values_list("number", flat=True)) == ["3"]


def test_a_stand_of_an_unpublished_fair_or_a_bad_item_is_refused(client, fair):
    other = make_fair(title="Szkic targów")
    hidden = StandFactory(event=other, zone=other.zones.first())
    other.unpublish()

    assert add(client, stand=hidden.pk).status_code == 404
    assert add(client, stand="abc").status_code == 404
    assert add(client).status_code == 404
    assert add(client, stand=stands(fair)["12"].pk, workshop=workshops(fair)["Druk 3D"].pk).status_code == 404
    assert client.get("/targi/plan/dodaj/").status_code == 405
    assert VisitorPlan.objects.count() == 0


def test_a_cross_site_post_only_gets_a_confirmation_page_with_a_csrf_form(fair):
    client = Client(enforce_csrf_checks=True)
    stand = stands(fair)["12"]

    response = client.post(
        "/targi/plan/dodaj/",
        {"stand": stand.pk},
        HTTP_ORIGIN="https://evil.example",
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    assert response.status_code == 200
    assert VisitorPlan.objects.count() == 0
    html = response.content.decode()
    assert "Dodać stoisko 12: Politechnika Opolska do planu zwiedzania" in html
    assert 'name="csrfmiddlewaretoken"' in html
    token = response.cookies["csrftoken"].value
    confirmed = client.post("/targi/plan/dodaj/", {"stand": stand.pk, "csrfmiddlewaretoken": token})
    assert confirmed.status_code == 302
    assert list(plan_of(client).stands.all()) == [stand]


def test_the_fair_page_offers_add_buttons_without_a_csrf_token_so_it_stays_cacheable(client, fair):
    html = client.get(fair.url).content.decode()

    assert html.count('action="/targi/plan/dodaj/"') == 2
    assert "csrfmiddlewaretoken" not in html
    assert (
        'Dodaj do mojego planu<span class="visually-hidden">: stoisko 12: Politechnika Opolska</span>' in html
    )
    assert f'href="/targi/{fair.pk}/moj-plan/"' in html


def test_my_plan_opens_this_browsers_plan_or_says_how_to_start_one(client, fair):
    assert (
        "Nie masz jeszcze w tej przeglądarce planu zwiedzania"
        in client.get(f"/targi/{fair.pk}/moj-plan/").content.decode()
    )
    add(client, stand=stands(fair)["12"].pk)

    response = client.get(f"/targi/{fair.pk}/moj-plan/")

    assert response["Location"] == f"/targi/plan/{plan_of(client).token}/"


def read_with_libical(ics):
    system.require_libical()
    result = subprocess.run(
        [system.SYSTEM_PYTHON, str(READER)], input=ics, capture_output=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


def test_the_ics_has_the_fair_and_the_chosen_workshops_in_warsaw_time_for_a_second_parser(
    client, fair, settings
):
    settings.SITE_URL = "https://edufest.example.org"
    add(client, stand=stands(fair)["12"].pk)
    add(client, workshop=workshops(fair)["Roboty w szkole"].pk)
    add(client, workshop=workshops(fair)["Druk 3D"].pk)
    plan = plan_of(client)

    response = client.get(f"/targi/plan/{plan.token}.ics")
    again = client.get(f"/targi/plan/{plan.token}.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content == again.content
    assert libical_errors(response.content) == []
    druk, roboty = (workshops(fair)[title].pk for title in ("Druk 3D", "Roboty w szkole"))
    assert read_with_libical(response.content) == [
        {
            "uid": f"event-{fair.pk}@edufest.example.org",
            "summary": "Targi Edukacyjne Opole",
            "dtstart": "DTSTART;TZID=Europe/Warsaw:20270310T090000",
            "dtend": "DTEND;TZID=Europe/Warsaw:20270310T150000",
        },
        {
            "uid": f"fair-workshop-{druk}@edufest.example.org",
            "summary": "Druk 3D (stoisko 12: Politechnika Opolska)",
            "dtstart": "DTSTART;TZID=Europe/Warsaw:20270310T103000",
            "dtend": "DTEND;TZID=Europe/Warsaw:20270310T111500",
        },
        {
            "uid": f"fair-workshop-{roboty}@edufest.example.org",
            "summary": "Roboty w szkole (stoisko 12: Politechnika Opolska)",
            "dtstart": "DTSTART;TZID=Europe/Warsaw:20270310T120000",
            "dtend": "DTEND;TZID=Europe/Warsaw:20270310T124500",
        },
    ]


def test_the_english_ics_and_plan_page_use_the_english_workshop_title(client, fair):
    add(client, workshop=workshops(fair)["Roboty w szkole"].pk)
    plan = plan_of(client)

    with translation.override("en"):
        ics = calendar.plan_ics(plan).decode()
    html = client.get(f"/en/targi/plan/{plan.token}/").content.decode()

    assert "SUMMARY:Robots at school (stand 12: Politechnika Opolska)" in ics
    assert "Robots at school" in html
    assert "My visit plan" in html


def fair_registration(fair, **fields):
    return RegistrationFactory(ticket_type=TicketTypeFactory(event=fair), language="pl", **fields)


def test_plan_my_visit_on_the_ticket_page_keeps_this_browsers_plan_on_the_registration(client, fair):
    registration = fair_registration(fair)
    ticket_url = f"/bilet/{registration.ticket.secret}/"
    page = client.get(ticket_url).content.decode()
    assert f'action="/targi/plan/bilet/{registration.ticket.secret}/"' in page
    add(client, stand=stands(fair)["12"].pk)
    anonymous = plan_of(client)

    response = client.post(f"/targi/plan/bilet/{registration.ticket.secret}/")
    again = client.post(f"/targi/plan/bilet/{registration.ticket.secret}/")

    anonymous.refresh_from_db()
    assert anonymous.registration == registration
    assert response["Location"] == again["Location"] == f"/targi/plan/{anonymous.token}/"
    assert VisitorPlan.objects.count() == 1
    page = client.get(ticket_url).content.decode()
    assert "Twój plan zwiedzania" in page
    assert "stoisko 12: Politechnika Opolska (strefa 1. Strefa 1)" in page
    assert f"/targi/plan/{anonymous.token}.ics" in page


def test_a_registration_in_another_browser_gets_a_new_empty_plan_and_a_wrong_ticket_404(client, fair):
    registration = fair_registration(fair)
    assert client.post("/targi/plan/bilet/zly-bilet/").status_code == 404

    client.post(f"/targi/plan/bilet/{registration.ticket.secret}/")

    plan = VisitorPlan.objects.get()
    assert (plan.registration, plan.event_id, plan.stands.count()) == (registration, fair.pk, 0)


def test_a_cancelled_registration_gets_no_plan(client, fair):
    registration = fair_registration(fair)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)

    response = client.post(f"/targi/plan/bilet/{registration.ticket.secret}/", follow=True)

    assert VisitorPlan.objects.count() == 0
    assert "To zgłoszenie zostało anulowane" in response.content.decode()


def test_a_ticket_of_another_kind_of_event_has_no_plan_section(client):
    registration = RegistrationFactory()

    page = client.get(f"/bilet/{registration.ticket.secret}/").content.decode()

    assert "plan-zwiedzania" not in page
    assert client.post(f"/targi/plan/bilet/{registration.ticket.secret}/").status_code == 404


def test_the_reminder_mail_shows_the_plan_with_workshop_times_and_links(fair, settings):
    settings.SITE_URL = "https://edufest.example.org"
    registration = fair_registration(fair)
    plan = services.plan_for_registration(registration=registration)
    services.add_to_plan(token=plan.token, event=fair, stand=stands(fair)["3"])
    services.add_to_plan(token=plan.token, event=fair, workshop=workshops(fair)["Druk 3D"])

    composed = mails.compose(registration=registration.pk, kind="reminder")

    assert (
        "Twój plan zwiedzania\n"
        "Stoiska do odwiedzenia:\n"
        "- stoisko 3: Uniwersytet Opolski (strefa 2. Strefa 2)\n"
        "Warsztaty na stoiskach:\n"
        "- 10 marca, 10:30–11:15 Druk 3D — stoisko 12: Politechnika Opolska\n"
        f"Otwórz i zmień plan: https://edufest.example.org/targi/plan/{plan.token}/\n"
        f"Godziny warsztatów w Twoim kalendarzu (.ics): https://edufest.example.org/targi/plan/{plan.token}.ics\n"
    ) in composed.body_text
    assert "10 marca, 10:30</time>–<time" in composed.body_html
    assert f'href="https://edufest.example.org/targi/plan/{plan.token}/"' in composed.body_html


def test_a_cancellation_mail_shows_no_plan(fair):
    registration = fair_registration(fair)
    services.plan_for_registration(registration=registration)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)

    composed = mails.compose(registration=registration.pk, kind="cancelled")

    assert "plan zwiedzania" not in composed.body_text.lower()


def test_the_script_of_the_buttons_gets_a_json_answer_instead_of_a_redirect(client, fair):
    response = client.post(
        "/targi/plan/dodaj/", {"stand": stands(fair)["12"].pk}, HTTP_ACCEPT="application/json", **SAME_ORIGIN
    )

    plan = plan_of(client)
    assert response.status_code == 200
    assert response.json() == {
        "message": "Dodano do planu zwiedzania: stoisko 12: Politechnika Opolska.",
        "plan_url": f"/targi/plan/{plan.token}/",
        "plan_link_text": "Zobacz swój plan",
    }
    assert response["Cache-Control"] == "private, no-store"


def test_an_exhibitor_pass_has_no_plan_section(client, fair):
    registration = fair_registration(fair)
    ExhibitorPass.objects.create(
        application=ApplicationFactory(call=ExhibitorCallFactory(event=fair)),
        registration=registration,
        name="Jan",
    )

    page = client.get(f"/bilet/{registration.ticket.secret}/").content.decode()

    assert "plan-zwiedzania" not in page


def test_a_teacher_plans_the_class_visit_from_the_class_ticket(client, fair):
    registration = RegistrationFactory(
        ticket_type=GroupTicketTypeFactory(event=fair),
        places=25,
        pupils=23,
        adults=2,
        school_name="Szkoła Podstawowa nr 5 w Opolu",
        language="pl",
    )

    response = client.post(f"/targi/plan/bilet/{registration.ticket.secret}/")
    plan = VisitorPlan.objects.get(registration=registration)
    add(client, workshop=workshops(fair)["Roboty w szkole"].pk)

    assert response["Location"] == f"/targi/plan/{plan.token}/"
    assert list(plan.workshops.values_list("title", flat=True)) == ["Roboty w szkole"]
    body = mails.compose(registration=registration.pk, kind="reminder").body_text
    assert "- 10 marca, 12:00–12:45 Roboty w szkole — stoisko 12: Politechnika Opolska\n" in body
