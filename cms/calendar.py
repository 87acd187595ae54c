"""Calendar items of the whole site, gathered from the domain apps without importing them.

Each app registers a provider under the ``CALENDAR_ITEMS`` hook (``cms.hooks``) that yields
``CalendarItem`` objects for public things with a date: events, Edubus stops, contest deadlines and
result announcements. The calendar page and the iCalendar feeds (``events.calendars``) consume them.
"""

import datetime
from dataclasses import dataclass, field


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

    @property
    def all_day(self):
        return not isinstance(self.starts_at, datetime.datetime)
