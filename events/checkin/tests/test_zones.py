"""Check-in lists at the entrance of one fair zone: which tickets they admit, what they count."""

import json

import pytest
from wagtail.models import APIToken

from cms.tests.factories import add_totp
from events.checkin.models import CheckInList, Scan, ScanResult
from events.checkin.queries import list_stats
from events.checkin.services import check_in
from events.tests.factories import ZoneFactory

from .factories import (
    CheckInListFactory,
    EventPageFactory,
    GroupTicketTypeFactory,
    RegistrationFactory,
    TicketFactory,
    TicketTypeFactory,
    UserFactory,
    staff_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return staff_user()


@pytest.fixture
def fair():
    """A fair with two zones; the "Uczelnie" ticket type lets only into the universities' zone."""
    event = EventPageFactory(kind="fair")
    universities = ZoneFactory(page=event, number=1, name="Uczelnie")
    trades = ZoneFactory(page=event, number=2, name="Szkoły branżowe")
    everywhere = TicketTypeFactory(event=event, name="Wejście na targi")
    universities_only = GroupTicketTypeFactory(event=event, name="Uczelnie")
    universities_only.zones.add(universities)
    universities_only.save()
    return {
        "event": event,
        "universities": universities,
        "trades": trades,
        "everywhere": everywhere,
        "universities_only": universities_only,
    }


def ticket_of(ticket_type, **fields):
    return TicketFactory(registration=RegistrationFactory(ticket_type=ticket_type, **fields))


def test_zone_list_admits_tickets_valid_in_the_zone_and_refuses_the_others_as_wrong_zone(staff, fair):
    trades_entrance = CheckInListFactory(event=fair["event"], name="Wejście B", zone=fair["trades"])
    universities_entrance = CheckInListFactory(
        event=fair["event"], name="Wejście A", zone=fair["universities"]
    )
    visitor = ticket_of(fair["everywhere"])
    class_ = ticket_of(fair["universities_only"], places=20, pupils=18, adults=2)
    other_fair = ticket_of(TicketTypeFactory())

    refused = check_in(secret=class_.secret, checkin_list=trades_entrance, scanned_by=staff)

    assert (refused.result, refused.people, refused.checked_in) == (ScanResult.WRONG_ZONE, 0, 0)
    assert refused.name == class_.registration.name  # the door sees whose ticket it is
    assert check_in(secret=visitor.secret, checkin_list=trades_entrance, scanned_by=staff).result == "ok"
    assert check_in(secret=class_.secret, checkin_list=universities_entrance, scanned_by=staff).result == "ok"
    assert (
        check_in(secret=visitor.secret, checkin_list=universities_entrance, scanned_by=staff).result == "ok"
    )
    assert (
        check_in(secret=other_fair.secret, checkin_list=trades_entrance, scanned_by=staff).result
        == "wrong_event"
    )
    assert list(
        Scan.objects.filter(checkin_list=trades_entrance).order_by("pk").values_list("result", "people")
    ) == [
        ("wrong_zone", 0),
        ("ok", 1),
        ("wrong_event", 0),
    ]


def test_zone_limit_combines_with_ticket_type_limits_of_the_list(staff, fair):
    """A zone list also limited to ticket types refuses a type it does not name as wrong_list."""
    universities_entrance = CheckInListFactory(
        event=fair["event"], zone=fair["universities"], all_ticket_types=False
    )
    universities_entrance.ticket_types.add(fair["universities_only"])

    visitor = check_in(
        secret=ticket_of(fair["everywhere"]).secret, checkin_list=universities_entrance, scanned_by=staff
    )
    group = check_in(
        secret=ticket_of(fair["universities_only"], places=5, pupils=4, adults=1).secret,
        checkin_list=universities_entrance,
        scanned_by=staff,
    )

    assert (visitor.result, group.result) == ("wrong_list", "ok")


def test_zone_lists_count_the_visitors_of_each_zone(staff, fair):
    universities_entrance = CheckInListFactory(event=fair["event"], zone=fair["universities"])
    trades_entrance = CheckInListFactory(event=fair["event"], zone=fair["trades"])
    class_ = ticket_of(fair["universities_only"], places=20, pupils=18, adults=2)
    visitors = [ticket_of(fair["everywhere"]) for _ in range(3)]

    check_in(secret=class_.secret, checkin_list=universities_entrance, count=12, scanned_by=staff)
    for visitor in visitors:
        check_in(secret=visitor.secret, checkin_list=trades_entrance, scanned_by=staff)
    check_in(secret=visitors[0].secret, checkin_list=universities_entrance, scanned_by=staff)
    check_in(secret=class_.secret, checkin_list=trades_entrance, scanned_by=staff)  # refused

    universities, trades = list_stats(universities_entrance), list_stats(trades_entrance)

    # Universities: 12 of the class and 1 visitor in; expected are the class (20) and the 3 visitors.
    assert (universities["checked_in"], universities["expected"], universities["to_come"]) == (13, 23, 10)
    # Trades: the 3 visitors in; the class is not expected there.
    assert (trades["checked_in"], trades["expected"], trades["to_come"]) == (3, 3, 0)
    assert trades["scans"]["wrong_zone"] == 1


def test_offline_list_of_a_zone_holds_only_the_tickets_valid_there(client, fair):
    trades_entrance = CheckInListFactory(event=fair["event"], zone=fair["trades"])
    visitor = ticket_of(fair["everywhere"], name="Ewa Zielińska")
    ticket_of(fair["universities_only"], name="Jan Nowak", places=5, pupils=4, adults=1)
    _token, plain = APIToken.create_token(user=staff_user(), name="skaner")

    body = client.get(
        f"/api/v1/checkin/lists/{trades_entrance.pk}/tickets", HTTP_AUTHORIZATION=f"Bearer {plain}"
    ).json()

    assert body["list"]["zone"] == "2. Szkoły branżowe"
    assert [ticket["name"] for ticket in body["tickets"]] == [visitor.registration.name]


def test_scanner_names_the_zone_refusal_in_polish(client, fair):
    trades_entrance = CheckInListFactory(event=fair["event"], name="Wejście B", zone=fair["trades"])
    client.force_login(staff_user())

    html = client.get(f"/skaner/?list={trades_entrance.pk}").content.decode()
    texts = json.loads(
        html.split('<script id="scanner-i18n" type="application/json">')[1].split("</script>")[0]
    )

    assert texts["results"]["wrong_zone"] == "Bilet nie obowiązuje w tej strefie"
    assert "Wejście B (strefa 2. Szkoły branżowe)</option>" in html


def test_staff_create_a_zone_list_in_the_admin_and_a_zone_of_another_event_is_refused(client, fair):
    admin = UserFactory(is_superuser=True, is_staff=True)
    admin.save()
    add_totp(admin)  # staff need MFA for the admin
    client.force_login(admin)
    other_zone = ZoneFactory(name="Strefa innych targów")
    form = {
        "event": fair["event"].pk,
        "name": "Wejście B",
        "day": "",
        "session": "",
        "all_ticket_types": "on",
    }

    refused = client.post("/admin/checkin_lists/new/", {**form, "zone": other_zone.pk})
    created = client.post("/admin/checkin_lists/new/", {**form, "zone": fair["trades"].pk})

    assert refused.status_code == 200
    assert "Wybierz strefę tego wydarzenia." in refused.content.decode()
    assert 'value="Wejście B"' in refused.content.decode()  # the form keeps the input
    assert created.status_code == 302
    assert list(CheckInList.objects.values_list("name", "zone__name")) == [("Wejście B", "Szkoły branżowe")]
