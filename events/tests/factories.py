"""Factories for event pages, sessions, zones and stands; usable by every app's tests.

index = EventIndexPageFactory()                      # under the demo home page
event = EventPageFactory(parent=index, kind="fair")  # parent defaults to an index
event = make_event(title="Targi", sessions=2)        # the same as a plain function
"""

import datetime

import factory
from django.utils import timezone

from cms import demo
from events.models import EventAudience, EventIndexPage, EventKind, EventPage, Session, Stand, Zone


def demo_home():
    return demo.ensure_home()


def default_index():
    return EventIndexPage.objects.order_by("pk").first() or EventIndexPageFactory()


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page with ``parent.add_child`` and publishes it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or cls._default_parent()).add_child(instance=page)
        if publish:
            page.save_revision().publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        return page


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Wydarzenia"
    slug = factory.Sequence(lambda n: f"wydarzenia-{n}")
    show_in_menus = True

    @classmethod
    def _default_parent(cls):
        return demo_home()


def _in_days(days, hour=9):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(PageFactory):
    """``audiences=["pupils", ...]`` and ``sessions=<count>`` or ``[dict(...), ...]`` are accepted."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Wydarzenie {n}")
    slug = factory.Sequence(lambda n: f"wydarzenie-{n}")
    kind = EventKind.FESTIVAL
    lead = "Spotkania z pracodawcami i doradcami zawodowymi."
    starts_at = factory.LazyFunction(lambda: _in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=6))
    venue_name = "Centrum Wystawienniczo-Kongresowe"
    street = "ul. Wrocławska 115"
    postal_code = "45-836"
    municipality = "Opole"
    county = "1661"
    voivodeship = "16"
    organiser = "Wojewódzki Urząd Pracy w Opolu"

    @classmethod
    def _default_parent(cls):
        return default_index()

    @classmethod
    def _create(cls, model_class, *args, audiences=(), sessions=(), **kwargs):
        if isinstance(sessions, int):
            start = kwargs["starts_at"]
            sessions = [
                {
                    "title": f"Sesja {number + 1}",
                    "starts_at": start + datetime.timedelta(minutes=30 * number),
                    "ends_at": start + datetime.timedelta(minutes=30 * number + 25),
                    "room": f"Sala {number % 5 + 1}",
                }
                for number in range(sessions)
            ]
        kwargs["audiences"] = [EventAudience(audience=audience) for audience in audiences]
        kwargs["sessions"] = [
            session if isinstance(session, Session) else Session(**session) for session in sessions
        ]
        return super()._create(model_class, *args, **kwargs)


def make_index(**fields):
    return EventIndexPageFactory(**fields)


def make_event(**fields):
    return EventPageFactory(**fields)


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    page = factory.SubFactory(EventPageFactory, kind=EventKind.FAIR)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Strefa {n + 1}")
    sort_order = factory.SelfAttribute("number")


class StandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stand

    zone = factory.SubFactory(ZoneFactory)
    event = factory.SelfAttribute("zone.page")
    number = factory.Sequence(lambda n: str(n + 1))
    institution = factory.Sequence(lambda n: f"Uczelnia {n + 1}")
    description = "Kierunki studiów i rekrutacja."
    url = "https://example.org/"
