"""Reads of the Edubus with their joins; suggestions for a visit request."""

import datetime

from django.utils import timezone

from . import scheduling
from .models import Stop, Vehicle, VisitRequest

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
    from .services import blackouts_for, live_slots, rules_for

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
