"""Reads of the calendars: the site's items from every ``CALENDAR_ITEMS`` provider, filtered, and
the calendar page's context. The events' own items and the iCalendar feeds are in ``feeds``."""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from cms.calendar import WARSAW
from cms.hooks import CALENDAR_ITEMS
from cms.pages import context_for
from cms.places.queries import register as place_register
from events.models import Audience, EventKind

from .models import CalendarPage


def as_moment(value):
    """A datetime as it is; a date as its midnight in Warsaw."""
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=WARSAW)


def item_start(item):
    return as_moment(item.starts_at)


def item_end(item):
    return as_moment(item.ends_at)


def gather_items(*, start=None, end=None):
    """Items of every ``CALENDAR_ITEMS`` provider overlapping ``[start, end)``, in time order."""
    items = []
    for provider in hooks.get_hooks(CALENDAR_ITEMS):
        items.extend(provider(start=start, end=end))
    items = [item for item in items if overlaps(item, start, end)]
    return sorted(items, key=lambda item: (item_start(item), item.uid))


def overlaps(item, start, end):
    if start is not None and item_end(item) <= as_moment(start) and item_start(item) < as_moment(start):
        return False  # ended before the range (an item without duration counts at its start)
    return end is None or item_start(item) < as_moment(end)


def filter_items(items, *, kind="", county="", audience=""):
    """``county`` is ``"<voivodeship>:<county>"`` (county codes repeat across voivodeships) or a bare code."""
    voivodeship, _sep, county_code = county.rpartition(":")
    return [
        item
        for item in items
        if (not kind or item.kind == kind)
        and (
            not county_code
            or (item.county == county_code and (not voivodeship or item.voivodeship == voivodeship))
        )
        and (not audience or audience in item.audiences)
    ]


def site_calendar_items(*, start=None, end=None, kind="", county="", audience=""):
    """Items of every provider overlapping ``[start, end)``, filtered, in time order."""
    return filter_items(gather_items(start=start, end=end), kind=kind, county=county, audience=audience)


def kind_labels():
    """Labels of the kinds known to the site (event kinds plus Edubus and contests)."""
    labels = {value: str(label) for value, label in EventKind.choices}
    labels.update({"edubus": _("Edubus"), "contest": _("contest")})
    return labels


def county_label(county):
    voivodeship, _sep, code = county.rpartition(":")
    places = place_register()
    name = places.county_name(code) or code
    if voivodeship:
        return f"{name} ({places.voivodeship_name(voivodeship) or voivodeship})"
    return name


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    items: list


@dataclass(frozen=True)
class Entry:
    """An item as the calendar page shows it: the item plus its local first and last day."""

    item: object
    first_day: datetime.date
    last_day: datetime.date

    @property
    def multi_day(self):
        return self.first_day != self.last_day


LIST_DAYS = 90


def entry(item):
    start = item_start(item).astimezone(WARSAW)
    end = item_end(item).astimezone(WARSAW)
    if item.all_day:
        last_day = item.ends_at - datetime.timedelta(days=1)
    else:
        last_day = (end - datetime.timedelta(microseconds=1)).date() if end > start else start.date()
    return Entry(item=item, first_day=start.date(), last_day=max(last_day, start.date()))


def month_grid(month, entries):
    """Weeks (Monday first) covering ``month``; every day lists the entries that take place on it."""
    first = month.replace(day=1)
    grid_start = first - datetime.timedelta(days=first.weekday())
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    grid_end = following + datetime.timedelta(days=(7 - following.weekday()) % 7)
    days = {}
    day = grid_start
    while day < grid_end:
        days[day] = Day(date=day, in_month=day.month == first.month, items=[])
        day += datetime.timedelta(days=1)
    for calendar_entry in entries:
        day = max(calendar_entry.first_day, grid_start)
        while day <= calendar_entry.last_day and day < grid_end:
            days[day].items.append(calendar_entry)
            day += datetime.timedelta(days=1)
    ordered = list(days.values())
    return [ordered[index : index + 7] for index in range(0, len(ordered), 7)]


def list_days(entries, start):
    """Entries grouped by their first day (an item already under way appears on ``start``)."""
    groups = {}
    for calendar_entry in entries:
        groups.setdefault(max(calendar_entry.first_day, start), []).append(calendar_entry)
    return sorted(groups.items())


@context_for(CalendarPage)
def calendar_page(page, request):
    return calendar_page_context(request.GET)


def calendar_page_context(params):
    """Everything the calendar page shows for the GET ``params``: one call to every provider.

    The kind, county and audience filters apply when they are among the choices, as the page's
    filter form (``forms.CalendarFilterForm``, built by the ``calendar_filter_form`` template tag
    from ``filter_params``, ``kind_choices`` and ``county_choices``) validates them.
    """
    today = timezone.localdate()
    view = params.get("view") if params.get("view") in ("list", "month") else "list"
    month = _month_param(params.get("month", "")) or today.replace(day=1)
    if view == "month":
        start = month - datetime.timedelta(days=month.weekday())
        end = (month + datetime.timedelta(days=32)).replace(day=1) + datetime.timedelta(days=7)
    elif params.get("month"):
        start, end = month, (month + datetime.timedelta(days=32)).replace(day=1)
    else:
        start, end = today, today + datetime.timedelta(days=LIST_DAYS)
    items = gather_items(start=start, end=end)

    kinds = kind_labels()
    kinds.update({item.kind: item.kind_label for item in items if item.kind not in kinds})
    counties = {f"{item.voivodeship}:{item.county}" for item in items if item.county}
    if params.get("county") and FILTER_VALUE.match(params["county"]):
        counties.add(params["county"])
    kind_choices = sorted(kinds.items(), key=lambda pair: pair[1])
    county_choices = sorted(((key, county_label(key)) for key in counties), key=lambda pair: pair[1])
    filters = chosen_filters(params, kind_choices=kind_choices, county_choices=county_choices)
    entries = [entry(item) for item in filter_items(items, **filters)]
    previous_month = (month - datetime.timedelta(days=1)).replace(day=1)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)

    def query(**changes):
        return "?" + urlencode({**filters, "view": view, **changes})

    feed_query = urlencode(filters)
    return {
        "filter_params": params or None,
        "kind_choices": kind_choices,
        "county_choices": county_choices,
        "view": view,
        "month": month,
        "range_start": start,
        "range_end": end - datetime.timedelta(days=1),
        "weeks": month_grid(month, entries) if view == "month" else [],
        "days": list_days(entries, start) if view == "list" else [],
        "entry_count": len(entries),
        "previous_query": query(month=f"{previous_month:%Y-%m}"),
        "next_query": query(month=f"{next_month:%Y-%m}"),
        "list_query": query(view="list", month=f"{month:%Y-%m}"),
        "month_query": query(view="month", month=f"{month:%Y-%m}"),
        "previous_month": previous_month,
        "next_month": next_month,
        "feed_query": feed_query,
    }


FILTER_VALUE = re.compile(r"^[a-z0-9_:-]{0,60}$")


def chosen_filters(params, *, kind_choices, county_choices):
    """The kind, county and audience of ``params`` that are among their choices (others are left out)."""
    choices = {
        "kind": {str(value) for value, _label in kind_choices},
        "county": {str(value) for value, _label in county_choices},
        "audience": {str(value) for value, _label in Audience.choices},
    }
    return {
        name: value for name, allowed in choices.items() if (value := params.get(name)) and value in allowed
    }


def _month_param(value):
    try:
        month = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None
    return month if datetime.date(2000, 1, 1) <= month <= datetime.date(2100, 12, 1) else None
