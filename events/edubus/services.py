"""State changes of the Edubus: scheduling stops under the rules, visit requests, cancellations."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.links import absolute_url
from cms.outbox.services import queue_templated_email
from cms.privacy import services as privacy
from cms.privacy.models import ConsentRecord, Purpose
from cms.privacy.queries import current_notice

from . import geocoding, scheduling
from .models import ADDRESS_FIELDS, PRIVACY_NOTICE_VERSION, Blackout, Stop, Vehicle, VisitRequest


class ScheduleConflict(Exception):
    """The stop breaks the scheduling rules; ``violations`` say which and by how much."""

    def __init__(self, violations):
        self.violations = list(violations)
        super().__init__("; ".join(str(v) for v in self.violations))


def rules_for(vehicle):
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


def _changes_time_or_status(stop):
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


@transaction.atomic
def schedule_stop(*, stop, override_reason="", by=None):
    """Save a new or edited stop if the vehicle can make it; staff may override with a reason.

    Raises ``ScheduleConflict`` when a rule breaks and no override reason is given, or when the
    database's own safety net (PostgreSQL exclusion constraint) refuses an overlap.
    """
    Vehicle.objects.select_for_update().filter(pk=stop.vehicle_id).first()  # one scheduler per vehicle
    violations = stop_violations(stop)
    override_reason = (override_reason or "").strip()
    if violations and not override_reason:
        raise ScheduleConflict(violations)
    stop.override_reason = override_reason if violations else ""
    stop.overridden_by = by if violations and by is not None and by.is_authenticated else None
    if _changes_time_or_status(stop):
        stop.sequence += 1
    try:
        with transaction.atomic():
            stop.save()
    except IntegrityError as error:
        if "edubus_stop_no_overlap" not in str(error):
            raise
        raise ScheduleConflict(
            [
                scheduling.Violation(
                    "overlap", _("The vehicle already has a stop at that time."), (str(stop.pk),)
                )
            ]
        ) from error
    return stop


def stop_url(stop):
    with translation.override("pl"):
        return absolute_url(reverse("edubus:stop", args=[stop.pk]))


def _tell_host_of_cancellation(stop):
    if stop.contact_email:
        queue_templated_email(
            to=[stop.contact_email],
            template="edubus/email/stop_cancelled",
            context={
                "stop": stop,
                "reason": stop.cancellation_reason,
                "postponed": stop.postponed,
                "replacement": stop.replacement,
                "url": stop_url(stop.replacement or stop),
            },
            language=stop.language,
        )


def _mark_cancelled(stop, *, reason, postponed):
    stop.status = Stop.Status.CANCELLED
    stop.cancellation_reason = reason.strip()
    stop.postponed = postponed
    stop.sequence += 1
    stop.save()


@transaction.atomic
def cancel_stop(*, stop, reason, postponed=False, by=None):
    """Cancel (or postpone) a stop: it stays in the feeds as cancelled, and the host is told."""
    stop = Stop.objects.select_for_update().get(pk=stop.pk)
    if stop.status == Stop.Status.CANCELLED:
        return stop
    _mark_cancelled(stop, reason=reason, postponed=postponed)
    _tell_host_of_cancellation(stop)
    return stop


@transaction.atomic
def postpone_stop(*, stop, arrival, departure, reason, override_reason="", by=None):
    """Move a stop to a new date in one step: the old stop stays in the feeds as postponed and points
    to its replacement, a new stop (same place, host and visit request) is scheduled under the rules,
    and the host gets one e-mail with the new date.

    Raises ``ScheduleConflict`` (and changes nothing) when the bus cannot make the new date.
    """
    stop = Stop.objects.select_for_update().select_related("vehicle").get(pk=stop.pk)
    if stop.status == Stop.Status.CANCELLED:
        return stop
    shift = arrival - stop.arrival
    replacement = Stop(
        vehicle=stop.vehicle,
        **{name: getattr(stop, name) for name in ADDRESS_FIELDS},
        place_name=stop.place_name,
        kind=stop.kind,
        host_institution=stop.host_institution,
        contact_name=stop.contact_name,
        contact_email=stop.contact_email,
        contact_phone=stop.contact_phone,
        language=stop.language,
        arrival=arrival,
        departure=departure,
        opens_at=stop.opens_at + shift if stop.opens_at else None,
        closes_at=stop.closes_at + shift if stop.closes_at else None,
        expected_audience=stop.expected_audience,
        is_public=stop.is_public,
        status=stop.status,
        notes=stop.notes,
        request=stop.request,
    )
    _mark_cancelled(stop, reason=reason, postponed=True)
    schedule_stop(stop=replacement, override_reason=override_reason, by=by)
    stop.replacement = replacement
    stop.save(update_fields=["replacement"])
    _tell_host_of_cancellation(stop)
    return replacement


def place_names(visit_request):
    """The request's locality, county and voivodeship as plain names, as ``geocoding.locate`` takes them."""
    return {
        "locality": visit_request.municipality,
        "county_name": visit_request.county_name or None,
        "voivodeship_name": visit_request.voivodeship_name or None,
    }


def _coordinate(value):
    return Decimal(str(round(float(value), 6)))


def _apply_location(visit_request):
    """Set the request's point from its place name (offline), or mark it not found."""
    located = geocoding.locate(**place_names(visit_request))
    if located is None:
        visit_request.latitude = visit_request.longitude = None
        visit_request.location_status = VisitRequest.LocationStatus.NOT_FOUND
        visit_request.located_as = ""
        return
    visit_request.latitude = _coordinate(located.latitude)
    visit_request.longitude = _coordinate(located.longitude)
    visit_request.location_status = (
        VisitRequest.LocationStatus.AMBIGUOUS if located.ambiguous else VisitRequest.LocationStatus.FOUND
    )
    visit_request.located_as = located.label


