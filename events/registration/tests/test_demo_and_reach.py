import datetime

import pytest
from django.utils import timezone

from cms.reach.figures import ReachRow
from events.checkin.models import CheckInList
from events.checkin.reach import reach_rows
from events.checkin.services import check_in
from events.registration import demo
from events.registration.models import InvitationCode, Question, TicketType

from .factories import (
    GroupTicketTypeFactory,
    SessionFactory,
    TicketTypeFactory,
    make_event,
    register,
    register_group,
)

pytestmark = pytest.mark.django_db


def test_demo_adds_ticket_types_to_the_demo_events_and_is_idempotent():
    festival = make_event(slug="festiwal-zawodow-opolskie")
    SessionFactory(page=festival)
    SessionFactory(page=festival)
    make_event(slug="posiedzenie-wzk", members_only=True, registration_enabled=False)

    demo.seed()
    demo.seed()

    assert list(TicketType.objects.filter(event=festival).values_list("name", "kind")) == [
        ("Wstęp indywidualny", "individual"),
        ("Grupa szkolna", "group"),
    ]
    assert [tt.sessions.count() for tt in TicketType.objects.filter(event=festival)] == [2, 2]
    assert Question.objects.filter(event=festival, required=False).count() == 1
    code = InvitationCode.objects.get()
    assert (code.code, code.max_uses, code.event.slug) == ("WZK-CZLONKOWIE-2026", 40, "posiedzenie-wzk")
    assert code.event.specific.registration_enabled is True
    assert TicketType.objects.count() == 3


def test_reach_has_one_row_per_confirmed_registration_with_the_school_or_venue_place():
    start = timezone.now() + datetime.timedelta(days=10)
    ticket_type = TicketTypeFactory(
        capacity=1, event=make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    )
    group_type = GroupTicketTypeFactory(event=ticket_type.event)
    register(ticket_type, 1)
    register(ticket_type, 2)  # waiting: not counted
    register_group(
        group_type,
        3,
        pupils=20,
        adults=2,
        school_rspo="",
        school_name="  Szkoła  Podstawowa nr 3 ",
        school_county="1661",
    )
    day = timezone.localtime(start).date()

    rows = list(reach_rows(start=day, end=day))
    outside = list(reach_rows(start=day + datetime.timedelta(days=1), end=day + datetime.timedelta(days=2)))

    key = f"event:{ticket_type.event_id}"
    event = ticket_type.event
    traced = {
        "activity_name": event.title,
        "records_url": f"/admin/registrations/{event.pk}/?status=confirmed",
        "venue_municipality_code": event.municipality_code,
    }
    # Nobody has come yet: the places are registered, the people present are 0.
    assert rows == [
        ReachRow("event:festival", "festiwal", key, 1, 0, "", "Opole", "1609", "16", places=1, **traced),
        ReachRow(
            "event:festival",
            "festiwal",
            key,
            1,
            0,
            "name:szkoła podstawowa nr 3",
            "Opole",
            "1661",
            "16",
            places=22,
            institution_kind="school",
            **traced,
        ),
    ]
    assert outside == []


def test_reach_counts_the_people_checked_in_once_per_registration_beside_the_registered_places():
    start = timezone.now() + datetime.timedelta(days=10)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(days=1))
    individual = TicketTypeFactory(event=event)
    groups = GroupTicketTypeFactory(event=event)
    came = register(individual, 1)
    stayed_home = register(individual, 2)
    school = register_group(groups, 3, pupils=20, adults=2)
    late_school = register_group(groups, 4, pupils=10, adults=1)
    day_1 = CheckInList.objects.create(event=event, name="Dzień 1")
    day_2 = CheckInList.objects.create(event=event, name="Dzień 2")
    for checkin_list, registration, count in [
        (day_1, came, None),
        (day_1, school, 15),  # 15 of 22 on day 1,
        (day_2, school, 18),  # 18 on day 2: 18 were present, not 33
        (day_2, late_school, 4),
        (day_2, late_school, 3),  # the group arrives in parts: 7 in all
    ]:
        check_in(secret=registration.ticket.secret, checkin_list=checkin_list, count=count, scanned_by=None)
    day = timezone.localtime(start).date()

    rows = list(reach_rows(start=day, end=day))

    assert [(row.registrations, row.places, row.people) for row in rows] == [
        (1, 1, 1),  # came
        (1, 1, 0),  # stayed_home
        (1, 22, 18),  # school
        (1, 11, 7),  # late_school
    ]
    # The class's head-count present is split in the proportion it declared (half up): 18 of 20 + 2
    # are 16 pupils (16.4) and 2 adults, 7 of 10 + 1 are 6 pupils (6.4) and 1 adult. The event names
    # no audience, so the individual who came is "not known".
    assert [(row.pupils, row.teachers, row.adults, row.others, row.basis) for row in rows] == [
        (0, 0, 0, 0, "checked_in"),
        (0, 0, 0, 0, "checked_in"),
        (16, 0, 2, 0, "checked_in"),
        (6, 0, 1, 0, "checked_in"),
    ]
    assert stayed_home.ticket.checkins.count() == 0
