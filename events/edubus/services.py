"""State changes of the Edubus: scheduling stops under the rules, visit requests, cancellations."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.outbox.services import queue_templated_email
from cms.privacy import services as privacy
from cms.privacy.models import ConsentRecord, Purpose
from cms.privacy.queries import current_notice

from . import geocoding, queries, scheduling
from .models import ADDRESS_FIELDS, PRIVACY_NOTICE_VERSION, Stop, Vehicle, VisitRequest


class ScheduleConflict(Exception):
    """The stop breaks the scheduling rules; ``violations`` say which and by how much."""

    def __init__(self, violations):
        self.violations = list(violations)
        super().__init__("; ".join(str(v) for v in self.violations))


@transaction.atomic
def schedule_stop(*, stop, override_reason="", by=None):
    """Save a new or edited stop if the vehicle can make it; staff may override with a reason.

    Raises ``ScheduleConflict`` when a rule breaks and no override reason is given, or when the
    database's own safety net (PostgreSQL exclusion constraint) refuses an overlap.
    """
    Vehicle.objects.select_for_update().filter(pk=stop.vehicle_id).first()  # one scheduler per vehicle
    violations = queries.stop_violations(stop)
    override_reason = (override_reason or "").strip()
    if violations and not override_reason:
        raise ScheduleConflict(violations)
    stop.override_reason = override_reason if violations else ""
    stop.overridden_by = by if violations and by is not None and by.is_authenticated else None
    if queries.changes_time_or_status(stop):
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
                "url": queries.stop_url(stop.replacement or stop),
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
