"""Reads of the events app, with the joins and prefetches that keep query counts constant."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, prefetch_related_objects
from django.utils import timezone
from wagtail.images import get_image_model

from cms import i18n

from .models import EventAudience, EventPage, Stand

LOGO_FILTER = "max-160x80"


def _warsaw_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_events(queryset, *, kind="", county="", audience="", date_from=None, date_to=None):
    """Narrow a queryset of events; ``county`` is ``"<voivodeship>/<county>"`` (county codes repeat)."""
    if kind:
        queryset = queryset.filter(kind=kind)
    if county:
        voivodeship, _sep, county_code = county.partition("/")
        queryset = queryset.filter(voivodeship=voivodeship, county=county_code)
    if audience:
        queryset = queryset.filter(audiences__audience=audience)
    if date_from:
        queryset = queryset.filter(ends_at__gte=_warsaw_midnight(date_from))
    if date_to:
        queryset = queryset.filter(starts_at__lt=_warsaw_midnight(date_to + datetime.timedelta(days=1)))
    return queryset


def published_events(*, index=None, root=None, **filters):
    """Live, public events with what a listing card shows (audiences in one extra query).

    ``index`` limits to the children of an event index, ``root`` to the descendants of a page (e.g.
    the home page of the active language); ``filters`` are those of :func:`filter_events`.
    """
    queryset = EventPage.objects.live().public()
    if index is not None:
        queryset = i18n.children_of(queryset, index)
    if root is not None:
        queryset = i18n.descendants_of(queryset, root)
    audiences = Prefetch("audiences", queryset=EventAudience.objects.order_by("sort_order"))
    return filter_events(queryset, **filters).prefetch_related(audiences)


def upcoming_events(*, now=None, **options):
    """Events not yet over (ongoing ones included), soonest first; options of :func:`published_events`."""
    return published_events(**options).filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")


def past_events(*, now=None, **options):
    """Events that are over, the most recent first; options of :func:`published_events`."""
    return published_events(**options).filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


def event_counties(*, index):
    """(voivodeship, county) pairs that published events of the index use, for the county filter."""
    return list(
        i18n.children_of(EventPage.objects.live(), index)
        .exclude(county="")
        .order_by("voivodeship", "county")
        .values_list("voivodeship", "county")
        .distinct()
    )


@dataclass
class ProgrammeDay:
    day: datetime.date
    sessions: list


def programme(page):
    """The sessions of an event by time, grouped by day (Europe/Warsaw).

    Reads ``page.sessions`` so that a preview shows the sessions being edited.
    """
    days = []
    for session in sorted(
        page.sessions.all(), key=lambda session: (session.starts_at, session.sort_order or 0)
    ):
        day = timezone.localtime(session.starts_at).date()
        if not days or days[-1].day != day:
            days.append(ProgrammeDay(day=day, sessions=[]))
        days[-1].sessions.append(session)
    return days


def audiences(page):
    """The audiences of an event in order, read once and kept on the page, so that whatever reads
    ``page.audiences.all()`` later in the render (the calendar links) reuses them.

    A preview shows the audiences being edited (held in memory by the page, not read).
    """
    if page.pk and not page.audiences.is_deferring:
        prefetch_related_objects([page], "audiences")
    return list(page.audiences.all())


def fair_zones(page):
    """Zones of a fair, each with ``stand_count``; works on an unsaved preview too."""
    counts = {}
    if page.pk:
        counts = dict(
            Stand.objects.filter(event=page).values_list("zone").annotate(count=Count("pk")).order_by()
        )
    zones = sorted(page.zones.all(), key=lambda zone: zone.sort_order or 0)
    for zone in zones:
        zone.stand_count = counts.get(zone.pk, 0)
    return zones


def _live_stand_pages():
    """The live, public stand pages (``events.fairs.StandPage``), reached through the stand's
    reverse relation: the fairs app is built on events, which does not import it."""
    return Stand._meta.get_field("page").related_model.objects.live().public()


def fair_stands(page, *, zone=None):
    """Stands of a fair (optionally of one zone) with zone and logo renditions prefetched, and
    ``live_page``: the stand's live page or ``None``."""
    if not page.pk:
        return Stand.objects.none()
    images = get_image_model().objects.prefetch_renditions(LOGO_FILTER)
    queryset = (
        Stand.objects.filter(event=page)
        .select_related("zone")
        .prefetch_related(
            Prefetch("logo", images), Prefetch("page", _live_stand_pages(), to_attr="live_page")
        )
    )
    if zone is not None:
        queryset = queryset.filter(zone=zone)
    return queryset.order_by("zone__sort_order", "number", "institution")


def stand_number_sort_key(stand):
    """Natural order of stand numbers: 2 before 10, then letters."""
    digits = "".join(ch for ch in stand.number if ch.isdigit())
    return (stand.zone.sort_order if stand.zone else 10_000, int(digits) if digits else 10**9, stand.number)


def sorted_stands(stands):
    return sorted(stands, key=stand_number_sort_key)


def events_for_home(*, root, limit=3):
    return list(upcoming_events(root=root)[:limit])
