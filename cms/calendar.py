"""Calendar items of the whole site, gathered from the domain apps without importing them.

Each app registers a provider under the ``CALENDAR_ITEMS`` hook (``cms.hooks``) that yields
``CalendarItem`` objects for public things with a date: events, Edubus stops, contest deadlines and
result announcements. The calendar page and the iCalendar feeds (``events.calendars``) consume them.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.html import conditional_escape, format_html


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
