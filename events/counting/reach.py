"""Reach figures of the counted visitors (``basis="counted"``): one row per event or Edubus stop
and school (a class counted with its school; everybody else under no school), split by category.

Counted visitors came in WITHOUT a ticket, so they are added to the checked-in people of
``events.checkin.reach`` and never overlap them. At an Edubus stop with head-counts these rows
replace the visitors of its stop report (``events.edubus.feeds.reach_rows`` skips such a stop).
The place is the event's or the stop's (TERYT codes).
"""

import datetime
import re
import zoneinfo

from django.urls import reverse
from django.utils.translation import gettext as _

from cms.reach.figures import ReachRow

from . import queries
from .models import Category

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
SPLIT = {
    Category.PUPILS: "pupils",
    Category.TEACHERS: "teachers",
    Category.ADULTS: "adults",
    Category.OTHER: "others",
}


def school_key(rspo, name):
    """As ``events.checkin.reach.school_key``: the RSPO number, else the normalised name."""
    if rspo:
        return f"rspo:{rspo}"
    name = re.sub(r"\s+", " ", name).strip().lower()
    return f"name:{name}" if name else ""


def reach_rows(*, start, end):
    """Events starting and stops arriving between ``start`` and ``end`` (dates, inclusive)."""
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=WARSAW)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=WARSAW)
    groups = {}
    for row in queries.reach_sums(since=since, until=until):
        key = (row["event"], row["stop"], school_key(row["school_rspo"], row["school_name"]))
        group = groups.setdefault(key, {"people": 0, "pupils": 0, "teachers": 0, "adults": 0, "others": 0})
        group["people"] += row["people"]
        if row["category"] in SPLIT:
            group[SPLIT[row["category"]]] += row["people"]
    events = queries.events_by_id({event for event, _stop, _school in groups if event})
    stops = queries.stops_by_id({stop for _event, stop, _school in groups if stop})
    for (event_id, stop_id, school), figures in groups.items():
        if event_id:
            target = events[event_id]
            kind = f"event:{target.kind}"
            label = str(target.get_kind_display())
            key = f"event:{event_id}"
            records_url = reverse("counting_admin:event", args=[event_id])
        else:
            target = stops[stop_id]
            kind, label, key = "edubus", _("Edubus"), f"edubus-stop:{stop_id}"
            records_url = reverse("counting_admin:stop", args=[stop_id])
        yield ReachRow(
            activity_type=kind,
            activity_type_label=label,
            activity_key=key,
            activity_name=str(target.title if event_id else target),
            basis="counted",
            school=school,
            municipality=target.municipality,
            county=target.county,
            voivodeship=target.voivodeship,
            municipality_code=target.municipality_code,
            venue_municipality_code=target.municipality_code,
            records_url=records_url,
            **figures,
        )
