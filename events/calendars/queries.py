"""Reads of the calendars: the events' calendar items and the site's items from every provider."""

import datetime
import gzip
import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail import hooks

from cms.hooks import CALENDAR_ITEMS
from cms.links import page_url
from cms.places.queries import register as place_register
from events.models import Audience, EventKind

from .ical import WARSAW, calendar_from_items, event_item, event_uid
from .models import ItemSequence
from .services import calendar_version


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
        items.append(
            event_item(page, sequence=sequences.get(event_uid(page.pk), 0), url=page_url(page, url_cache))
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


def gather_items(*, start=None, end=None):
    """Items of every ``CALENDAR_ITEMS`` provider overlapping ``[start, end)``, in time order."""
    items = []
    for provider in hooks.get_hooks(CALENDAR_ITEMS):
        items.extend(provider(start=start, end=end))
    items = [item for item in items if overlaps(item, start, end)]
    return sorted(items, key=lambda item: (item_start(item), item.uid))


def overlaps(item, start, end):
    if start is not None and item_end(item) <= _aware(start) and item_start(item) < _aware(start):
        return False  # ended before the range (an item without duration counts at its start)
    return end is None or item_start(item) < _aware(end)


def filter_items(items, *, kind="", county="", audience=""):
    """``county`` is ``"<voivodeship>:<county>"`` (county codes repeat across voivodeships) or a bare code."""
    voivodeship, _sep, county_code = county.rpartition(":")
    return [
        item
        for item in items
        if (not kind or item.kind == kind)
        and (
            not county_code
            or (item.county == county_code and (not voivodeship or item.voivodeship == voivodeship))
        )
        and (not audience or audience in item.audiences)
    ]


def site_calendar_items(*, start=None, end=None, kind="", county="", audience=""):
    """Items of every provider overlapping ``[start, end)``, filtered, in time order."""
    return filter_items(gather_items(start=start, end=end), kind=kind, county=county, audience=audience)


@dataclass(frozen=True)
class Feed:
    """A feed's bytes, also gzip-compressed once (``mtime=0``: the same bytes in every process).

    ``expires`` (a ``time.time()``) is when the shared cache drops it: a process's copy ends then too.
    """

    body: bytes
    etag: str
    last_modified: datetime.datetime | None
    gzipped: bytes
    expires: float


FEED_CACHE_SECONDS = 15 * 60
FEED_HISTORY_DAYS = 90
FEED_PROCESS_COPIES = 16


def feed_name(*, kind="", county="", audience=""):
    """Calendar name shown by clients, e.g. "Edufest — festival"."""
    labels = []
    if kind:
        labels.append(kind_labels().get(kind, kind))
    if county:
        labels.append(county_label(county))
    if audience:
        labels.append(str(dict(Audience.choices).get(audience, audience)))
    if not labels:
        return _("Edufest — calendar")
    return _("Edufest — %(filters)s") % {"filters": ", ".join(labels)}


process_feeds = OrderedDict()  # (version, language, day, kind, county, audience) -> Feed, last used last
_process_feeds_lock = threading.Lock()


def site_feed(*, kind="", county="", audience=""):
    """The site's iCalendar feed (all providers, filtered), cached until any item changes.

    Keyed by the calendar version (bumped on every publish or change of a calendar source, never
    repeated), the language, the day (the feed starts ``FEED_HISTORY_DAYS`` before today) and the
    filters. Two levels: ``process_feeds`` keeps this process's last ``FEED_PROCESS_COPIES`` feeds of
    the current version, so a warm request reads only the small version key from the shared cache;
    the shared cache holds the feeds every process built; a feed is built only when both miss. An
    unchanged feed is the same bytes, so its ETag holds across requests and processes.
    """
    key = (
        calendar_version(),
        translation.get_language() or "pl",
        timezone.localdate(),
        kind,
        county,
        audience,
    )
    now = time.time()
    with _process_feeds_lock:
        feed = process_feeds.get(key)
        if feed is not None and feed.expires > now:
            process_feeds.move_to_end(key)
            return feed
    feed = shared_feed(*key)
    with _process_feeds_lock:
        for old_key, old_feed in list(process_feeds.items()):
            if old_key[0] != key[0] or old_feed.expires <= now:
                del process_feeds[old_key]  # an old version never comes back
        process_feeds[key] = feed
        process_feeds.move_to_end(key)
        while len(process_feeds) > FEED_PROCESS_COPIES:
            process_feeds.popitem(last=False)
    return feed


def shared_feed(version, language, day, kind, county, audience):
    """The feed from the shared cache, built and stored there when missing (in the active language)."""
    key = (
        "calendars:feed:2:"
        + hashlib.sha256(f"{version}|{language}|{day}|{kind}|{county}|{audience}".encode()).hexdigest()
    )
    feed = cache.get(key)
    if feed is None:
        start = day - datetime.timedelta(days=FEED_HISTORY_DAYS)
        items = site_calendar_items(start=start, kind=kind, county=county, audience=audience)
        body = calendar_from_items(
            items,
            name=feed_name(kind=kind, county=county, audience=audience),
            description=_("Public events, Edubus stops and contest dates."),
        )
        feed = Feed(
            body=body,
            etag='"' + hashlib.sha256(body).hexdigest()[:40] + '"',
            last_modified=max((item.last_modified for item in items), default=None),
            gzipped=gzip.compress(body, compresslevel=6, mtime=0),
            expires=time.time() + FEED_CACHE_SECONDS,
        )
        cache.set(key, feed, FEED_CACHE_SECONDS)
    return feed


def kind_labels():
    """Labels of the kinds known to the site (event kinds plus Edubus and contests)."""
    labels = {value: str(label) for value, label in EventKind.choices}
    labels.update({"edubus": _("Edubus"), "contest": _("contest")})
    return labels


def county_label(county):
    voivodeship, _sep, code = county.rpartition(":")
    places = place_register()
    name = places.county_name(code) or code
    if voivodeship:
        return f"{name} ({places.voivodeship_name(voivodeship) or voivodeship})"
    return name


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    items: list


@dataclass(frozen=True)
class Entry:
    """An item as the calendar page shows it: the item plus its local first and last day."""

    item: object
    first_day: datetime.date
    last_day: datetime.date

    @property
    def multi_day(self):
        return self.first_day != self.last_day


LIST_DAYS = 90


def entry(item):
    start = item_start(item).astimezone(WARSAW)
    end = item_end(item).astimezone(WARSAW)
    if item.all_day:
        last_day = item.ends_at - datetime.timedelta(days=1)
    else:
        last_day = (end - datetime.timedelta(microseconds=1)).date() if end > start else start.date()
    return Entry(item=item, first_day=start.date(), last_day=max(last_day, start.date()))


def month_grid(month, entries):
    """Weeks (Monday first) covering ``month``; every day lists the entries that take place on it."""
    first = month.replace(day=1)
    grid_start = first - datetime.timedelta(days=first.weekday())
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    grid_end = following + datetime.timedelta(days=(7 - following.weekday()) % 7)
    days = {}
    day = grid_start
    while day < grid_end:
        days[day] = Day(date=day, in_month=day.month == first.month, items=[])
        day += datetime.timedelta(days=1)
    for calendar_entry in entries:
        day = max(calendar_entry.first_day, grid_start)
        while day <= calendar_entry.last_day and day < grid_end:
            days[day].items.append(calendar_entry)
            day += datetime.timedelta(days=1)
    ordered = list(days.values())
    return [ordered[index : index + 7] for index in range(0, len(ordered), 7)]


def list_days(entries, start):
    """Entries grouped by their first day (an item already under way appears on ``start``)."""
    groups = {}
    for calendar_entry in entries:
        groups.setdefault(max(calendar_entry.first_day, start), []).append(calendar_entry)
    return sorted(groups.items())


def calendar_page_context(params):
    """Everything the calendar page shows for the GET ``params``: one call to every provider."""
    from urllib.parse import urlencode

    from .forms import CalendarFilterForm

    today = timezone.localdate()
    view = params.get("view") if params.get("view") in ("list", "month") else "list"
    month = _month_param(params.get("month", "")) or today.replace(day=1)
    if view == "month":
        start = month - datetime.timedelta(days=month.weekday())
        end = (month + datetime.timedelta(days=32)).replace(day=1) + datetime.timedelta(days=7)
    elif params.get("month"):
        start, end = month, (month + datetime.timedelta(days=32)).replace(day=1)
    else:
        start, end = today, today + datetime.timedelta(days=LIST_DAYS)
    items = gather_items(start=start, end=end)

    kinds = kind_labels()
    kinds.update({item.kind: item.kind_label for item in items if item.kind not in kinds})
    counties = {f"{item.voivodeship}:{item.county}" for item in items if item.county}
    if params.get("county") and FILTER_VALUE.match(params["county"]):
        counties.add(params["county"])
    county_choices = sorted(((key, county_label(key)) for key in counties), key=lambda pair: pair[1])
    form = CalendarFilterForm(
        params or None, kinds=sorted(kinds.items(), key=lambda pair: pair[1]), counties=county_choices
    )
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = {
            name: value
            for name in ("kind", "county", "audience")
            if name not in form.errors and (value := form.cleaned_data.get(name))
        }
    entries = [entry(item) for item in filter_items(items, **filters)]
    previous_month = (month - datetime.timedelta(days=1)).replace(day=1)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)

    def query(**changes):
        return "?" + urlencode({**filters, "view": view, **changes})

    feed_query = urlencode(filters)
    return {
        "form": form,
        "view": view,
        "month": month,
        "range_start": start,
        "range_end": end - datetime.timedelta(days=1),
        "weeks": month_grid(month, entries) if view == "month" else [],
        "days": list_days(entries, start) if view == "list" else [],
        "entry_count": len(entries),
        "previous_query": query(month=f"{previous_month:%Y-%m}"),
        "next_query": query(month=f"{next_month:%Y-%m}"),
        "list_query": query(view="list", month=f"{month:%Y-%m}"),
        "month_query": query(view="month", month=f"{month:%Y-%m}"),
        "previous_month": previous_month,
        "next_month": next_month,
        "feed_query": feed_query,
    }


FILTER_VALUE = re.compile(r"^[a-z0-9_:-]{0,60}$")


def _month_param(value):
    try:
        month = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None
    return month if datetime.date(2000, 1, 1) <= month <= datetime.date(2100, 12, 1) else None
