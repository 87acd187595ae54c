"""Factories of feedback tests: a survey with one question of each type, attached to an ended event,
and checked-in registrations (a person, a class)."""

import datetime

import factory
from django.utils import timezone

from events.checkin.models import CheckIn
from events.checkin.tests.factories import CheckInListFactory
from events.feedback.models import EventSurvey, Question, Survey
from events.registration.tests.factories import (
    EventFactory,
    GroupTicketTypeFactory,
    RegistrationFactory,
    TicketTypeFactory,
)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Ankieta {n}")


def full_survey():
    """A survey with a required scale, a required single choice, an optional multiple choice and
    optional short and long text."""
    survey = SurveyFactory()
    for position, (label, kind, choices, required) in enumerate(
        [
            ("Ocena ogólna", Question.Kind.SCALE, "", True),
            ("Co najciekawsze?", Question.Kind.SINGLE, "Stoiska\nWarsztaty", True),
            ("Skąd wiesz?", Question.Kind.MULTIPLE, "Szkoła\nInternet\nZnajomi", False),
            ("Jednym słowem", Question.Kind.SHORT_TEXT, "", False),
            ("Co poprawić?", Question.Kind.LONG_TEXT, "", False),
        ]
    ):
        Question.objects.create(
            survey=survey, label=label, kind=kind, choices=choices, required=required, sort_order=position
        )
    return survey


def ended_event(*, ended_hours_ago=1, **fields):
    ends_at = timezone.now() - datetime.timedelta(hours=ended_hours_ago)
    return EventFactory(starts_at=ends_at - datetime.timedelta(hours=5), ends_at=ends_at, **fields)


def attach(event=None, survey=None, **fields):
    return EventSurvey.objects.create(event=event or ended_event(), survey=survey or full_survey(), **fields)


def checked_in(event, *, group=False, pupils=20, people=None, **fields):
    """A confirmed registration of ``event`` with its people checked in (``people=0``: none came)."""
    if group:
        ticket_type = GroupTicketTypeFactory(event=event)
        registration = RegistrationFactory(
            ticket_type=ticket_type, places=pupils + 2, pupils=pupils, adults=2, school_name="SP 5", **fields
        )
    else:
        ticket_type = TicketTypeFactory(event=event)
        registration = RegistrationFactory(ticket_type=ticket_type, **fields)
    checkin_list = event.checkin_lists.first() or CheckInListFactory(event=event)
    at = event.starts_at
    CheckIn.objects.create(
        ticket=registration.ticket,
        checkin_list=checkin_list,
        people=registration.places if people is None else people,
        first_at=at,
        last_at=at,
    )
    return registration
