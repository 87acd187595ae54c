"""Reads of the counted visitors: the targets a counter may choose, the running totals of an hour,
the per-event (per-stop) tables of the staff view and the sums behind the reach rows."""

import datetime
import zoneinfo

from django.db.models import Q, Sum
from django.utils import timezone

from events.edubus.models import Stop
from events.models import EventPage, Zone

from .models import Category, HeadCount

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def hour_of(moment):
    """The start of the Europe/Warsaw hour ``moment`` falls in (aware)."""
    local = moment.astimezone(WARSAW)
    return local.replace(minute=0, second=0, microsecond=0)


def _today_bounds(now):
    today = now.astimezone(WARSAW).date()
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=WARSAW)
    return start, start + datetime.timedelta(days=1)


def countable_events(now=None):
    """Published events taking place today (Europe/Warsaw), with their zones."""
    start, end = _today_bounds(now or timezone.now())
    return (
        EventPage.objects.live()
        .filter(starts_at__lt=end, ends_at__gte=start)
        .prefetch_related("zones")
        .order_by("starts_at", "pk")
    )


def countable_stops(now=None):
    """Edubus stops of today that are not requested or cancelled."""
    start, end = _today_bounds(now or timezone.now())
    return (
        Stop.objects.filter(arrival__lt=end, departure__gte=start)
        .exclude(status__in=[Stop.Status.REQUESTED, Stop.Status.CANCELLED])
        .order_by("arrival", "pk")
    )


def event_for_counting(pk):
    return EventPage.objects.filter(pk=pk).prefetch_related("zones").first()


def stop_for_counting(pk):
    return Stop.objects.filter(pk=pk).first()


def zone_of(event, pk):
    return Zone.objects.filter(page=event, pk=pk).first()


def _target(event=None, stop=None):
    return Q(event=event) if event is not None else Q(stop=stop)


def bucket_total(*, event=None, stop=None, zone=None, hour, category, school_rspo="", school_name=""):
    """People in one bucket: a target, zone, hour, category and school."""
    rows = HeadCount.objects.filter(
        _target(event, stop),
        zone=zone,
        hour=hour,
        category=category,
        school_rspo=school_rspo,
        school_name=school_name,
    )
    return rows.aggregate(total=Sum("delta"))["total"] or 0


def hour_totals(*, event=None, stop=None, zone=None, hour):
    """People counted in ``hour`` per category (every category, 0 where none) and in all."""
    rows = (
        HeadCount.objects.filter(_target(event, stop), zone=zone, hour=hour)
        .values("category")
        .annotate(people=Sum("delta"))
        .order_by()
    )
    by_category = dict.fromkeys(Category.values, 0)
    for row in rows:
        by_category[row["category"]] = row["people"]
    return {"hour": hour, "categories": by_category, "total": sum(by_category.values())}


def table(*, event=None, stop=None):
    """The staff view of one target: ``hours`` (sorted), ``zones`` (a fair's zones, then "no
    zone" as None when anything was counted without one), ``cells`` {(zone id, hour): people},
    ``zone_totals``, ``hour_totals``, ``categories`` [(value, label, people)] and ``total``."""
    rows = list(
        HeadCount.objects.filter(_target(event, stop))
        .values("zone", "hour", "category")
        .annotate(people=Sum("delta"))
        .order_by()
    )
    zones = list(event.zones.all()) if event is not None else []
    zone_ids = {zone.pk for zone in zones}
    cells, zone_totals, hour_totals_, category_totals = {}, {}, {}, dict.fromkeys(Category.values, 0)
    for row in rows:
        zone_id = row["zone"] if row["zone"] in zone_ids else None
        hour = row["hour"].astimezone(WARSAW)
        cells[zone_id, hour] = cells.get((zone_id, hour), 0) + row["people"]
        zone_totals[zone_id] = zone_totals.get(zone_id, 0) + row["people"]
        hour_totals_[hour] = hour_totals_.get(hour, 0) + row["people"]
        category_totals[row["category"]] += row["people"]
    columns = [(zone.pk, str(zone)) for zone in zones]
    if None in zone_totals or not columns:
        columns.append((None, ""))
    hours = sorted(hour_totals_)
    return {
        "hours": hours,
        "columns": columns,
        "grid": [
            (hour, [cells.get((zone_id, hour), 0) for zone_id, _ in columns], hour_totals_[hour])
            for hour in hours
        ],
        "zone_totals": [zone_totals.get(zone_id, 0) for zone_id, _ in columns],
        "categories": [(value, label, category_totals[value]) for value, label in Category.choices],
        "total": sum(category_totals.values()),
    }


def records(*, event=None, stop=None):
    """Every count row of a target, oldest hour first, for the export."""
    return (
        HeadCount.objects.filter(_target(event, stop))
        .select_related("zone", "recorded_by")
        .order_by("hour", "recorded_at", "pk")
    )


def counted_targets():
    """Events and stops with any count: [(kind, object, people)], most recent first."""
    events = {
        row["event"]: row["people"]
        for row in HeadCount.objects.filter(event__isnull=False)
        .values("event")
        .annotate(people=Sum("delta"))
        .order_by()
    }
    stops = {
        row["stop"]: row["people"]
        for row in HeadCount.objects.filter(stop__isnull=False)
        .values("stop")
        .annotate(people=Sum("delta"))
        .order_by()
    }
    targets = [("event", event, events[event.pk]) for event in EventPage.objects.filter(pk__in=events)]
    targets += [("stop", stop, stops[stop.pk]) for stop in Stop.objects.filter(pk__in=stops)]
    return sorted(
        targets,
        key=lambda item: item[1].starts_at if item[0] == "event" else item[1].arrival,
        reverse=True,
    )


def reach_sums(*, since, until):
    """Counted people per (event or stop, school, category) of the events starting and the stops
    arriving in [since, until): a list of dicts with event, stop, school_rspo, school_name,
    category, people (only sums above 0)."""
    rows = (
        HeadCount.objects.filter(
            Q(event__starts_at__gte=since, event__starts_at__lt=until)
            | Q(stop__arrival__gte=since, stop__arrival__lt=until)
        )
        .values("event", "stop", "school_rspo", "school_name", "category")
        .annotate(people=Sum("delta"))
        .order_by("event", "stop", "school_rspo", "school_name", "category")
    )
    return [row for row in rows if row["people"] > 0]


def events_by_id(ids):
    return EventPage.objects.in_bulk(ids)


def stops_by_id(ids):
    return Stop.objects.in_bulk(ids)
