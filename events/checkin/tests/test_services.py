import datetime as dt

import pytest

from events.checkin.models import CheckIn, Scan, secret_hash
from events.checkin.services import check_in, regenerate_ticket
from events.registration.models import Registration

from .factories import (
    WARSAW,
    CheckInListFactory,
    EventPageFactory,
    GroupTicketTypeFactory,
    RegistrationFactory,
    TicketFactory,
    TicketTypeFactory,
    add_session,
    group_ticket,
    staff_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return staff_user()


def test_first_scan_checks_in_and_second_is_refused_as_already_checked_in(staff):
    ticket = TicketFactory(registration__name="Zofia Wiśniewska")
    entrance = CheckInListFactory(event=ticket.registration.event)

    first = check_in(secret=ticket.secret, checkin_list=entrance, scanned_by=staff, device="brama-1")
    second = check_in(secret=ticket.secret, checkin_list=entrance, scanned_by=staff, device="brama-2")

    assert (first.result, first.name, first.ticket_type, first.group_size, first.checked_in) == (
        "ok",
        "Zofia Wiśniewska",
        "Wejście indywidualne",
        1,
        1,
    )
    assert second.result == "already_checked_in"
    assert second.checked_in_at == first.checked_in_at
    assert second.checked_in_by == "Jan " + staff.last_name
    assert list(Scan.objects.order_by("pk").values_list("result", "device", "people", "secret_hash")) == [
        ("ok", "brama-1", 1, secret_hash(ticket.secret)),
        ("already_checked_in", "brama-2", 0, secret_hash(ticket.secret)),
    ]


def test_scan_without_list_uses_the_events_entrance_list(staff):
    ticket = TicketFactory()

    answer = check_in(secret=ticket.secret, scanned_by=staff)

    state = CheckIn.objects.get()
    assert answer.result == "ok"
    assert (state.checkin_list.event_id, state.checkin_list.name, state.people) == (
        ticket.registration.event_id,
        "Wejście",
        1,
    )
    assert check_in(secret=ticket.secret, scanned_by=staff).result == "already_checked_in"


def test_group_arrives_in_parts_and_later_scans_add_the_rest(staff):
    ticket = group_ticket(places=25)
    entrance = CheckInListFactory(event=ticket.registration.event)

    first = check_in(secret=ticket.secret, checkin_list=entrance, count=18, scanned_by=staff)
    second = check_in(secret=ticket.secret, checkin_list=entrance, count=5, scanned_by=staff)
    last = check_in(secret=ticket.secret, checkin_list=entrance, count=9, scanned_by=staff)
    after = check_in(secret=ticket.secret, checkin_list=entrance, count=1, scanned_by=staff)

    assert [(a.result, a.people, a.checked_in, a.group_size) for a in (first, second, last, after)] == [
        ("partial", 18, 18, 25),
        ("partial", 5, 23, 25),
        ("ok", 2, 25, 25),  # only the 2 still expected are admitted
        ("already_checked_in", 0, 25, 25),
    ]
    assert CheckIn.objects.get().people == 25


def test_group_without_count_checks_in_everyone_still_expected(staff):
    ticket = group_ticket(places=25)
    entrance = CheckInListFactory(event=ticket.registration.event)
    check_in(secret=ticket.secret, checkin_list=entrance, count=7, scanned_by=staff)

    answer = check_in(secret=ticket.secret, checkin_list=entrance, scanned_by=staff)

    assert (answer.result, answer.people, answer.checked_in) == ("ok", 18, 25)


def test_count_below_one_is_rejected(staff):
    ticket = group_ticket()
    with pytest.raises(ValueError):
        check_in(secret=ticket.secret, count=0, scanned_by=staff)
    assert Scan.objects.count() == 0


def test_refusals_are_logged_with_their_reason(staff):
    event = EventPageFactory()
    entrance = CheckInListFactory(event=event)
    ticket_type = TicketTypeFactory(event=event)
    cancelled = TicketFactory(
        registration=RegistrationFactory(ticket_type=ticket_type, status=Registration.Status.CANCELLED)
    )
    waitlisted = TicketFactory(
        registration=RegistrationFactory(ticket_type=ticket_type, status=Registration.Status.WAITLISTED)
    )
    other_event = TicketFactory()

    results = [
        check_in(secret=cancelled.secret, checkin_list=entrance, scanned_by=staff).result,
        check_in(secret=waitlisted.secret, checkin_list=entrance, scanned_by=staff).result,
        check_in(secret=other_event.secret, checkin_list=entrance, scanned_by=staff).result,
        check_in(secret="not-a-ticket", checkin_list=entrance, scanned_by=staff).result,
        check_in(secret="x" * 500, checkin_list=entrance, scanned_by=staff).result,
    ]

    assert results == ["cancelled", "waitlisted", "wrong_event", "unknown", "unknown"]
    assert Scan.objects.filter(checkin_list=entrance).count() == 5
    assert CheckIn.objects.count() == 0
    assert Scan.objects.filter(secret_hash=secret_hash("not-a-ticket"), ticket=None).exists()


def test_list_limited_to_ticket_types_refuses_others(staff):
    event = EventPageFactory()
    vip = TicketTypeFactory(event=event, name="Goście")
    groups = GroupTicketTypeFactory(event=event)
    vip_list = CheckInListFactory(event=event, name="Goście honorowi", all_ticket_types=False)
    vip_list.ticket_types.add(vip)
    guest = TicketFactory(registration=RegistrationFactory(ticket_type=vip))
    pupils = TicketFactory(registration=RegistrationFactory(ticket_type=groups, places=20))

    assert check_in(secret=guest.secret, checkin_list=vip_list, scanned_by=staff).result == "ok"
    assert check_in(secret=pupils.secret, checkin_list=vip_list, scanned_by=staff).result == "wrong_list"


def test_day_and_session_lists_admit_only_tickets_for_that_day_or_session(staff):
    event = EventPageFactory()
    day1 = add_session(
        event, title="Dzień 1: warsztaty", starts_at=dt.datetime(2026, 9, 15, 9, tzinfo=WARSAW)
    )
    day2 = add_session(event, title="Dzień 2: targi", starts_at=dt.datetime(2026, 9, 16, 9, tzinfo=WARSAW))
    ticket_type = TicketTypeFactory(event=event)
    for_day1 = TicketFactory(registration=RegistrationFactory(ticket_type=ticket_type))
    for_day1.registration.sessions.add(day1)
    whole_event = TicketFactory(registration=RegistrationFactory(ticket_type=ticket_type))
    list_day2 = CheckInListFactory(event=event, name="Dzień 2", day=dt.date(2026, 9, 16))
    list_day1 = CheckInListFactory(event=event, name="Dzień 1", day=dt.date(2026, 9, 15))
    list_session2 = CheckInListFactory(event=event, name="Targi", session=day2)

    # Each list is scanned on its own day (a one-day list refuses other days: see the wrong_day test).
    on_day1 = {"scanned_by": staff, "now": dt.datetime(2026, 9, 15, 9, 30, tzinfo=WARSAW)}
    on_day2 = {"scanned_by": staff, "now": dt.datetime(2026, 9, 16, 9, 30, tzinfo=WARSAW)}
    assert check_in(secret=for_day1.secret, checkin_list=list_day2, **on_day2).result == "wrong_list"
    assert check_in(secret=for_day1.secret, checkin_list=list_session2, **on_day2).result == "wrong_list"
    assert check_in(secret=for_day1.secret, checkin_list=list_day1, **on_day1).result == "ok"
    assert check_in(secret=whole_event.secret, checkin_list=list_day2, **on_day2).result == "ok"
    # Each list counts on its own: the whole-event ticket also enters on day 1.
    assert check_in(secret=whole_event.secret, checkin_list=list_day1, **on_day1).result == "ok"


def test_a_one_day_list_refuses_a_valid_ticket_on_another_day_unless_staff_let_it_in(staff):
    event = EventPageFactory()
    ticket = TicketFactory(registration=RegistrationFactory(ticket_type=TicketTypeFactory(event=event)))
    day = dt.date(2026, 9, 16)
    list_of_the_day = CheckInListFactory(event=event, name="Dzień 2", day=day)
    ten_days_early = dt.datetime(2026, 9, 6, 10, tzinfo=WARSAW)

    early = check_in(secret=ticket.secret, checkin_list=list_of_the_day, scanned_by=staff, now=ten_days_early)
    let_in = check_in(
        secret=ticket.secret,
        checkin_list=list_of_the_day,
        scanned_by=staff,
        now=ten_days_early,
        allow_other_day=True,
    )

    assert (early.result, early.checked_in, early.valid_days) == ("wrong_day", 0, (day,))
    assert (let_in.result, let_in.checked_in) == ("ok", 1)
    assert list(Scan.objects.order_by("pk").values_list("result", "other_day")) == [
        ("wrong_day", False),
        ("ok", True),
    ]


def test_an_offline_scan_is_judged_by_the_day_on_the_device(staff):
    event = EventPageFactory()
    ticket = TicketFactory(registration=RegistrationFactory(ticket_type=TicketTypeFactory(event=event)))
    list_of_the_day = CheckInListFactory(event=event, day=dt.date(2026, 9, 16))

    answer = check_in(
        secret=ticket.secret,
        checkin_list=list_of_the_day,
        scanned_by=staff,
        offline=True,
        device_time=dt.datetime(2026, 9, 16, 8, 55, tzinfo=WARSAW),
        now=dt.datetime(2026, 9, 17, 12, 0, tzinfo=WARSAW),  # synced the next day
    )

    assert answer.result == "ok"


def test_regenerated_ticket_old_secret_is_unknown_and_new_one_works(staff):
    ticket = TicketFactory()
    old_secret = ticket.secret
    entrance = CheckInListFactory(event=ticket.registration.event)

    ticket = regenerate_ticket(ticket=ticket, by=staff)

    assert ticket.secret != old_secret and len(ticket.secret) == 43
    assert ticket.regenerated_at is not None
    assert check_in(secret=old_secret, checkin_list=entrance, scanned_by=staff).result == "unknown"
    assert check_in(secret=ticket.secret, checkin_list=entrance, scanned_by=staff).result == "ok"


def test_retried_scan_id_returns_the_first_answer_and_counts_once(staff):
    ticket = group_ticket(places=10)
    entrance = CheckInListFactory(event=ticket.registration.event)

    first = check_in(secret=ticket.secret, checkin_list=entrance, count=4, scanned_by=staff, scan_id="a1")
    retry = check_in(secret=ticket.secret, checkin_list=entrance, count=4, scanned_by=staff, scan_id="a1")
    unknown = check_in(secret="nope", checkin_list=entrance, scanned_by=staff, scan_id="b2")
    unknown_retry = check_in(secret="nope", checkin_list=entrance, scanned_by=staff, scan_id="b2")

    assert (first.result, first.checked_in) == ("partial", 4)
    assert retry == first
    assert unknown == unknown_retry
    assert unknown.result == "unknown"
    assert CheckIn.objects.get().people == 4
    assert Scan.objects.count() == 2


def test_check_in_by_hash_of_the_secret_from_the_offline_list(staff):
    ticket = TicketFactory()
    entrance = CheckInListFactory(event=ticket.registration.event)

    answer = check_in(ticket_hash=secret_hash(ticket.secret), checkin_list=entrance, scanned_by=staff)
    again = check_in(ticket_hash=secret_hash(ticket.secret), checkin_list=entrance, scanned_by=staff)

    assert (answer.result, again.result) == ("ok", "already_checked_in")
    assert check_in(ticket_hash="0" * 64, checkin_list=entrance, scanned_by=staff).result == "unknown"


def test_offline_scan_refused_by_the_server_is_a_conflict(staff):
    ticket = TicketFactory()
    entrance = CheckInListFactory(event=ticket.registration.event)
    check_in(secret=ticket.secret, checkin_list=entrance, scanned_by=staff, device="A", offline=True)

    check_in(secret=ticket.secret, checkin_list=entrance, scanned_by=staff, device="B", offline=True)

    assert [(s.device, s.is_conflict) for s in Scan.objects.order_by("pk")] == [("A", False), ("B", True)]
