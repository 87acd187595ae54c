"""Dates as people write them, one way across the site (Europe/Warsaw, the active language).

Polish: "12 grudnia 2026", "12-13 grudnia 2026", "30 listopada - 1 grudnia 2026",
"12 grudnia 2026, 9:00-14:00"; in a sentence the weekday is lower-case ("w dniu wtorek,
8 grudnia 2026"). English: "12 December 2026", "12-13 December 2026", "12 December 2026,
9:00-14:00", "Tuesday, 8 December 2026". Ranges use an en dash (written "-" here), unspaced between numbers and
spaced between dates with a month.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

DAY = "j E Y"
DAY_MONTH = "j E"
WEEKDAY_DAY = "l, j E Y"
TIME = "G:i"
EN_DASH = "\u2013"
SPACED_DASH = f" {EN_DASH} "


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def format_date_range(first, last):
    """The days ``first`` to ``last`` (dates or datetimes), the shortest unambiguous way."""
    first, last = _as_date(first), _as_date(last)
    if last is None or first == last:
        return date_format(first, DAY)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{EN_DASH}{date_format(last, DAY)}"
    if first.year == last.year:
        return date_format(first, DAY_MONTH) + SPACED_DASH + date_format(last, DAY)
    return date_format(first, DAY) + SPACED_DASH + date_format(last, DAY)


def format_time_range(starts_at, ends_at):
    """E.g. "9:00-10:30" with an en dash (local times)."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    return date_format(start, TIME) + EN_DASH + date_format(end, TIME)


def format_day(value, *, in_sentence=False):
    """ "Wtorek, 8 grudnia 2026" / "Tuesday, 8 December 2026"; ``in_sentence`` writes the Polish
    weekday lower-case, as Polish does inside a sentence (English keeps its capital)."""
    text = date_format(_as_date(value), WEEKDAY_DAY)
    if (get_language() or "pl").startswith("pl"):
        text = text[:1].lower() + text[1:] if in_sentence else text[:1].upper() + text[1:]
    return text
