"""Calendar items of the whole site, gathered from the domain apps without importing them.

Each app registers a provider under the ``CALENDAR_ITEMS`` hook (``cms.hooks``) that yields
``CalendarItem`` objects for public things with a date: events, Edubus stops, contest deadlines and
result announcements. The calendar page and the iCalendar feeds (``events.calendars``) consume them.

The feeds are cached under a calendar version: a provider bumps it when its items change, either by
calling ``bump_calendar_version()`` or, for "any change to one of my models", by calling
``bump_on_model_changes(app_label)`` once from its ``AppConfig.ready``.
"""

import datetime
import time
import zoneinfo
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import conditional_escape, format_html

from cms.cache import remembered

TZID = "Europe/Warsaw"
WARSAW = zoneinfo.ZoneInfo(TZID)  # the calendar's days and times are Polish ones
VERSION_KEY = "calendars:version"


@dataclass(frozen=True)
class CalendarItem:
    uid: str  # stable across edits, e.g. "event-42@edufest"; never derived from the title
    kind: str  # filter key, e.g. "festival", "fair", "edubus", "contest"
    kind_label: str
    title: str
    url: str  # absolute URL of the item's public page
    starts_at: datetime.datetime | datetime.date  # a date for all-day items
    ends_at: datetime.datetime | datetime.date  # exclusive end date for all-day items
    last_modified: datetime.datetime  # drives DTSTAMP/LAST-MODIFIED, so unchanged feeds stay identical
    sequence: int = 0  # raised when the time or the status changes
    status: str = "CONFIRMED"  # or "CANCELLED", "TENTATIVE"
    description: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    county: str = ""  # TERYT county code, e.g. "1601" (cms.places)
    voivodeship: str = ""  # TERYT voivodeship code, e.g. "16"
    audiences: tuple[str, ...] = field(default_factory=tuple)
    language: str = ""  # of the title, when known: the English calendar marks Polish titles lang="pl"
    # The part of ``title`` that is in ``language`` (a page's own title, a place name) when the rest
    # is a label in the site's language ("Submission deadline: …"): only that part is marked.
    title_name: str = ""

    @property
    def whole_title_lang(self):
        """The ``language`` when the whole title is in it (the link carries ``lang``), else ""."""
        return "" if self.title_name else self.language

    def title_html(self, layout_language):
        """The title for a page in ``layout_language`` with ``title_name`` marked ``lang`` when it is
        in another language (WCAG 3.1.2); a title wholly in ``language`` is marked on its link."""
        if not self.title_name or not self.language or self.language == layout_language:
            return conditional_escape(self.title)
        before, found, after = self.title.partition(self.title_name)
        if not found:
            return format_html('<span lang="{}">{}</span>', self.language, self.title)
        return format_html('{}<span lang="{}">{}</span>{}', before, self.language, self.title_name, after)

    @property
    def all_day(self):
        return not isinstance(self.starts_at, datetime.datetime)


_local_version = [None]  # (version, read at: time.monotonic()) or None, replaced whole


def bump_calendar_version():
    """Invalidate every cached feed and calendar page; providers call it when their items change."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)
    _local_version[0] = None


def calendar_version():
    """The version in every feed key. It never repeats, not even after the shared cache lost it
    (flushed, evicted): it starts again from the clock, so no process reuses an old copy of a feed.

    Like the page cache's generation, each process keeps the version it read for
    ``EDUFEST_PAGE_CACHE_LOCAL_SECONDS`` (``cms.cache.remembered``): a change in this process shows
    at once, one made elsewhere within that bound."""
    return remembered(_local_version, _read_version)


def _read_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        start = time.time_ns()
        cache.add(VERSION_KEY, start, None)
        version = cache.get(VERSION_KEY, start)
    return version


def bump_on_model_changes(app_label):
    """Bump the calendar version after any save or delete of a model of ``app_label`` commits
    (fixture loading, ``raw``, excepted). A provider app calls it once, from its ``ready()``."""

    def model_changed(sender, instance=None, raw=False, **kwargs):
        if not raw and sender._meta.app_label == app_label:
            transaction.on_commit(bump_calendar_version)

    post_save.connect(model_changed, weak=False, dispatch_uid=f"calendar_source_saved:{app_label}")
    post_delete.connect(model_changed, weak=False, dispatch_uid=f"calendar_source_deleted:{app_label}")
