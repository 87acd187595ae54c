"""Event dates as people write them (Europe/Warsaw, the active language's month names)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

DAY = "j E Y"
DAY_MONTH = "j E"
TIME = "G:i"
EN_DASH = "\u2013"
SPACED_DASH = f" {EN_DASH} "


def last_day(starts_at, ends_at, all_day):
    """The last calendar day an event covers; an all-day end at midnight is exclusive."""
    end = timezone.localtime(ends_at)
    if all_day and end.time() == datetime.time.min and ends_at > starts_at:
        return end.date() - datetime.timedelta(days=1)
    return end.date()


def format_event_dates(starts_at, ends_at, all_day=False):
    """E.g. "12 grudnia 2026, 9:00-14:00", "12-13 grudnia 2026", "30 listopada - 1 grudnia 2026" (en dashes)."""
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    first, last = start.date(), last_day(starts_at, ends_at, all_day)
    if all_day:
        if first == last:
            return date_format(first, DAY)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}{EN_DASH}{date_format(last, DAY)}"
        if first.year == last.year:
            return date_format(first, DAY_MONTH) + SPACED_DASH + date_format(last, DAY)
        return date_format(first, DAY) + SPACED_DASH + date_format(last, DAY)
    if first == last:
        return _("%(day)s, %(times)s") % {
            "day": date_format(first, DAY),
            "times": format_time_range(start, end),
        }
    return _("%(start_day)s, %(start)s to %(end_day)s, %(end)s") % {
        "start_day": date_format(first, DAY),
        "start": date_format(start, TIME),
        "end_day": date_format(last, DAY),
        "end": date_format(end, TIME),
    }


def format_time_range(starts_at, ends_at):
    """E.g. "9:00-10:30" with an en dash (local times of a session)."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    return date_format(start, TIME) + EN_DASH + date_format(end, TIME)
