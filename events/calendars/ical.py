"""iCalendar (RFC 5545 / RFC 7986) output of the site: feeds and single-event files.

Everything goes through ``calendar_from_items``, which turns ``cms.calendar.CalendarItem`` objects
(from any app's ``CALENDAR_ITEMS`` provider) into one ``VCALENDAR``. The rules that keep calendar
clients happy:

- ``UID`` is the item's own, stable across edits (``event-<page id>@<site host>``);
- ``DTSTAMP`` and ``LAST-MODIFIED`` are the item's last change, so an unchanged feed is
  byte-identical from one request to the next (clients and caches can rely on ETags);
- ``SEQUENCE`` comes from the item (raised when its time or status changes);
- times are written in ``Europe/Warsaw`` with an explicit ``VTIMEZONE`` in the simple
  STANDARD/DAYLIGHT ``RRULE`` form; all-day items use ``VALUE=DATE`` with an exclusive end date;
- ``METHOD:PUBLISH`` with an ``ORGANIZER`` (the site's contact address) on every event;
- no personal data: only what the public page of the item shows.
"""

import datetime
import email.utils
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vUri
from wagtail.models import Site

from cms import i18n
from cms.calendar import TZID, WARSAW, CalendarItem
from cms.links import page_url
from cms.models import SiteSettings
from events.access import public_view_of
from events.dates import last_day

from .models import ItemSequence

PRODID = "-//Edufest//Edufest calendar//PL"
REFRESH_INTERVAL = datetime.timedelta(hours=1)
STRUCTURED_LOCATION_RADIUS = 100  # metres, for X-APPLE-STRUCTURED-LOCATION


def site_host():
    """The host of ``SITE_URL``: the right-hand side of every UID."""
    return urlsplit(settings.SITE_URL).hostname or "edufest"


def organizer_address():
    """``(name, e-mail)`` of the calendar's organiser: the site settings' e-mail, else DEFAULT_FROM_EMAIL."""
    default_name, default_email = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        site_settings = SiteSettings.for_site(site)
        if site_settings.email:
            return site_settings.organisation_name or default_name, site_settings.email
    return default_name or "Edufest", default_email


