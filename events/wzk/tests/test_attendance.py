"""Attendance of a WZK meeting: door check-ins, online confirmation, staff ticks, the quorum."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.tests.factories import StaffFactory
from events.checkin.models import CheckIn
from events.checkin.services import check_in
from events.checkin.tests.factories import CheckInListFactory
from events.tests.factories import EventPageFactory
from events.wzk import queries, services
from events.wzk.models import Invitation, Meeting
from events.wzk.tests.factories import InvitationFactory, MeetingFactory, MemberFactory, with_ticket

pytestmark = pytest.mark.django_db


def meeting_now(*, mode=Meeting.Mode.ONLINE, started_minutes_ago=30, quorum_share="0.50"):
    starts = timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    event = EventPageFactory(
        kind="meeting", members_only=True, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    return MeetingFactory(event=event, mode=mode, quorum_share=Decimal(quorum_share))


def test_a_ticket_checked_in_on_any_list_of_the_event_makes_the_invitee_present():
    meeting = meeting_now(mode=Meeting.Mode.IN_PERSON)
    scanned, absent = InvitationFactory(meeting=meeting), InvitationFactory(meeting=meeting)
    ticket = with_ticket(scanned)
    with_ticket(absent)
    side_door = CheckInListFactory(event=meeting.event, name="Wejście boczne")
    check_in(secret=ticket.secret, checkin_list=side_door, scanned_by=None)

    attendance = queries.attendance_of(meeting)

    assert [(a.name, a.present, a.how) for a in attendance.members] == sorted(
        [(scanned.member.name, True, "door"), (absent.member.name, False, "")]
    )


def test_a_check_in_on_another_events_list_does_not_count():
    meeting = meeting_now(mode=Meeting.Mode.IN_PERSON)
    invitation = InvitationFactory(meeting=meeting)
    ticket = with_ticket(invitation)
    other_list = CheckInListFactory()
    CheckIn.objects.create(
        ticket=ticket, checkin_list=other_list, people=1, first_at=timezone.now(), last_at=timezone.now()
    )

    assert queries.attendance_of(meeting).present_members == []


def test_quorum_counts_present_members_and_substitutes_against_current_members_on_the_day():
    meeting = meeting_now(quorum_share="0.60")
    members = [MemberFactory() for _ in range(5)]
    MemberFactory(term_from=datetime.date(2020, 1, 1), term_to=datetime.date(2021, 1, 1))  # a former member
    door = InvitationFactory(meeting=meeting, member=members[0])
    online = InvitationFactory(meeting=meeting, member=members[1])
    substitute = InvitationFactory(
        meeting=meeting,
        member=members[2],
        answer=Invitation.Answer.SUBSTITUTE,
        substitute_name="Zofia Żółkiewska",
        substitute_institution="Cech Rzemiosł",
    )
    InvitationFactory(meeting=meeting, member=members[3])  # absent
    guest = InvitationFactory(meeting=meeting, member=None, guest_name="Gość", guest_email="gosc@example.org")
    check_in(secret=with_ticket(door).secret, checkin_list=None, scanned_by=None)
    check_in(secret=with_ticket(substitute).secret, checkin_list=None, scanned_by=None)
    services.confirm_presence_online(invitation=online)
    services.confirm_presence_online(invitation=guest)

    attendance = queries.attendance_of(meeting)

    assert (attendance.current_members, attendance.required, attendance.counted) == (5, 3, 3)
    assert attendance.quorum_met is True
    assert [a.name for a in attendance.present_substitutes] == ["Zofia Żółkiewska"]
    assert attendance.present_substitutes[0].for_member == members[2].name
    assert [a.name for a in attendance.present_guests] == ["Gość"]


def test_quorum_is_not_met_one_short():
    meeting = meeting_now(quorum_share="0.50")
    members = [MemberFactory() for _ in range(7)]  # half of 7, rounded up: 4
    for member in members[:3]:
        services.confirm_presence_online(invitation=InvitationFactory(meeting=meeting, member=member))

    attendance = queries.attendance_of(meeting)

    assert (attendance.current_members, attendance.required, attendance.counted, attendance.quorum_met) == (
        7,
        4,
        3,
        False,
    )


def test_online_presence_is_accepted_from_15_minutes_before_the_start_until_the_end():
    meeting = meeting_now(started_minutes_ago=0)
    invitation = InvitationFactory(meeting=meeting)
    starts, ends = meeting.event.starts_at, meeting.event.ends_at

    with pytest.raises(services.AttendanceError) as too_early:
        services.confirm_presence_online(invitation=invitation, now=starts - datetime.timedelta(minutes=16))
    with pytest.raises(services.AttendanceError) as closed:
        services.confirm_presence_online(invitation=invitation, now=ends)
    confirmed = services.confirm_presence_online(
        invitation=invitation, now=starts - datetime.timedelta(minutes=15)
    )
    again = services.confirm_presence_online(
        invitation=invitation, now=starts + datetime.timedelta(minutes=30)
    )

    assert (too_early.value.code, closed.value.code) == ("too_early", "closed")
    assert confirmed.present_online_at == starts - datetime.timedelta(minutes=15)
    assert again.present_online_at == starts - datetime.timedelta(minutes=15)  # idempotent


def test_an_in_person_meeting_takes_no_online_confirmation():
    invitation = InvitationFactory(meeting=meeting_now(mode=Meeting.Mode.IN_PERSON))

    with pytest.raises(services.AttendanceError) as refused:
        services.confirm_presence_online(invitation=invitation)

    assert refused.value.code == "in_person"


def test_the_personal_link_confirms_presence_during_the_meeting(client):
    invitation = InvitationFactory(meeting=meeting_now())
    url = reverse("wzk:confirm_presence", args=[invitation.token])

    page = client.get(url)
    response = client.post(url)
    after = client.get(url)

    assert (page.status_code == 200 and "Jestem obecny" in page.text) or "I am present" in page.text
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.present_online_at is not None
    assert "data-present" in after.text


def test_the_personal_link_refuses_presence_before_the_window_with_a_message(client):
    invitation = InvitationFactory(meeting=meeting_now(started_minutes_ago=-60))

    response = client.post(reverse("wzk:confirm_presence", args=[invitation.token]))

    assert response.status_code == 400
    assert 'role="alert"' in response.text
    invitation.refresh_from_db()
    assert invitation.present_online_at is None


def test_an_unknown_or_expired_link_is_404(client):
    ended = InvitationFactory(meeting=meeting_now(started_minutes_ago=180))

    assert client.get(reverse("wzk:confirm_presence", args=["x" * 43])).status_code == 404
    assert client.get(reverse("wzk:confirm_presence", args=[ended.token])).status_code == 404


def test_staff_tick_presence_as_a_check_in_on_the_entrance_list(client):
    staff = StaffFactory()
    meeting = meeting_now(mode=Meeting.Mode.IN_PERSON)
    invitation = InvitationFactory(meeting=meeting)
    ticket = with_ticket(invitation)
    client.force_login(staff)

    response = client.post(
        reverse("wzk_admin:attendance", args=[meeting.pk]), {"action": "tick", "invitation": invitation.pk}
    )

    assert response.status_code == 302
    state = CheckIn.objects.get(ticket=ticket)
    assert (state.people, state.first_by, state.checkin_list.event_id) == (1, staff, meeting.event.pk)
    assert queries.attendance_of(meeting).present_members[0].how == "door"


def test_ticking_an_invitation_without_a_ticket_is_refused_with_a_message(client):
    client.force_login(StaffFactory())
    meeting = meeting_now(mode=Meeting.Mode.IN_PERSON)
    invitation = InvitationFactory(meeting=meeting)

    response = client.post(
        reverse("wzk_admin:attendance", args=[meeting.pk]),
        {"action": "tick", "invitation": invitation.pk},
        follow=True,
    )

    assert response.status_code == 200
    assert CheckIn.objects.count() == 0
    assert "To zaproszenie nie ma jeszcze biletu" in response.text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries_run:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries_run), response


def test_the_attendance_view_runs_a_constant_number_of_queries(client):
    client.force_login(StaffFactory())
    meeting = meeting_now(mode=Meeting.Mode.IN_PERSON)
    url = reverse("wzk_admin:attendance", args=[meeting.pk])
    for _ in range(2):
        with_ticket(InvitationFactory(meeting=meeting))
    client.get(url)
    two, _response = count_queries(client, url)
    for _ in range(8):
        with_ticket(InvitationFactory(meeting=meeting))

    ten, response = count_queries(client, url)

    assert ten == two
    assert response.text.count('name="invitation"') == 10


def test_the_invitation_page_offers_online_presence_during_the_meeting_and_then_shows_it(client):
    online = InvitationFactory(meeting=meeting_now(mode=Meeting.Mode.ONLINE))
    in_person = InvitationFactory(meeting=meeting_now(mode=Meeting.Mode.IN_PERSON))
    confirm = reverse("wzk:confirm_presence", args=[online.token])

    before = client.get(reverse("wzk:invitation", args=[online.token])).content.decode()
    services.confirm_presence_online(invitation=online)
    after = client.get(reverse("wzk:invitation", args=[online.token])).content.decode()
    at_the_door = client.get(reverse("wzk:invitation", args=[in_person.token])).content.decode()

    assert confirm in before
    assert confirm not in after and "Twoja obecność została odnotowana o" in after
    assert "wzk:confirm_presence" not in at_the_door and "/obecnosc/" not in at_the_door
