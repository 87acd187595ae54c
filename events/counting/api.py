"""Counting API (under /api/v1/): the counter page's sync of tap batches and its running totals.

Authentication as for check-in (``cms.accounts.auth.staff_api_auth``): a Wagtail API token or the
session (CSRF-checked) of a user with the Staff, Edubus coordinator or Counter role.
"""

import uuid
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from cms.accounts.auth import staff_api_auth
from cms.api import MAX_ID, STAFF_ERRORS

from . import queries
from .models import COUNTING_ROLES, Category
from .services import CountError, record_count

router = Router(
    tags=["counting"], auth=staff_api_auth(roles=COUNTING_ROLES, message="Counting is for counters only.")
)

CATEGORIES = ", ".join(Category.values)


class CountRequest(Schema):
    id: uuid.UUID = Field(description="Client-generated UUID of the batch; a retry with it counts once.")
    event: int | None = Field(None, ge=1, le=MAX_ID, description="Event page id (or `stop`).")
    stop: int | None = Field(None, ge=1, le=MAX_ID, description="Edubus stop id (or `event`).")
    zone: int | None = Field(None, ge=1, le=MAX_ID, description="A fair zone of the event.")
    category: Category = Field(Category.UNKNOWN, description=f"One of: {CATEGORIES}.")
    delta: int = Field(ge=-1000, le=1000, description="People added; negative for a correction; not 0.")
    school_rspo: str = Field(
        "", max_length=20, pattern=r"^\d*$", description="RSPO number of a class's school."
    )
    school_name: str = Field("", max_length=200, description="Name of a class's school.")
    counted_at: datetime | None = Field(
        None, description="When the device counted (offline batches); within the last 14 days."
    )
    offline: bool = Field(False, description="The batch was counted offline and is being synced.")

    @field_validator("counted_at")
    @classmethod
    def _plausible_device_time(cls, value):
        if value is None:
            return value
        offset = value.utcoffset()
        if offset is not None and abs(offset) > timedelta(hours=14):
            raise ValueError("The time zone offset must be within ±14 hours.")
        if not 2000 <= value.year <= 2100:
            raise ValueError("The count time must be between the years 2000 and 2100.")
        return value.astimezone(UTC) if offset is not None else timezone.make_aware(value, UTC)

    @field_validator("school_name")
    @classmethod
    def _no_control_characters(cls, value):
        if any(ord(character) < 32 for character in value):
            raise ValueError("The school name may not hold control characters.")
        return value


class CountResponse(Schema):
    id: uuid.UUID
    created: bool = Field(description="False: this id was counted before; nothing was added again.")
    delta: int = Field(description="People the batch added (a correction is trimmed at 0).")
    hour: datetime = Field(description="The hour (Europe/Warsaw) the batch is counted in.")
    bucket: int = Field(description="People in the batch's hour, zone, category and school now.")


class TotalsResponse(Schema):
    hour: datetime
    total: int
    categories: dict[str, int] = Field(description=f"People per category ({CATEGORIES}).")


def _target(event_id, stop_id, zone_id):
    if (event_id is None) == (stop_id is None):
        raise HttpError(422, "Send either `event` or `stop`.")
    if stop_id is not None:
        if zone_id is not None:
            raise HttpError(422, "An Edubus stop has no zones.")
        stop = queries.stop_for_counting(stop_id)
        if stop is None:
            raise HttpError(404, "No such Edubus stop.")
        return None, stop, None
    event = queries.event_for_counting(event_id)
    if event is None:
        raise HttpError(404, "No such event.")
    zone = None
    if zone_id is not None:
        zone = queries.zone_of(event, zone_id)
        if zone is None:
            raise HttpError(422, "Choose a zone of this event.")
    return event, None, zone


@router.post(
    "/counting/counts", response={200: CountResponse, **STAFF_ERRORS}, summary="Record a batch of taps"
)
def post_count(request, payload: CountRequest):
    """Add `delta` people of `category` to the hour of `counted_at` (default: now) of an event
    (optionally one of its fair zones) or an Edubus stop. Idempotent by `id`: a batch sent again
    answers as the first time with `created` false."""
    event, stop, zone = _target(payload.event, payload.stop, payload.zone)
    try:
        recorded = record_count(
            client_id=payload.id,
            category=payload.category,
            delta=payload.delta,
            recorded_by=request.user,
            event=event,
            stop=stop,
            zone=zone,
            school_rspo=payload.school_rspo,
            school_name=payload.school_name,
            counted_at=payload.counted_at,
            offline=payload.offline,
        )
    except CountError as refused:
        raise HttpError(422, refused.message) from refused
    return {
        "id": recorded.count.client_id,
        "created": recorded.created,
        "delta": recorded.count.delta,
        "hour": recorded.count.hour,
        "bucket": recorded.bucket,
    }


@router.get(
    "/counting/totals", response={200: TotalsResponse, **STAFF_ERRORS}, summary="People counted this hour"
)
def get_totals(
    request,
    event: int | None = Query(None, ge=1, le=MAX_ID),
    stop: int | None = Query(None, ge=1, le=MAX_ID),
    zone: int | None = Query(None, ge=1, le=MAX_ID),
):
    """The running totals of the current hour (Europe/Warsaw) of an event's zone (no `zone`: what
    was counted without one) or of an Edubus stop, per category."""
    event_, stop_, zone_ = _target(event, stop, zone)
    return queries.hour_totals(event=event_, stop=stop_, zone=zone_, hour=queries.hour_of(timezone.now()))
