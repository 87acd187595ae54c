"""Factories of registration tests: an event page under an event index, ticket types, registrations."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.accounts import roles
from events.models import EventIndexPage, EventPage, Session
from events.registration import services
from events.registration.models import InvitationCode, Question, Registration, Ticket, TicketType


def event_index():
    index = EventIndexPage.objects.first()
    if index is None:
        root = Page.get_first_root_node()
        if root is None:  # a transactional test flushed the tree
            Locale.objects.get_or_create(language_code="pl")
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        index = EventIndexPage(title="Wydarzenia", slug="wydarzenia-test")
        root.add_child(instance=index)
    return index


def make_event(**fields):
    now = timezone.now()
    n = EventPage.objects.count() + 1
    values = {
        "title": f"Festiwal Zawodów {n}",
        "slug": f"festiwal-{n}",
        "kind": "festival",
        "starts_at": now + datetime.timedelta(days=10),
        "ends_at": now + datetime.timedelta(days=10, hours=6),
        "venue_name": "Centrum Wystawiennicze",
        "street": "ul. Wrocławska 1",
        "postal_code": "45-001",
        "municipality": "Opole",
        "county": "1609",
        "voivodeship": "16",
        "registration_enabled": True,
    }
    values.update(fields)
    event = EventPage(**values)
    event_index().add_child(instance=event)
    return event


class EventFactory(factory.Factory):
    class Meta:
        model = EventPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return make_event(**kwargs)


class TicketTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketType

    event = factory.SubFactory(EventFactory)
    name = "Wstęp indywidualny"
    kind = TicketType.Kind.INDIVIDUAL
    capacity = 10
    max_group_size = 1
    waitlist_enabled = True


class GroupTicketTypeFactory(TicketTypeFactory):
    name = "Grupa szkolna"
    kind = TicketType.Kind.GROUP
    capacity = 100
    max_group_size = 40


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    page = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Warsztat {n}")
    starts_at = factory.LazyAttribute(lambda o: o.page.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.page.starts_at + datetime.timedelta(hours=1))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    label = "Skąd wiesz o wydarzeniu?"
    kind = Question.Kind.TEXT


class InvitationCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationCode

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"ZAPROSZENIE-{n}")
    max_uses = 1


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration written directly (for lists and exports); services make real ones."""

    class Meta:
        model = Registration

    ticket_type = factory.SubFactory(TicketTypeFactory)
    event = factory.LazyAttribute(lambda o: o.ticket_type.event)
    status = Registration.Status.CONFIRMED
    name = factory.Sequence(lambda n: f"Anna Nowak {n}")
    email = factory.Sequence(lambda n: f"anna{n}@example.org")
    privacy_notice_version = services.PRIVACY_NOTICE_VERSION
    privacy_acknowledged_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def ticket(obj, create, extracted, **kwargs):
        if create and obj.status == Registration.Status.CONFIRMED:
            Ticket.objects.get_or_create(registration=obj)


def register(ticket_type, n=0, **fields):
    values = {
        "ticket_type": ticket_type,
        "name": f"Osoba {n}",
        "email": f"osoba{n}@example.org",
        "privacy_notice_version": services.PRIVACY_NOTICE_VERSION,
    }
    values.update(fields)
    return services.register(**values)


def register_group(ticket_type, n=0, pupils=20, adults=2, **fields):
    values = {
        "school_name": f"Szkoła Podstawowa nr {n} w Opolu",
        "school_county": "1661",
        "school_voivodeship": "16",
        "school_municipality": "Opole",
        "phone": "600 100 200",
    }
    values.update(fields)
    return register(ticket_type, n, pupils=pupils, adults=adults, **values)


def make_teacher(email="nauczycielka@example.org"):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="haslo-testowe-123", first_name="Maria", last_name="Kowalska"
    )
    user.groups.add(Group.objects.get_or_create(name=roles.SCHOOL_COORDINATOR)[0])
    return user
