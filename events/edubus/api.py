"""Public Edubus API: upcoming public stops, and visit requests (same rules as the web form)."""

import datetime

from django.utils import timezone, translation
from ninja import Router, Schema

from cms.accounts import ratelimit
from cms.api import ErrorOut, error, form_errors
from cms.privacy.forms import optional_consent_given

from . import queries, services
from .forms import VisitRequestForm

router = Router(tags=["edubus"])


class PlaceOut(Schema):
    name: str
    municipality: str
    county: str
    lat: float | None
    lon: float | None


class StopOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: PlaceOut
    status: str


class VisitRequestIn(Schema):
    institution: str = ""
    institution_kind: str = "school"
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    street: str = ""
    postal_code: str = ""
    municipality: str = ""
    county: str = ""
    voivodeship: str = "16"
    preferred_date_1: str = ""
    preferred_date_2: str = ""
    preferred_date_3: str = ""
    expected_audience: str | int = ""
    setting: str = "outdoor"
    parking_ok: bool = False
    power_available: bool = False
    message: str = ""
    privacy: bool = False
    privacy_optional_consent: bool = False


class VisitRequestCreated(Schema):
    id: int
    status: str


@router.get("/edubus/stops", response=list[StopOut], summary="Upcoming public Edubus stops")
def list_stops(request):
    return [
        {
            "id": stop.pk,
            "title": f"Edubus: {stop.place_name}",
            "kind": stop.kind,
            "starts_at": timezone.localtime(stop.starts_at),
            "ends_at": timezone.localtime(stop.ends_at),
            "place": {
                "name": stop.place_name,
                "municipality": stop.municipality,
                "county": stop.county,
                "lat": float(stop.latitude) if stop.latitude is not None else None,
                "lon": float(stop.longitude) if stop.longitude is not None else None,
            },
            "status": stop.status,
        }
        for stop in queries.upcoming_public_stops()
    ]


@router.post(
    "/edubus/requests",
    response={201: VisitRequestCreated, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Ask for an Edubus visit",
)
def create_request(request, payload: VisitRequestIn):
    if ratelimit.api_over_limit(request, scope="edubus-api"):
        return 429, error("rate_limited", translation.gettext("Too many requests; try again in a minute."))
    data = {
        key: ("on" if value is True else "" if value is False else value)
        for key, value in payload.dict().items()
    }
    form = VisitRequestForm(data=data)
    if not form.is_valid():
        return 400, form_errors(form)
    visit_request = services.submit_visit_request(
        language=translation.get_language() or "pl",
        privacy_notice=form.shown_notice,
        optional_consent=optional_consent_given(form),
        channel="api",
        **form.request_fields(),
    )
    return 201, {"id": visit_request.pk, "status": visit_request.status}
