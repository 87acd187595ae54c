"""Public JSON API of events and registrations (mounted under /api/v1/, documented in OpenAPI)."""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema, Status
from wagtail.models import Locale

from cms.accounts import ratelimit
from cms.api import ErrorOut, error, field_error, invalid_input, object_id
from cms.links import page_url
from cms.places.queries import check_place
from events.access import public_view_of
from events.models import EventPage

from . import queries, services
from .forms import PHONE_VALIDATOR, idempotency_key

router = Router(tags=["registration"])

REGISTRATION_STATUSES = "open, not_open_yet, closed, full, waitlist, none"


class VenueOut(Schema):
    name: str
    street: str
    postal_code: str
    municipality: str
    county: str
    voivodeship: str
    latitude: float | None
    longitude: float | None


class EventOut(Schema):
    id: int
    title: str
    kind: str
    url: str | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: VenueOut | None = Field(None, description="null for online events")
    online_url: str
    registration_status: str = Field(..., description=f"one of: {REGISTRATION_STATUSES}")


class QuestionOut(Schema):
    id: int
    label: str
    kind: str = Field(..., description="text, choice or yes_no (answer yes or no)")
    choices: list[str]
    required: bool


class SessionOut(Schema):
    id: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class TicketTypeOut(Schema):
    id: int
    name: str
    kind: str = Field(..., description="individual or group")
    available: int = Field(..., description="free places now")
    max_group_size: int
    waitlist: bool
    invitation_required: bool
    sessions: list[SessionOut]


class EventDetailOut(EventOut):
    ticket_types: list[TicketTypeOut]
    questions: list[QuestionOut]


class SchoolIn(Schema):
    name: str = Field(..., max_length=255)
    rspo: str = Field("", max_length=12, pattern=r"^\d*$")
    municipality: str = Field(..., max_length=120)
    county: str = Field(
        "", max_length=40, description="TERYT county code (4 digits), e.g. 1607 (powiat nyski)"
    )
    voivodeship: str = Field(
        "", max_length=40, description="TERYT voivodeship code (2 digits), e.g. 16 (opolskie)"
    )
    gmina: str = Field(
        "", max_length=7, description="TERYT gmina code (7 digits with the kind), e.g. 1607053"
    )


class RegistrationIn(Schema):
    ticket_type: int
    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field(..., max_length=254)
    privacy_consent: bool = Field(..., description="must be true: the privacy notice was shown and read")
    optional_consent: bool = Field(
        False,
        description="the optional consent of the current notice (GET /privacy/notices/event_registration), "
        "given only when the person ticked it; never pre-ticked",
    )
    group_size: int | None = Field(None, description="groups: pupils (the accompanying adults go in adults)")
    adults: int = Field(0, ge=0, le=100, description="groups: accompanying adults")
    phone: str = Field("", max_length=30)
    school: SchoolIn | None = None
    answers: dict[str, str | bool] = Field(default_factory=dict, description="{question id: answer}")
    sessions: list[int] = Field(default_factory=list)
    invitation_code: str = Field("", max_length=40)
    language: str = Field("pl", description="pl or en: the language of the e-mails")


class RegistrationAccepted(Schema):
    status: str = Field(..., description='always "accepted"')
    detail: str = Field(..., description="what happens next, for people")


def _venue(event):
    if not event.venue_name and not event.municipality:
        return None
    return {
        "name": event.venue_name,
        "street": event.street,
        "postal_code": event.postal_code,
        "municipality": event.municipality,
        "county": event.county,
        "voivodeship": event.voivodeship,
        "latitude": float(event.latitude) if event.latitude is not None else None,
        "longitude": float(event.longitude) if event.longitude is not None else None,
    }


def _event_dict(request, event, ticket_types):
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "url": page_url(event, request) or None,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "venue": _venue(event),
        # A members-only meeting's link never leaves through the API (events.wzk.access).
        "online_url": public_view_of(event).online_url,
        "registration_status": queries.registration_status(event, ticket_types),
    }


def _events():
    return EventPage.objects.live().public().filter(locale=Locale.get_default())


@router.get("/events", response={200: list[EventOut], 422: ErrorOut}, summary="Upcoming published events")
def list_events(request, limit: int = Query(100, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000)):
    events = list(
        _events().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")[offset : offset + limit]
    )
    by_event = {}
    for ticket_type in queries.ticket_types_with_availability([event.pk for event in events]):
        by_event.setdefault(ticket_type.event_id, []).append(ticket_type)
    return [_event_dict(request, event, by_event.get(event.pk, [])) for event in events]


@router.get(
    "/events/{event_id}", response={200: EventDetailOut, 404: ErrorOut, 422: ErrorOut}, summary="One event"
)
def get_event(request, event_id: int = object_id()):
    event = get_object_or_404(_events(), pk=event_id)
    ticket_types = list(queries.ticket_types_with_availability([event.pk]))
    data = _event_dict(request, event, ticket_types)
    data["ticket_types"] = [
        {
            "id": tt.pk,
            "name": tt.name,
            "kind": tt.kind,
            "available": queries.available_places(tt),
            "max_group_size": tt.max_group_size,
            "waitlist": tt.waitlist_enabled,
            "invitation_required": tt.invitation_required or event.members_only,
            "sessions": [
                {"id": s.pk, "title": s.title, "starts_at": s.starts_at, "ends_at": s.ends_at}
                for s in tt.sessions.all()
            ],
        }
        for tt in ticket_types
    ]
    data["questions"] = [
        {"id": q.pk, "label": q.label, "kind": q.kind, "choices": q.choice_list, "required": q.required}
        for q in event.questions.all()
    ]
    return data


