"""Staff check-in API (under /api/v1/).

Authentication: ``Authorization: Bearer <token>`` with a Wagtail API token (created by
``manage.py create_api_token <username>`` or in the admin under Settings → API tokens), or the
session of a signed-in staff member (the scanner page) — then Django's CSRF check applies to POSTs
(send the ``X-CSRFToken`` header). Without credentials: 401; a signed-in non-staff user: 403.
"""

import json
from datetime import UTC, datetime, timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder
from pydantic import field_validator

from cms.accounts.auth import staff_api_auth
from cms.api import MAX_ID, STAFF_ERRORS, object_id

from . import queries, signing
from .models import CheckInList, ScanResult
from .services import check_in

router = Router(tags=["checkin"], auth=staff_api_auth(message="Check-in is for staff only."))

RESULTS = ", ".join(ScanResult.values)


class CheckInRequest(Schema):
    secret: str | None = Field(None, max_length=200, description="Exactly what the ticket's QR code holds.")
    ticket_hash: str | None = Field(
        None,
        max_length=64,
        description="Instead of `secret`: the SHA-256 (hex) of a secret, as in the offline list.",
    )
    list: int | None = Field(
        None, ge=1, le=MAX_ID, description="Check-in list id; default: the event's entrance list."
    )
    count: int | None = Field(None, ge=1, le=10000, description="People arriving (groups); default: all.")
    scan_id: str | None = Field(
        None,
        max_length=64,
        description="Client-generated id; a retry with the same id returns the first answer.",
    )
    device: str = Field("", max_length=100, description="Name of the scanning device.")
    offline: bool = Field(False, description="The scan was made offline and is being synced.")
    allow_other_day: bool = Field(
        False,
        description="Staff decided to let in a ticket that a one-day list refused as `wrong_day`.",
    )
    scanned_at: datetime | None = Field(
        None,
        description="When the device scanned (offline scans); between 2000 and 2100, offset within ±14 h.",
    )

    @field_validator("scanned_at")
    @classmethod
    def _plausible_device_time(cls, value):
        if value is None:
            return value
        offset = value.utcoffset()
        if offset is not None and abs(offset) > timedelta(hours=14):
            raise ValueError("The time zone offset must be within ±14 hours.")
        if not 2000 <= value.year <= 2100:
            raise ValueError("The scan time must be between the years 2000 and 2100.")
        return value.astimezone(UTC) if offset is not None else value


class CheckInResponse(Schema):
    result: str = Field(description=f"One of: {RESULTS}.")
    name: str
    school: str
    ticket_type: str
    group_size: int
    checked_in: int = Field(description="People of this ticket checked in on this list so far.")
    checked_in_at: datetime | None = Field(description="When the ticket was first checked in on this list.")
    checked_in_by: str
    people: int = Field(description="People admitted by this scan.")
    list: int | None
    scan_id: str | None
    valid_days: list[str] = Field(description="The days (YYYY-MM-DD) the list admits on; empty: any day.")


class ListOut(Schema):
    id: int
    name: str
    event: str
    event_id: int
    day: str | None
    session: str | None
    zone: str | None = Field(description="The fair zone whose entrance the list is for.")
    valid_days: list[str] = Field(description="The days (YYYY-MM-DD) the list admits on; empty: any day.")
    wipe_after: datetime = Field(description="When a device must delete its copy of the list's tickets.")


class OfflineTicket(Schema):
    hash: str = Field(description="SHA-256 (hex) of the ticket secret.")
    name: str
    school: str
    ticket_type: str
    group_size: int
    checked_in: int
    valid_days: list[str] = Field(
        default_factory=list,
        description="The days (YYYY-MM-DD) this ticket is valid on when not the list's "
        "(a fair exhibitor's stand staff pass: the set-up day and the fair's days); empty: the list's.",
    )


class OfflineList(Schema):
    list: ListOut
    generated_at: datetime
    tickets: list[OfflineTicket]


class FoundTicket(OfflineTicket):
    status: str
    ticket_id: int


def _list_out(checkin_list):
    return {
        "id": checkin_list.pk,
        "name": checkin_list.name,
        "event": checkin_list.event.title,
        "event_id": checkin_list.event_id,
        "day": checkin_list.day.isoformat() if checkin_list.day else None,
        "session": checkin_list.session.title if checkin_list.session_id else None,
        "zone": str(checkin_list.zone) if checkin_list.zone_id else None,
        "valid_days": [day.isoformat() for day in queries.valid_days(checkin_list)],
        "wipe_after": queries.wipe_after(checkin_list),
    }


