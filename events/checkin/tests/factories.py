"""Factories for check-in tests: events, ticket types, registrations with tickets, lists, staff."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.accounts import roles
from cms.tests.factories import add_totp
from events.checkin.models import CheckInList
from events.models import EventIndexPage, EventPage, Session
from events.registration.models import Ticket
from events.registration.tests import factories as registration_factories

WARSAW = dt.timezone(dt.timedelta(hours=1))


def event_index():
    index = EventIndexPage.objects.first()
    if index is None:
        root = Page.get_first_root_node()
        if root is None:  # flushed by a transactional test
            Locale.objects.get_or_create(language_code="pl")
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        index = root.add_child(instance=EventIndexPage(title="Wydarzenia", slug="wydarzenia"))
    return index


class EventPageFactory(factory.Factory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Festiwal Zawodów {n}")
    slug = factory.Sequence(lambda n: f"festiwal-{n}")
    kind = "festival"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(days=1, hours=6))
    venue_name = "Centrum Wystawienniczo-Kongresowe"
    street = "ul. Wrocławska 151"
    municipality = "Opole"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return event_index().add_child(instance=model_class(*args, **kwargs))


def add_session(event, *, title, starts_at, hours=3):
    return Session.objects.create(
        page=event, title=title, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=hours)
    )


class TicketTypeFactory(registration_factories.TicketTypeFactory):
    event = factory.SubFactory(EventPageFactory)
    name = "Wejście indywidualne"
    capacity = 500


class GroupTicketTypeFactory(registration_factories.GroupTicketTypeFactory):
    event = factory.SubFactory(EventPageFactory)


class RegistrationFactory(registration_factories.RegistrationFactory):
    """The registration app's factory (it gives confirmed registrations their ticket), on our types."""

    ticket_type = factory.SubFactory(TicketTypeFactory)
    name = factory.Sequence(lambda n: f"Anna Kowalska {n}")


class TicketFactory(factory.django.DjangoModelFactory):
    """The ticket of a registration (any status): the one it already has, else a new one."""

    class Meta:
        model = Ticket

    registration = factory.SubFactory(RegistrationFactory)

    @classmethod
    def _create(cls, model_class, *args, registration, **kwargs):
        return model_class.objects.get_or_create(registration=registration, defaults=kwargs)[0]


def group_ticket(*, event=None, places=25, school="Publiczna Szkoła Podstawowa nr 5 w Opolu", **kwargs):
    ticket_type = GroupTicketTypeFactory(event=event) if event else GroupTicketTypeFactory()
    registration = RegistrationFactory(
        ticket_type=ticket_type, places=places, pupils=places - 2, adults=2, school_name=school, **kwargs
    )
    return TicketFactory(registration=registration)


class CheckInListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckInList

    event = factory.SubFactory(EventPageFactory)
    name = "Wejście główne"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Nowak{n}")
    password = factory.PostGenerationMethodCall("set_password", "haslo-testowe-123")


def staff_user(*, mfa=True, **kwargs):
    user = UserFactory(**kwargs)
    user.save()
    group, _ = Group.objects.get_or_create(name=roles.STAFF)
    user.groups.add(group)
    return add_totp(user) if mfa else user