CONFLICT_CODES = {"closed", "not_open_yet", "full"}


def _validate(payload, ticket_type):
    """Per-field checks the schema cannot express; returns an error body or None."""
    try:
        validate_email(payload.email.strip())
    except ValidationError:
        return field_error("email", translation.gettext("Enter a valid e-mail address."), "invalid")
    if not payload.privacy_consent:
        return field_error(
            "privacy_consent",
            translation.gettext("Please confirm that you have read the privacy notice."),
            "required",
        )
    if ticket_type.is_group:
        if payload.group_size is None or payload.group_size < 1:
            return field_error(
                "group_size", translation.gettext("Give the number of pupils (at least 1)."), "required"
            )
        school = payload.school
        if school is None:
            return field_error("school", translation.gettext("A group needs its school."), "required")
        place_errors, _place = check_place(
            voivodeship=school.voivodeship, county=school.county, municipality=school.gmina
        )
        if place_errors:
            return field_error("school", next(iter(place_errors.values())), "invalid")
        if payload.phone:
            try:
                PHONE_VALIDATOR(payload.phone)
            except ValidationError as invalid:
                return field_error("phone", invalid.messages[0], "invalid")
    return None


def request_hash(event_id, payload):
    """SHA-256 of what was asked (the event and the whole body), stored with an Idempotency-Key."""
    body = json.dumps({"event": event_id, **payload.dict()}, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def _accepted():
    return Status(
        201,
        {
            "status": "accepted",
            "detail": translation.gettext(
                "Thank you. The confirmation with the ticket (or the place on the waiting list) and "
                "the link to manage the registration are on their way to the e-mail address."
            ),
        },
    )


@router.post(
    "/events/{event_id}/registrations",
    response={
        201: RegistrationAccepted,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Register for an event",
    description=(
        "Individuals need `ticket_type`, `name`, `email` and `privacy_consent: true`; groups also "
        "`group_size` (pupils), `adults` and `school`. The answer carries no ticket or link: the "
        "confirmation (ticket or waiting list) and the link that manages the registration go to the "
        "e-mail address only. An address already registered for the ticket type gets the same 201 "
        "answer and its ticket is mailed to it again (at most a few times an hour), so the answer "
        "never tells whether an address is registered. Optional header `Idempotency-Key`: a repeated "
        "request with the same key and the same body is accepted again without a second "
        "registration; the same key with a different body is a 422 (`idempotency_mismatch`). "
        "409 when registration is closed or not open yet, or full without a waiting list; 422 with a "
        "message per field for invalid input. Every error is `{code, message, fields}`: `fields` "
        "holds the messages per field (`email`, `school.name`, `answers.<question id>`)."
    ),
)
def create_registration(request, payload: RegistrationIn, event_id: int = object_id()):
    if ratelimit.api_over_limit(request):
        return Status(
            429, error("rate_limited", translation.gettext("Too many requests; try again in a minute."))
        )
    ticket_type = queries.public_ticket_type(event_id, payload.ticket_type)
    if ticket_type is None:
        get_object_or_404(_events(), pk=event_id)
        return Status(
            422, field_error("ticket_type", translation.gettext("No such ticket type for this event."))
        )
    invalid = _validate(payload, ticket_type)
    if invalid:
        return Status(422, invalid)
    language = payload.language if payload.language in dict(settings.LANGUAGES) else "pl"
    key = request.headers.get("Idempotency-Key", "").strip()[:200]
    school = payload.school
    email = payload.email.strip()
    if ticket_type.is_group:
        _errors, school_place = check_place(
            voivodeship=school.voivodeship, county=school.county, municipality=school.gmina
        )
    fields = {
        "ticket_type": ticket_type,
        "name": payload.name,
        "email": email,
        "answers": payload.answers,
        "sessions": payload.sessions,
        "invitation_code": payload.invitation_code or None,
        "language": language,
        "privacy_notice_version": services.PRIVACY_NOTICE_VERSION,
        "optional_consent": payload.optional_consent,
        "channel": "api",
        "idempotency_key": idempotency_key("api", key, email, ticket_type.pk) if key else None,
        "request_hash": request_hash(event_id, payload) if key else None,
    }
    if ticket_type.is_group:
        fields.update(
            pupils=payload.group_size,
            adults=payload.adults,
            phone=payload.phone,
            school_name=school.name,
            school_rspo=school.rspo,
            school_municipality=school.municipality,
            school_voivodeship=school_place[0],
            school_county=school_place[1],
            school_municipality_code=school_place[2],
        )
    with translation.override(language):
        try:
            services.register(**fields)
        except services.RegistrationError as refusal:
            if refusal.code == "duplicate":
                # Answer as for a new registration; the address itself gets its ticket again.
                if refusal.registration is not None and not services.resend_limited(email=email):
                    services.resend_ticket(registration=refusal.registration)
                return _accepted()
            if refusal.code == "answers_invalid":
                fields = {f"answers.{pk}": [str(msg)] for pk, msg in refusal.details.items()}
                return Status(422, invalid_input(fields, refusal.code))
            status = 409 if refusal.code in CONFLICT_CODES else 422
            field = {"pupils": "group_size", "places": "group_size"}.get(refusal.field, refusal.field or "")
            return Status(status, field_error(field, refusal.message, refusal.code))
        return _accepted()
