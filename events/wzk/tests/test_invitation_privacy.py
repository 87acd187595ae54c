"""Personal data of meeting invitations: a guest's and a named substitute's export, erasure and retention."""

import datetime

import pytest
from django.utils import timezone

from events.tests.factories import EventPageFactory
from events.wzk import privacy, retention
from events.wzk.models import Invitation, Minutes, MinutesComment
from events.wzk.tests.factories import InvitationFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def past_meeting(days_ago):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    event = EventPageFactory(kind="meeting", members_only=True, starts_at=starts, ends_at=starts)
    return MeetingFactory(event=event)


def test_a_guest_exports_their_invitation_and_erasure_keeps_the_answer_without_the_person():
    meeting = past_meeting(10)
    guest = InvitationFactory(
        meeting=meeting,
        member=None,
        guest_name="Gość Testowy",
        guest_email="gosc@example.org",
        guest_institution="Izba Rzemiosła",
        answer=Invitation.Answer.YES,
    )
    minutes = MinutesFactory(meeting=meeting, status=Minutes.Status.IN_COMMENTS)
    MinutesComment.objects.create(minutes=minutes, invitation=guest, text="Proszę poprawić punkt 2.")

    exported = privacy.export_invitations("GOSC@example.org")["wzk_invitations"]
    erasure = privacy.erase_invitations("gosc@example.org")
    guest.refresh_from_db()

    assert [(row["guest_name"], row["answer"], row["comments_on_minutes"]) for row in exported] == [
        ("Gość Testowy", "yes", ["Proszę poprawić punkt 2."])
    ]
    assert list(erasure.done.values()) == [1, 0, 1]
    assert (guest.guest_name, guest.guest_email, guest.guest_institution, guest.answer) == (
        "—",
        f"gosc-{guest.pk}@anonim.invalid",
        "",
        "yes",
    )
    assert privacy.export_invitations("gosc@example.org") == {"wzk_invitations": []}


def test_a_named_substitute_is_cleared_from_the_members_invitation():
    invitation = InvitationFactory(
        meeting=past_meeting(10),
        answer=Invitation.Answer.SUBSTITUTE,
        substitute_name="Zastępca Testowy",
        substitute_email="zastepca@example.org",
    )

    privacy.erase_invitations("zastepca@example.org")
    invitation.refresh_from_db()

    assert (invitation.substitute_name, invitation.substitute_email, invitation.answer) == (
        "—",
        "",
        "substitute",
    )


def test_retention_removes_guests_and_substitutes_addresses_two_years_after_the_meeting():
    old = past_meeting(800)
    recent = past_meeting(100)
    old_guest = InvitationFactory(
        meeting=old, member=None, guest_name="Stary Gość", guest_email="stary@example.org"
    )
    old_substitute = InvitationFactory(meeting=old, substitute_email="z@example.org", substitute_name="Z")
    recent_guest = InvitationFactory(
        meeting=recent, member=None, guest_name="Nowy", guest_email="nowy@example.org"
    )
    rule = retention.invitation_rules()[0]
    cutoff = timezone.now() - datetime.timedelta(days=rule.default_days)

    due = rule.due(cutoff)
    assert sorted(due.values_list("pk", flat=True)) == sorted([old_guest.pk, old_substitute.pk])
    assert rule.process(due, timezone.now()) == 2
    old_guest.refresh_from_db()
    old_substitute.refresh_from_db()
    recent_guest.refresh_from_db()

    assert (old_guest.guest_name, old_guest.guest_email) == (
        "Stary Gość",
        f"gosc-{old_guest.pk}@anonim.invalid",
    )
    assert (old_substitute.substitute_name, old_substitute.substitute_email) == ("Z", "")
    assert recent_guest.guest_email == "nowy@example.org"
    assert not rule.due(cutoff).exists()
