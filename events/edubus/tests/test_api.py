import datetime

import pytest
from django.utils import timezone

from events.edubus.models import VisitRequest

from .factories import BRZEG, StopFactory, VehicleFactory, at, place
from .test_views import request_data

pytestmark = pytest.mark.django_db


def test_stops_endpoint_lists_upcoming_public_stops(client):
    vehicle = VehicleFactory()
    day = timezone.localdate() + datetime.timedelta(days=3)
    stop = StopFactory(
        vehicle=vehicle, place_name="Targi w Brzegu", kind="fair", arrival=at(day, 10), **place(BRZEG)
    )
    StopFactory(vehicle=vehicle, arrival=at(day + datetime.timedelta(days=1), 10), is_public=False)
    StopFactory(vehicle=vehicle, arrival=at(timezone.localdate() - datetime.timedelta(days=3), 10))

    response = client.get("/api/v1/edubus/stops")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": stop.pk,
            "title": "Edubus: Targi w Brzegu",
            "kind": "fair",
            "starts_at": at(day, 10).isoformat(),
            "ends_at": at(day, 13).isoformat(),
            "place": {
                "name": "Targi w Brzegu",
                "municipality": "Brzeg",
                "county": "1601",
                "lat": 50.8608,
                "lon": 17.4676,
            },
            "status": "confirmed",
        }
    ]


def test_request_endpoint_creates_a_request(client):
    data = request_data(parking_ok=True, privacy=True, expected_audience=140)

    response = client.post("/api/v1/edubus/requests", data, content_type="application/json")

    assert response.status_code == 201
    visit_request = VisitRequest.objects.get()
    assert response.json() == {"id": visit_request.pk, "status": "new"}
    assert (visit_request.institution, visit_request.parking_ok) == (
        "Publiczna Szkoła Podstawowa nr 1 w Ozimku",
        True,
    )


def test_request_endpoint_returns_messages_per_field(client):
    data = request_data(contact_email="zly", privacy=False, expected_audience=0)

    response = client.post(
        "/api/v1/edubus/requests", data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="pl"
    )

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "Dane są nieprawidłowe; zobacz komunikat przy każdym polu.",
        "fields": {
            "contact_email": ["Wprowadź poprawny adres email."],
            "expected_audience": ["Upewnij się, że ta wartość jest większa lub równa 1."],
            "privacy": ["Potwierdź, że zapoznałeś(-aś) się z klauzulą informacyjną."],
        },
    }
    assert VisitRequest.objects.count() == 0


def test_edubus_endpoints_are_in_the_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "get" in paths["/api/v1/edubus/stops"]
    assert set(paths["/api/v1/edubus/requests"]["post"]["responses"]) >= {"201", "400"}
