"""The Wagtail admin for staff: the menu in groups, the dashboard's "Needs attention" panel."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.admin.menu import admin_menu

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import OutgoingEmailFactory, StaffFactory
from contests.models import Entry
from contests.tests.factories import EntryFactory, make_contest
from events.edubus.models import VisitRequest
from events.edubus.tests.factories import VisitRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())  # with a TOTP authenticator: staff must pass MFA
    return client


def menu_of(response):
    """Labels of the admin menu as the sidebar orders them, each group with its items."""
    request = response.wsgi_request
    menu = []
    for item in sorted(admin_menu.menu_items_for_request(request), key=lambda i: i.order):
        submenu = getattr(item, "menu", None)
        children = (
            [child.label for child in sorted(submenu.menu_items_for_request(request), key=lambda i: i.order)]
            if submenu
            else None
        )
        menu.append((str(item.label), [str(label) for label in children] if children is not None else None))
    return menu


def test_staff_see_the_admin_menu_in_groups(staff_client):
    response = staff_client.get("/admin/")

    assert response.status_code == 200
    menu = dict(menu_of(response))
    assert menu["Wydarzenia"] == [
        "Zgłoszenia",
        "Rodzaje biletów",
        "Pytania formularza zapisów",
        "Kody zaproszeń",
        "Skaner i liczniki wejść",
        "Listy wejść",
        "Dziennik skanów",
        "Policzeni odwiedzający",
        "Stoiska targowe",
        "Wystawcy targów",  # events.fairs: the group of the fairs' viewsets (hall plans, …)
        "Ustawienia zaświadczeń",
        "Zaświadczenia o udziale",
        "Ankiety ewaluacyjne",
        "Ankiety wydarzeń",
        "Wyniki ankiet",
        "WZK",
    ]
    assert menu["Konkursy"] == [
        "Zgłoszenia konkursowe",
        "Kody przedłużenia",
        "Szkoły",
        "Jury: etapy i kryteria",
        "Deklaracje jurorów",
        "Wyniki jury",
        "Głosy publiczności",
    ]
    assert menu["Działanie serwisu"] == [
        "Zasięg",
        "Miejsca do sprawdzenia",
        "Skrzynka nadawcza",
        "Nieudane zadania",
        "Konfiguracja 2FA",
    ]
    assert menu["Edubus"][:2] == ["Prośby o Edubus do rozpatrzenia", "Harmonogram Edubusa"]
    flat = [label for label, children in menu_of(response) if children is None]
    assert flat == ["Strony", "Obrazy", "Dokumenty"]


def attention_rows(html):
    panel = html.split('id="edufest-attention-content"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a></td>\s*<td><strong>(\d+)</strong>', panel)


def test_the_dashboard_shows_what_needs_attention_with_counts_and_links(staff_client):
    VisitRequestFactory()
    VisitRequestFactory(status=VisitRequest.Status.PROPOSED)
    VisitRequestFactory(status=VisitRequest.Status.DECLINED)
    contest = make_contest()
    EntryFactory(contest=contest, status=Entry.Status.SUBMITTED)
    EntryFactory(contest=contest, status=Entry.Status.ACCEPTED)
    OutgoingEmailFactory(status=OutgoingEmail.Status.FAILED)
    OutgoingEmailFactory(status=OutgoingEmail.Status.SENT)

    response = staff_client.get("/admin/")

    assert "Wymaga uwagi" in response.text
    assert attention_rows(response.text) == [
        ("/admin/edubus/requests/", "Prośby o Edubus do rozpatrzenia", "2"),
        ("/admin/contests/entries/?status=submitted", "Zgłoszenia konkursowe do sprawdzenia", "1"),
        ("/admin/outbox/?status=failed", "Nieudane e-maile", "1"),
    ]


def test_the_dashboard_costs_the_same_queries_however_much_waits(staff_client):
    staff_client.get("/admin/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        staff_client.get("/admin/")
    contest = make_contest()
    for _n in range(5):
        VisitRequestFactory()
        EntryFactory(contest=contest, status=Entry.Status.SUBMITTED)
        OutgoingEmailFactory(status=OutgoingEmail.Status.FAILED)
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get("/admin/")

    assert [count for _url, _label, count in attention_rows(response.text)] == ["5", "5", "5"]
    assert len(many) == len(few)
