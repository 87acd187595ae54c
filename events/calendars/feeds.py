"""iCalendar feeds: the events' calendar items (their ``CALENDAR_ITEMS`` provider) and the site's
feed of every provider's items, cached under the calendar version (``cms.calendar``)."""

import datetime
import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.calendar import calendar_version
from cms.links import page_url
from events.models import Audience, EventAudience, EventPage

from .ical import calendar_from_items, event_item, event_uid
from .models import ItemSequence
from .queries import as_moment, county_label, kind_labels, site_calendar_items


def live_event_pages(*, start=None, end=None):
    """Live, publicly viewable event pages overlapping ``[start, end)``, one per translation.

    Where an event exists in several languages, the page in the active language wins.
    """
    pages = (
        EventPage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related(Prefetch("audiences", queryset=EventAudience.objects.order_by("sort_order")))
        .order_by("starts_at", "pk")
    )
    if start is not None:
        pages = pages.filter(ends_at__gte=as_moment(start))
    if end is not None:
        pages = pages.filter(starts_at__lt=as_moment(end))
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
