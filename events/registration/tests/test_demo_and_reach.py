import datetime

import pytest
from django.utils import timezone

from cms.reach import ReachRow
from events.registration import demo
from events.registration.models import InvitationCode, Question, TicketType
from events.registration.reach import reach_rows

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
        school_county="opole",
    )
    day = timezone.localtime(start).date()

    rows = list(reach_rows(start=day, end=day))
    outside = list(reach_rows(start=day + datetime.timedelta(days=1), end=day + datetime.timedelta(days=2)))

    key = f"event:{ticket_type.event_id}"
    assert rows == [
        ReachRow("event:festival", "festiwal", key, 1, 1, "", "Opole", "opolski", "opole"),
        ReachRow(
            "event:festival", "festiwal", key, 1, 22, "name:szkoła podstawowa nr 3", "Opole", "opole", "opole"
        ),
    ]
    assert outside == []