def warsaw_timezone():
    """VTIMEZONE for Europe/Warsaw in the simple form every client understands (EU rules since 1996)."""
    tz = Timezone()
    tz.add("TZID", TZID)
    tz.add("X-LIC-LOCATION", TZID)
    daylight = TimezoneDaylight()
    daylight.add("TZOFFSETFROM", datetime.timedelta(hours=1))
    daylight.add("TZOFFSETTO", datetime.timedelta(hours=2))
    daylight.add("TZNAME", "CEST")
    daylight.add("DTSTART", datetime.datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    standard = TimezoneStandard()
    standard.add("TZOFFSETFROM", datetime.timedelta(hours=2))
    standard.add("TZOFFSETTO", datetime.timedelta(hours=1))
    standard.add("TZNAME", "CET")
    standard.add("DTSTART", datetime.datetime(1970, 10, 25, 3, 0, 0))
    standard.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _utc(value):
    return value.astimezone(datetime.UTC).replace(microsecond=0)


def _local(value):
    """A date stays a date; an aware datetime is written in Europe/Warsaw, to the second."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value, WARSAW).replace(microsecond=0)
    return value


def _vevent(item: CalendarItem, organizer, attendee=None):
    event = Event()
    event.add("UID", item.uid)
    event.add("DTSTAMP", _utc(item.last_modified))
    event.add("LAST-MODIFIED", _utc(item.last_modified))
    event.add("SEQUENCE", item.sequence)
    event.add("DTSTART", _local(item.starts_at))
    end = _local(item.ends_at)
    if item.all_day and end <= item.starts_at:
        end = item.starts_at + datetime.timedelta(days=1)
    event.add("DTEND", end)
    event.add("SUMMARY", item.title)
    if item.description:
        event.add("DESCRIPTION", strip_tags(item.description).strip())
    event.add("STATUS", item.status)
    event.add("CLASS", "PUBLIC")
    event.add("TRANSP", "TRANSPARENT" if item.all_day else "OPAQUE")
    event.add("CATEGORIES", [item.kind_label])
    if item.url:
        event.add("URL", vUri(item.url), parameters={"VALUE": "URI"})
    if item.location:
        event.add("LOCATION", item.location)
    if item.latitude is not None and item.longitude is not None:
        latitude, longitude = round(float(item.latitude), 6), round(float(item.longitude), 6)
        event.add("GEO", (latitude, longitude))
        parameters = {"VALUE": "URI", "X-APPLE-RADIUS": str(STRUCTURED_LOCATION_RADIUS)}
        if item.location:
            parameters["X-ADDRESS"] = item.location
            parameters["X-TITLE"] = item.location.split(",")[0]
        event.add("X-APPLE-STRUCTURED-LOCATION", vUri(f"geo:{latitude},{longitude}"), parameters=parameters)
    name, address = organizer
    event.add("ORGANIZER", vUri(f"mailto:{address}"), parameters={"CN": name})
    if attendee is not None:
        attendee_name, attendee_address = attendee
        parameters = {"CN": attendee_name} if attendee_name else {}
        event.add("ATTENDEE", vUri(f"mailto:{attendee_address}"), parameters=parameters)
    return event


def calendar_from_items(
    items, *, name, description="", source_url="", method="PUBLISH", attendee=None
) -> bytes:
    """One ``VCALENDAR`` (``METHOD:PUBLISH``) with the items sorted by start and UID.

    A registrant's own file may be ``method="CANCEL"`` (RFC 5546: the items then carry
    ``STATUS:CANCELLED`` and a raised ``SEQUENCE``) with ``attendee`` = ``(name, e-mail)``.
    """
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method)
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    if description:
        calendar.add("DESCRIPTION", description)
        calendar.add("X-WR-CALDESC", description)
    calendar.add("X-WR-TIMEZONE", TZID)
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    if source_url:
        calendar.add("SOURCE", vUri(source_url), parameters={"VALUE": "URI"})
    calendar.add_component(warsaw_timezone())
    organizer = organizer_address()
    for item in sorted(items, key=sort_key):
        calendar.add_component(_vevent(item, organizer, attendee))
    return calendar.to_ical()


def sort_key(item):
    """Items in time order; an all-day item sorts at midnight (Warsaw) of its first day."""
    start = item.starts_at
    if not isinstance(start, datetime.datetime):
        start = datetime.datetime.combine(start, datetime.time(), tzinfo=WARSAW)
    return (start, item.uid)


def event_uid(page_id):
    return f"event-{page_id}@{site_host()}"


def event_location(event):
    """The public place of an event: venue and address, or the online link of a public webinar."""
    if event.venue_name or event.address_line:
        return ", ".join(part for part in (event.venue_name, event.address_line) if part)
    return public_view_of(event).online_url


def event_item(event, *, sequence=0, url=None) -> CalendarItem:
    """The calendar item of one ``events.EventPage``.

    A members-only meeting appears as a public item without its private details: no lead, no online
    link. ``url`` may be passed when the caller already knows it (feeds compute URLs in bulk).
    """
    if event.all_day:
        # The events app's rule: the last day is the end's date, or the day before an end at midnight.
        starts_at = timezone.localtime(event.starts_at, WARSAW).date()
        ends_at = last_day(event.starts_at, event.ends_at, True) + datetime.timedelta(days=1)
    else:
        starts_at, ends_at = event.starts_at, event.ends_at
    last_modified = (
        event.last_published_at
        or event.latest_revision_created_at
        or event.first_published_at
        or event.starts_at
    )
    if url is None:
        url = event_url(event)
    description = public_view_of(event).lead
    audiences = tuple(audience.audience for audience in event.audiences.all())
    return CalendarItem(
        uid=event_uid(event.pk),
        kind=event.kind,
        kind_label=str(event.get_kind_display()),
        title=event.title,
        url=url,
        starts_at=starts_at,
        ends_at=ends_at,
        last_modified=last_modified,
        sequence=sequence,
        status=event_status(event),
        description=description,
        location=event_location(event),
        latitude=float(event.latitude) if event.latitude is not None else None,
        longitude=float(event.longitude) if event.longitude is not None else None,
        county=event.county,
        voivodeship=event.voivodeship,
        audiences=audiences,
        language=i18n.page_language(event),
    )


def event_status(event):
    """CANCELLED when the events app marks a page cancelled (field ``cancelled`` or ``status``)."""
    if getattr(event, "cancelled", False) or str(getattr(event, "status", "")).lower() == "cancelled":
        return "CANCELLED"
    return "CONFIRMED"


def event_url(event):
    """Absolute public URL of the page on ``SITE_URL`` (the page path under its site root)."""
    return page_url(event)


def event_ics(event) -> bytes:
    """The ``.ics`` file of one event: for the download link and the confirmation e-mail."""
    sequence = ItemSequence.objects.filter(uid=event_uid(event.pk)).values_list("sequence", flat=True).first()
    return calendar_from_items([event_item(event, sequence=sequence or 0)], name=event.title or _("Event"))
