"""Reads of the calendars: the events' calendar items and the site's items from every provider."""

import datetime
from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils import translation
from wagtail import hooks

from cms.hooks import CALENDAR_ITEMS

from .ical import WARSAW, event_item, event_uid, site_url
from .models import ItemSequence


def live_event_pages(*, start=None, end=None):
    """Live, publicly viewable event pages overlapping ``[start, end)``, one per translation.

    Where an event exists in several languages, the page in the active language wins.
    """
    from events.models import EventAudience, EventPage

    pages = (
        EventPage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related(Prefetch("audiences", queryset=EventAudience.objects.order_by("sort_order")))
        .order_by("starts_at", "pk")
    )
    if start is not None:
        pages = pages.filter(ends_at__gte=_aware(start))
    if end is not None:
        pages = pages.filter(starts_at__lt=_aware(end))
    language = translation.get_language() or "pl"
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale.language_code == language and current.locale.language_code != language
        ):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: (page.starts_at, page.pk))


def event_calendar_items(*, start=None, end=None):
    """The ``CALENDAR_ITEMS`` provider of events: constant queries for any number of pages."""
    pages = live_event_pages(start=start, end=end)
    sequences = dict(
        ItemSequence.objects.filter(uid__in=[event_uid(page.pk) for page in pages]).values_list(
            "uid", "sequence"
        )
    )
    url_cache = SimpleNamespace()  # Wagtail keeps the site root paths on it: one lookup for all pages
    items = []
    for page in pages:
        parts = page.get_url_parts(url_cache)
        items.append(
            event_item(
                page,
                sequence=sequences.get(event_uid(page.pk), 0),
                url=site_url(parts[2]) if parts and parts[2] else "",
            )
        )
    return items


def _aware(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=WARSAW)


def item_start(item):
    return _aware(item.starts_at)


def item_end(item):
    return _aware(item.ends_at)


def site_calendar_items(*, start=None, end=None, kind="", county="", audience=""):
    """Items of every ``CALENDAR_ITEMS`` provider overlapping ``[start, end)``, filtered, in time order.

    ``county`` is ``"<voivodeship>:<county>"`` (county codes repeat across voivodeships) or a bare
    county code.
    """
    items = []
    for provider in hooks.get_hooks(CALENDAR_ITEMS):
        items.extend(provider(start=start, end=end))
    voivodeship, _, county_code = county.rpartition(":")
    result = []
    for item in items:
        if start is not None and item_end(item) <= _aware(start) and item_start(item) < _aware(start):
            continue  # ended before the range (an item without duration counts at its start)
        if end is not None and item_start(item) >= _aware(end):
            continue
        if kind and item.kind != kind:
            continue
        if county_code and (item.county != county_code or (voivodeship and item.voivodeship != voivodeship)):
            continue
        if audience and audience not in item.audiences:
            continue
        result.append(item)
    return sorted(result, key=lambda item: (item_start(item), item.uid))
