"""Reads of the Edubus with their joins; the scheduling rules' inputs (rules, slots, blackouts) and
what a stop would break; suggestions for a visit request; the public URL of a stop."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from cms.links import absolute_url

from . import scheduling
from .models import Blackout, Stop, Vehicle, VisitRequest

SUNDAY = 6


def upcoming_public_stops(*, county=None, now=None):
    """Public stops that have not ended yet (cancelled ones included, so people see the change)."""
    stops = Stop.objects.filter(is_public=True, departure__gte=now or timezone.now()).select_related(
        "vehicle"
    )
    if county:
        stops = stops.filter(county=county)
    return stops.order_by("arrival", "pk")


def listed_stops(*, county=None, now=None):
    """Upcoming stops for the public list: public ones in full, closed ones as town and day."""
    stops = Stop.objects.filter(departure__gte=now or timezone.now()).select_related("vehicle")
    if county:
        stops = stops.filter(county=county)
    return stops.order_by("arrival", "pk")


def stop_for_page(pk):
    return Stop.objects.select_related("vehicle", "report", "replacement").filter(pk=pk).first()


def vehicle_stops(vehicle, first, last):
    """A vehicle's stops (cancelled too) between two local dates, in route order."""
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=scheduling.WARSAW)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=scheduling.WARSAW
    )
    return list(
        Stop.objects.filter(vehicle=vehicle, arrival__lt=end, departure__gt=start)
        .select_related("vehicle", "request")
        .order_by("arrival", "pk")
    )


def suggestions_for(visit_request, *, limit=5, today=None):
    """Feasible days and arrival windows for a request, over every vehicle in service, best first.

    A school is never offered a Sunday (public holidays and blackouts are closed for everyone).
    """
    if visit_request.latitude is None or visit_request.longitude is None:
        return []
    today = today or timezone.localdate()
    earliest = today + datetime.timedelta(days=1)
    preferred = [day for day in visit_request.preferred_dates if day >= earliest] or [earliest]
    horizon = 42
    first = min(preferred) - datetime.timedelta(days=horizon)
    last = max(preferred) + datetime.timedelta(days=horizon)
    closed_weekdays = (
        (SUNDAY,) if visit_request.institution_kind == VisitRequest.InstitutionKind.SCHOOL else ()
    )
    found = []
    for vehicle in Vehicle.objects.filter(is_active=True):
        for suggestion in scheduling.suggest(
            rules_for(vehicle),
            lat=float(visit_request.latitude),
            lon=float(visit_request.longitude),
            preferred=preferred,
            visit_minutes=vehicle.visit_minutes,
            others=live_slots(vehicle, max(first, earliest), last),
            blackouts=blackouts_for(vehicle, max(first, earliest), last),
            nearby_km=vehicle.nearby_km,
            earliest=earliest,
            horizon_days=horizon,
            limit=limit,
            closed_weekdays=closed_weekdays,
        ):
            found.append((vehicle, suggestion))
    found.sort(
        key=lambda item: (
            item[1].days_from_preferred - (3 if item[1].nearby_km is not None else 0),
            item[1].day,
        )
    )
    return found[:limit]


def review_queue():
    """Requests waiting for staff: new ones and those whose host was offered other dates."""
    return VisitRequest.objects.filter(
        status__in=[VisitRequest.Status.NEW, VisitRequest.Status.PROPOSED]
    ).order_by("created_at")


def rules_for(vehicle):
    """The scheduling rules of a vehicle (``scheduling.Rules``)."""
    return scheduling.Rules(
        average_speed_kmh=float(vehicle.average_speed_kmh),
        road_factor=float(vehicle.road_factor),
        setup_minutes=vehicle.setup_minutes,
        packup_minutes=vehicle.packup_minutes,
        work_starts=vehicle.work_starts,
        work_ends=vehicle.work_ends,
        max_driving_minutes=vehicle.max_driving_minutes,
        base_name=vehicle.base_name,
        base_lat=float(vehicle.base_latitude),
        base_lon=float(vehicle.base_longitude),
    )


def slot_for(stop):
    """A stop as a scheduling slot (a stop without a point counts at the vehicle's base)."""
    lat = stop.latitude if stop.latitude is not None else stop.vehicle.base_latitude
    lon = stop.longitude if stop.longitude is not None else stop.vehicle.base_longitude
    return scheduling.Slot(
        key=stop.pk or "new",
        place=stop.municipality or stop.place_name,
        lat=float(lat),
        lon=float(lon),
        arrival=stop.arrival,
        departure=stop.departure,
    )


def blackouts_for(vehicle, first, last):
    """``(first day, last day, reason)`` of the blackouts of every vehicle or this one in the dates."""
    rows = Blackout.objects.filter(starts_on__lte=last, ends_on__gte=first).filter(
        vehicle__isnull=True
    ) | Blackout.objects.filter(starts_on__lte=last, ends_on__gte=first, vehicle=vehicle)
    return [
        (row.starts_on, row.ends_on, f"{row.get_reason_display()}{': ' + row.note if row.note else ''}")
        for row in rows
    ]


def live_slots(vehicle, first, last, *, exclude=None):
    """The vehicle's non-cancelled stops between two local dates, as scheduling slots."""
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=scheduling.WARSAW)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=scheduling.WARSAW
    )
    stops = (
        Stop.objects.filter(vehicle=vehicle, arrival__lt=end, departure__gt=start)
        .exclude(status=Stop.Status.CANCELLED)
        .select_related("vehicle")
    )
    if exclude:
        stops = stops.exclude(pk=exclude)
    return [slot_for(stop) for stop in stops]


def stop_violations(stop):
    """What the stop (new or edited, not yet saved) would break; nothing for a cancelled stop."""
    if stop.status == Stop.Status.CANCELLED or not (stop.arrival and stop.departure and stop.vehicle_id):
        return []
    candidate = slot_for(stop)
    timing = scheduling.timing_violations(candidate)
    if timing:
        return timing
    day = candidate.day
    others = live_slots(stop.vehicle, day, day, exclude=stop.pk)
    return scheduling.candidate_violations(
        rules_for(stop.vehicle), candidate, others, blackouts_for(stop.vehicle, day, day)
    )


def changes_time_or_status(stop):
    """Whether an edited (saved before) stop moves in time or changes status against its saved row."""
    if not stop.pk:
        return False
    old = (
        Stop.objects.filter(pk=stop.pk)
        .values("arrival", "departure", "opens_at", "closes_at", "status")
        .first()
    )
    if old is None:
        return False
    return any(old[name] != getattr(stop, name) for name in old)


def stop_url(stop):
    """The stop's public page on ``SITE_URL`` (the Polish path): calendar items and the host's mails."""
    with translation.override("pl"):
        return absolute_url(reverse("edubus:stop", args=[stop.pk]))
