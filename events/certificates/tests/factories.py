"""Factories for certificate tests: a past event with a check-in list, checked-in registrations."""

import datetime as dt

import factory
from django.utils import timezone

from events.certificates.models import CertificateSettings
from events.checkin.models import CheckIn
from events.checkin.tests.factories import (
    CheckInListFactory,
    EventPageFactory,
    RegistrationFactory,
    TicketFactory,
    group_ticket,
)


def past_event(**fields):
    starts_at = timezone.now() - dt.timedelta(days=3)
    return EventPageFactory(
        title=fields.pop("title", "Festiwal Zawodów Opolskie"),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=7),
        organiser="Wojewódzki Urząd Pracy w Opolu",
        **fields,
    )


class CertificateSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateSettings

    event = factory.LazyFunction(past_event)
    enabled = True
    signatory_name = "Anna Przykładowa"
    signatory_function = "Dyrektor Wojewódzkiego Urzędu Pracy"


def check_in(registration, checkin_list, people=1):
    ticket = TicketFactory(registration=registration)
    now = timezone.now()
    return CheckIn.objects.create(
        ticket=ticket, checkin_list=checkin_list, people=people, first_at=now, last_at=now
    )


def person(event, *, checked_in=True, checkin_list=None, **fields):
    registration = RegistrationFactory(ticket_type__event=event, **fields)
    if checked_in:
        check_in(registration, checkin_list or CheckInListFactory(event=event))
    return registration


def school_class(event, *, places=26, **fields):
    return group_ticket(event=event, places=places, **fields).registration


__all__ = [
    "CertificateSettingsFactory",
    "CheckInListFactory",
    "check_in",
    "past_event",
    "person",
    "school_class",
]
