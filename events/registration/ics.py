"""The `.ics` attached to tickets: one VEVENT of the event (RFC 5545).

Stable UID (``event-<id>@<host>``), DTSTAMP, times in Europe/Warsaw with its VTIMEZONE, and for
all-day events DATE values with the exclusive end date (the day after the last day).
"""

import datetime
import zoneinfo
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def event_uid(event):
    host = urlparse(settings.SITE_URL).hostname or "edufest"
    return f"event-{event.pk}@{host}"


def event_ics(event, *, now=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Edufest//Registration//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", (now or timezone.now()).astimezone(datetime.UTC))
    vevent.add("summary", event.title)
    starts = event.starts_at.astimezone(WARSAW)
    ends = event.ends_at.astimezone(WARSAW)
    if event.all_day:
        vevent.add("dtstart", starts.date())
        vevent.add("dtend", ends.date() + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", starts)
        vevent.add("dtend", max(ends, starts))
    location = ", ".join(part for part in (event.venue_name, event.address_line) if part)
    if location:
        vevent.add("location", location)
    elif event.online_url:
        vevent.add("location", event.online_url)
    url = event.full_url if hasattr(event, "full_url") else None
    if url:
        vevent.add("url", url)
    if event.lead:
        vevent.add("description", event.lead)
    organiser = getattr(settings, "DEFAULT_FROM_EMAIL", "")
    if "<" in organiser:
        organiser = organiser.split("<", 1)[1].rstrip(">")
    if organiser:
        vevent.add("organizer", f"mailto:{organiser}")
    calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()
