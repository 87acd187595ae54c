"""Reads of the fairs (each part of the app in its own block)."""

import datetime
import zoneinfo

from django.db.models import Max, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.counting.models import HeadCount
from events.dates import last_day
from events.models import EventPage, Stand
from events.registration.models import Registration

from .models import ExhibitorCall, StandVisitCode, StandVisitHour

# ---- Visits ----------------------------------------------------------------------------------

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
# Hours shown for a fair day when the fair's own times say nothing useful (an all-day fair).
DEFAULT_OPENING = (8, 18)


def hour_of(moment):
    """The start of the Europe/Warsaw hour ``moment`` falls in (aware)."""
    return moment.astimezone(WARSAW).replace(minute=0, second=0, microsecond=0)


def open_visit_code(token):
    """The visit code of ``token`` with its stand and fair, while the fair's call has stand visits
    on; else None."""
    code = (
        StandVisitCode.objects.filter(token=token)
        .select_related("stand__event", "stand__zone", "stand__event__exhibitor_call")
        .first()
    )
    if code is None or not visits_enabled(code.stand.event):
        return None
    return code


def visits_enabled(event):
    try:
        return event.exhibitor_call.stand_visits_enabled
    except ExhibitorCall.DoesNotExist:
        return False


def visit_code_of(stand):
    return StandVisitCode.objects.filter(stand=stand).first()


def fair_days(event):
    """The Warsaw dates the fair covers, first to last."""
    first = timezone.localtime(event.starts_at).date()
    last = last_day(event.starts_at, event.ends_at, event.all_day)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def _opening_hours(event):
    if event.all_day:
        return DEFAULT_OPENING
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    closing = end.hour + (1 if end.minute or end.second else 0)
    if closing <= start.hour:
        return DEFAULT_OPENING
    return start.hour, closing


def visit_days(stand):
    """The stand's visits by Warsaw hour for each fair day (and any other day with visits, e.g.
    counted before the fair's dates were moved):
    ``[{"day": date, "total": n, "hours": [{"hour": aware datetime, "visits": n, "percent": 0-100}]}]``;
    every opening hour of the day is a row (zero if nobody came), plus the hours with visits
    outside it. ``percent`` is of the busiest hour of all days (for the bars)."""
    counts = {}
    for row in StandVisitHour.objects.filter(stand=stand).values("hour", "visits"):
        local = row["hour"].astimezone(WARSAW)
        counts[local] = counts.get(local, 0) + row["visits"]
    days = set(fair_days(stand.event)) | {hour.date() for hour in counts}
    opening, closing = _opening_hours(stand.event)
    busiest = max(counts.values(), default=0)
    result = []
    for day in sorted(days):
        hours = {
            datetime.datetime.combine(day, datetime.time(hour), tzinfo=WARSAW)
            for hour in range(opening, closing)
        }
        hours |= {hour for hour in counts if hour.date() == day}
        rows = [
            {
                "hour": hour,
                "visits": counts.get(hour, 0),
                "percent": round(100 * counts.get(hour, 0) / busiest) if busiest else 0,
            }
            for hour in sorted(hours)
        ]
        result.append({"day": day, "total": sum(row["visits"] for row in rows), "hours": rows})
    return result


def fair_for_visits(pk):
    return EventPage.objects.filter(pk=pk).select_related("exhibitor_call").first()


def fairs_with_visits():
    """Fairs whose call has stand visits on, newest first."""
    return (
        EventPage.objects.filter(exhibitor_call__stand_visits_enabled=True)
        .select_related("exhibitor_call")
        .order_by("-starts_at", "pk")
    )


def stand_visit_table(event):
    """Every stand of the fair with its visit code (or None), its visits in all and by fair day:
    ``{"days": [date], "stands": [{"stand", "code", "total", "by_day": [n per day]}], "totals": [...],
    "total": n}``. Two queries whatever the number of stands."""
    days = fair_days(event)
    stands = list(Stand.objects.filter(event=event).select_related("zone", "visit_code"))
    by_stand = {}
    for row in StandVisitHour.objects.filter(stand__event=event).values("stand_id", "hour", "visits"):
        day = row["hour"].astimezone(WARSAW).date()
        by_stand.setdefault(row["stand_id"], {}).setdefault(day, 0)
        by_stand[row["stand_id"]][day] += row["visits"]
    other_days = sorted({day for per_day in by_stand.values() for day in per_day} - set(days))
    days = days + other_days
    lines = []
    for stand in stands:
        per_day = by_stand.get(stand.pk, {})
        code = getattr(stand, "visit_code", None)
        lines.append(
            {
                "stand": stand,
                "code": code,
                "by_day": [per_day.get(day, 0) for day in days],
                "total": sum(per_day.values()),
            }
        )
    return {
        "days": days,
        "stands": lines,
        "totals": [sum(line["by_day"][n] for line in lines) for n in range(len(days))],
        "total": sum(line["total"] for line in lines),
    }


def stands_without_code(event):
    return Stand.objects.filter(event=event, visit_code__isnull=True)


def visit_reach_sums(*, since, until):
    """For each fair starting in [since, until) with stand visits: the event, the most visits of
    any one stand, the people checked in at the door (as the registrations' reach rows count them:
    each confirmed registration's largest check-in, exhibitor passes left out) and the people
    counted at its entrances. Four queries whatever the number of fairs."""
    most = _most_visits(since=since, until=until)
    if not most:
        return []
    events = EventPage.objects.filter(pk__in=most).order_by("starts_at", "pk")
    present = Registration.objects.filter(
        event__in=list(most), status=Registration.Status.CONFIRMED, exhibitor_pass__isnull=True
    ).annotate(present=Coalesce(Max("ticket__checkins__people"), 0))
    checked_in = {}
    for registration in present.values("event_id", "present"):
        checked_in[registration["event_id"]] = (
            checked_in.get(registration["event_id"], 0) + registration["present"]
        )
    counted = {
        row["event"]: row["people"] or 0
        for row in HeadCount.objects.filter(event__in=list(most))
        .values("event")
        .annotate(people=Sum("delta"))
        .values("event", "people")
    }
    return [
        {
            "event": event,
            "most_visits": most[event.pk],
            "checked_in": checked_in.get(event.pk, 0),
            "counted": counted.get(event.pk, 0),
        }
        for event in events
    ]


def _most_visits(*, since, until):
    totals = (
        StandVisitHour.objects.filter(stand__event__starts_at__gte=since, stand__event__starts_at__lt=until)
        .values("stand_id", "stand__event_id")
        .annotate(visits=Sum("visits"))
    )
    most = {}
    for row in totals:
        event = row["stand__event_id"]
        most[event] = max(most.get(event, 0), row["visits"])
    return most


def visit_codes_of(event):
    """The fair's stands' visit codes in the order of the stand list (zone, number, institution)."""
    return (
        StandVisitCode.objects.filter(stand__event=event)
        .select_related("stand__event", "stand__zone")
        .order_by("stand__zone__sort_order", "stand__number", "stand__institution", "pk")
    )
