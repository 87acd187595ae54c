"""A fair's stand staff (passes: registrations of the "exhibitor" ticket type) work at the fair:
they are not sent the visitors' feedback survey, checked in or not."""

import datetime

import pytest
from django.utils import timezone

from events.checkin.models import CheckIn
from events.feedback import services
from events.feedback.models import Invitation
from events.registration.models import TicketType
from events.registration.tests.factories import RegistrationFactory, TicketTypeFactory

from .factories import attach, checked_in, ended_event

pytestmark = pytest.mark.django_db


def stand_staff(event, **fields):
    ticket_type = TicketTypeFactory(
        event=event,
        kind=TicketType.Kind.EXHIBITOR,
        name="Wystawca",
        is_active=False,
        invitation_required=True,
    )
    registration = RegistrationFactory(ticket_type=ticket_type, **fields)
    CheckIn.objects.create(
        ticket=registration.ticket,
        checkin_list=event.checkin_lists.first(),
        people=1,
        first_at=timezone.now(),
        last_at=timezone.now(),
    )
    return registration


def test_checked_in_stand_staff_get_no_survey_and_the_visitors_do():
    event = ended_event(ended_hours_ago=0)
    event_survey = attach(event=event, send_after_hours=2, reminder_after_hours=48, closes_after_days=7)
    visitor = checked_in(event, email="osoba@example.org")
    stand_staff(event, email="obsluga.stoiska@example.org")

    sent = services.send_due_feedback_mail(now=event.ends_at + datetime.timedelta(hours=2))

    assert sent == {"invited": 1, "reminded": 0}
    assert list(Invitation.objects.values_list("registration", flat=True)) == [visitor.pk]
    assert event_survey.invitations.count() == 1