@transaction.atomic
def locate_visit_request(*, visit_request):
    """Find the request's point again from its place name (e.g. after staff corrected the address)."""
    visit_request = VisitRequest.objects.select_for_update().get(pk=visit_request.pk)
    _apply_location(visit_request)
    visit_request.save(update_fields=["latitude", "longitude", "location_status", "located_as"])
    return visit_request


@transaction.atomic
def set_visit_request_location(*, visit_request, latitude, longitude, by=None):
    """Staff put the request's point on the map: it replaces the geocoded one."""
    visit_request = VisitRequest.objects.select_for_update().get(pk=visit_request.pk)
    visit_request.latitude = _coordinate(latitude)
    visit_request.longitude = _coordinate(longitude)
    visit_request.location_status = VisitRequest.LocationStatus.STAFF
    visit_request.located_as = ""
    visit_request.save(update_fields=["latitude", "longitude", "location_status", "located_as"])
    return visit_request


@transaction.atomic
def submit_visit_request(
    *, language="pl", privacy_notice=None, optional_consent=False, channel="form", **fields
):
    """Record a visit request from the public form or the API and acknowledge it by e-mail.

    The notice the form showed (default: the current one) is recorded with it (``cms.privacy``).
    The place is located offline from its name (``geocoding``) unless coordinates are given, so
    staff see suggested dates at once; a place that is not found is marked for staff to set.
    """
    notice = privacy_notice or current_notice(Purpose.EDUBUS_REQUEST)
    now = timezone.now()
    visit_request = VisitRequest(
        language=language,
        privacy_notice_version=privacy.notice_label(notice) or PRIVACY_NOTICE_VERSION,
        privacy_acknowledged_at=now,
        **fields,
    )
    if visit_request.latitude is None or visit_request.longitude is None:
        _apply_location(visit_request)
    visit_request.save(force_insert=True)
    record = {
        "purpose": Purpose.EDUBUS_REQUEST,
        "email": visit_request.contact_email,
        "notice": notice,
        "subject": visit_request,
        "channel": channel,
        "language": language,
        "now": now,
    }
    privacy.record_consent(**record)
    if optional_consent and notice is not None and notice.consent_label_pl:
        privacy.record_consent(**record, kind=ConsentRecord.Kind.CONSENT, consent_key="edubus")
    queue_templated_email(
        to=[visit_request.contact_email],
        template="edubus/email/request_received",
        context={"request": visit_request},
        language=language,
    )
    return visit_request


def _decide(visit_request, status, reason, by):
    visit_request.status = status
    visit_request.decision_reason = reason.strip()
    visit_request.decided_at = timezone.now()
    visit_request.decided_by = by if by and by.is_authenticated else None


@transaction.atomic
def approve_visit_request(
    *,
    visit_request,
    vehicle,
    arrival,
    departure,
    kind,
    is_public=True,
    message="",
    override_reason="",
    by=None,
):
    """Turn a request into a confirmed stop (under the rules) and tell the host."""
    visit_request = VisitRequest.objects.select_for_update().get(pk=visit_request.pk)
    stop = Stop(
        vehicle=vehicle,
        request=visit_request,
        place_name=visit_request.institution,
        kind=kind,
        host_institution=visit_request.institution,
        contact_name=visit_request.contact_name,
        contact_email=visit_request.contact_email,
        contact_phone=visit_request.contact_phone,
        language=visit_request.language,
        **{name: getattr(visit_request, name) for name in ADDRESS_FIELDS},
        arrival=arrival,
        departure=departure,
        expected_audience=visit_request.expected_audience,
        is_public=is_public,
        status=Stop.Status.CONFIRMED,
    )
    schedule_stop(stop=stop, override_reason=override_reason, by=by)
    _decide(visit_request, VisitRequest.Status.APPROVED, message, by)
    visit_request.save()
    queue_templated_email(
        to=[visit_request.contact_email],
        template="edubus/email/request_approved",
        context={"request": visit_request, "stop": stop, "message": visit_request.decision_reason},
        language=visit_request.language,
    )
    return stop


@transaction.atomic
def propose_dates(*, visit_request, dates, message="", by=None):
    """Offer the host other dates (from the suggestions) instead of the ones asked for."""
    visit_request = VisitRequest.objects.select_for_update().get(pk=visit_request.pk)
    _decide(visit_request, VisitRequest.Status.PROPOSED, message, by)
    visit_request.proposed_dates = [day.isoformat() for day in sorted(set(dates))]
    visit_request.save()
    queue_templated_email(
        to=[visit_request.contact_email],
        template="edubus/email/request_proposed",
        context={
            "request": visit_request,
            "dates": sorted(set(dates)),
            "message": visit_request.decision_reason,
        },
        language=visit_request.language,
    )
    return visit_request


@transaction.atomic
def decline_visit_request(*, visit_request, reason, by=None):
    visit_request = VisitRequest.objects.select_for_update().get(pk=visit_request.pk)
    _decide(visit_request, VisitRequest.Status.DECLINED, reason, by)
    visit_request.save()
    queue_templated_email(
        to=[visit_request.contact_email],
        template="edubus/email/request_declined",
        context={"request": visit_request, "reason": visit_request.decision_reason},
        language=visit_request.language,
    )
    return visit_request
