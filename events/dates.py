"""Event dates as people write them (Europe/Warsaw, the active language's month names)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.dates import DAY, TIME, format_date_range, format_time_range

__all__ = ["format_event_dates", "format_time_range", "last_day"]


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
        return format_date_range(first, last)
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
