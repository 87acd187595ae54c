import datetime
import zoneinfo

import factory
from wagtail.models import Site

from events.models import EventAudience, EventIndexPage, EventKind, EventPage

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def warsaw(*args):
    return datetime.datetime(*args, tzinfo=WARSAW)


def event_index():
    root = Site.objects.get(is_default_site=True).root_page
    index = EventIndexPage.objects.child_of(root).first()
    if index is None:
        index = EventIndexPage(title="Wydarzenia", slug="wydarzenia")
        root.add_child(instance=index)
        index.save_revision().publish()
    return index


class EventPageFactory(factory.Factory):
    """A published event page under the default site's event index."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Festiwal Zawodów {n}")
    slug = factory.Sequence(lambda n: f"festiwal-zawodow-{n}")
    kind = EventKind.FESTIVAL
    lead = "Poznaj zawody regionu."
    starts_at = warsaw(2026, 6, 10, 9, 0)
    ends_at = warsaw(2026, 6, 10, 15, 0)
    venue_name = "Centrum Wystawienniczo-Kongresowe"
    street = "ul. Wrocławska 1"
    postal_code = "45-000"
    municipality = "Opole"
    county = "opole"
    voivodeship = "opole"
    latitude = "50.671000"
    longitude = "17.926000"

    @classmethod
    def _create(cls, model_class, *args, audiences=(), **kwargs):
        page = model_class(*args, audiences=[EventAudience(audience=a) for a in audiences], **kwargs)
        event_index().add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


def calendar_page():
    from events.calendars.models import CalendarPage

    root = Site.objects.get(is_default_site=True).root_page
    page = CalendarPage.objects.child_of(root).first()
    if page is None:
        page = CalendarPage(title="Kalendarz", slug="kalendarz")
        root.add_child(instance=page)
        page.save_revision().publish()
    return page
