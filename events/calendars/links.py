"""Links that put items into people's calendars: one event (Google, Outlook) or a whole feed."""

import datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.utils import timezone
from django.utils.html import strip_tags

from .ical import TZID, WARSAW

GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/r"
OUTLOOK_COMPOSE = "https://outlook.office.com/calendar/0/deeplink/compose"


def _details(item):
    return "\n\n".join(part for part in (strip_tags(item.description).strip(), item.url) if part)


def google_calendar_url(item):
    """Google Calendar's "add event" template; all-day items use dates with the exclusive end."""
    if item.all_day:
        dates = f"{item.starts_at:%Y%m%d}/{item.ends_at:%Y%m%d}"
    else:
        start = timezone.localtime(item.starts_at, WARSAW)
        end = timezone.localtime(item.ends_at, WARSAW)
        dates = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    query = {"action": "TEMPLATE", "text": item.title, "dates": dates, "ctz": TZID, "details": _details(item)}
    if item.location:
        query["location"] = item.location
    return f"{GOOGLE_TEMPLATE}?{urlencode(query)}"


def outlook_calendar_url(item):
    """Outlook on the web's compose deep link (times with their UTC offset)."""
    if item.all_day:
        # Outlook's all-day end is inclusive of the last day when given as a date.
        start, end = item.starts_at.isoformat(), (item.ends_at - datetime.timedelta(days=1)).isoformat()
    else:
        start = timezone.localtime(item.starts_at, WARSAW).replace(microsecond=0).isoformat()
        end = timezone.localtime(item.ends_at, WARSAW).replace(microsecond=0).isoformat()
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": item.title,
        "startdt": start,
        "enddt": end,
        "allday": "true" if item.all_day else "false",
        "body": _details(item),
    }
    if item.location:
        query["location"] = item.location
    return f"{OUTLOOK_COMPOSE}?{urlencode(query)}"


def subscribe_links(feed_url):
    """``https``, ``webcal`` (Apple, Outlook) and Google subscription links of an absolute feed URL."""
    parts = urlsplit(feed_url)
    webcal = urlunsplit(("webcal", parts.netloc, parts.path, parts.query, ""))
    return {
        "https": feed_url,
        "webcal": webcal,
        "google": f"{GOOGLE_SUBSCRIBE}?{urlencode({'cid': webcal})}",
    }