@router.post(
    "/checkin", response={200: CheckInResponse, **STAFF_ERRORS}, summary="Check a ticket in (first scan wins)"
)
def post_checkin(request, payload: CheckInRequest):
    """Check in the ticket whose QR code holds `secret`. Refused scans are answered with 200 too: the
    `result` says why (`unknown`, `cancelled`, `waitlisted`, `wrong_event`, `wrong_list` for another
    day, session or ticket type of the same event, `wrong_zone` for a zone list and a ticket whose
    type does not let into that zone, `already_checked_in`, `wrong_day` for a valid ticket scanned
    on a one-day list on another day: send it again with `allow_other_day` to let it in)."""
    user = request.user  # a staff member (the router's auth), from the bearer token or the session
    if not (payload.secret or payload.ticket_hash):
        raise HttpError(422, "Send the secret of the ticket.")
    checkin_list = get_object_or_404(CheckInList, pk=payload.list) if payload.list is not None else None
    answer = check_in(
        secret=payload.secret,
        ticket_hash=payload.ticket_hash,
        checkin_list=checkin_list,
        count=payload.count,
        scanned_by=user,
        device=payload.device,
        scan_id=payload.scan_id,
        offline=payload.offline,
        device_time=payload.scanned_at,
        allow_other_day=payload.allow_other_day,
    )
    return {
        "result": answer.result,
        "name": answer.name,
        "school": answer.school,
        "ticket_type": answer.ticket_type,
        "group_size": answer.group_size,
        "checked_in": answer.checked_in,
        "checked_in_at": answer.checked_in_at,
        "checked_in_by": answer.checked_in_by,
        "people": answer.people,
        "list": answer.list_id,
        "scan_id": answer.scan_id,
        "valid_days": [day.isoformat() for day in answer.valid_days],
    }


@router.get(
    "/checkin/lists",
    response={200: list[ListOut], **STAFF_ERRORS},
    summary="Check-in lists of current events",
)
def get_lists(request):
    return [_list_out(checkin_list) for checkin_list in queries.lists_for_scanning()]


@router.get(
    "/checkin/lists/{list_id}/tickets",
    response={200: OfflineList, **STAFF_ERRORS},
    summary="A list's tickets for offline scanning",
)
def get_offline_list(request, list_id: int = object_id()):
    """Only what a scanner needs to decide and display offline: the SHA-256 of each secret, the name,
    school, ticket type, group size and people already checked in. No e-mails, no answers, no secrets.
    A device must delete it when its user signs out, and after `list.wipe_after`.

    The body is signed by the server: the `X-Edufest-Signature` header holds the base64 ECDSA P-256
    / SHA-256 signature (raw `r || s`) of the exact response bytes; the scanner page carries the
    public key and refuses a list whose signature does not verify."""
    checkin_list = get_object_or_404(
        CheckInList.objects.select_related("event", "session", "zone"), pk=list_id
    )
    data = OfflineList.model_validate(
        {
            "list": _list_out(checkin_list),
            "generated_at": timezone.now(),
            "tickets": queries.offline_tickets(checkin_list),
        }
    ).model_dump()
    body = json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False).encode()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response[signing.HEADER] = signing.sign(body)
    return response


@router.get(
    "/checkin/lists/{list_id}/search",
    response={200: list[FoundTicket], **STAFF_ERRORS},
    summary="Find tickets (staff)",
)
def search(request, list_id: int = object_id(), q: str = ""):
    """Tickets of the list's event by name, e-mail, school or the first characters of the code."""
    checkin_list = get_object_or_404(CheckInList, pk=list_id)
    return queries.search_tickets(checkin_list, q[:200])


class HourOut(Schema):
    hour: datetime
    people: int


class StatsOut(Schema):
    checked_in: int
    checked_in_tickets: int
    expected: int
    expected_tickets: int
    to_come: int
    by_hour: list[HourOut]
    scans: dict[str, int]


@router.get(
    "/checkin/lists/{list_id}/stats",
    response={200: StatsOut, **STAFF_ERRORS},
    summary="Live counts of a list",
)
def stats(request, list_id: int = object_id()):
    return queries.list_stats(get_object_or_404(CheckInList, pk=list_id))
