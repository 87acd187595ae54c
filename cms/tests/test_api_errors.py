"""Every error of the JSON API has one shape, ``{"code", "message", "fields"}`` (``cms.api.ErrorOut``),
also the ones django-ninja gives by itself (schema validation, authentication, a missing object)."""

import pytest

from cms.tests.factories import TeacherFactory
from events.tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def test_input_that_does_not_match_the_schema_is_a_422_with_messages_per_field(client):
    response = client.get("/api/v1/events?limit=0&offset=-1", HTTP_ACCEPT_LANGUAGE="pl")

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "message": "Dane są nieprawidłowe; zobacz komunikat przy każdym polu.",
        "fields": {
            "limit": ["Input should be greater than or equal to 1"],
            "offset": ["Input should be greater than or equal to 0"],
        },
    }


def test_a_body_field_is_named_without_the_body_and_nested_fields_with_dots(client):
    event = EventPageFactory()

    response = client.post(
        f"/api/v1/events/{event.pk}/registrations",
        {"ticket_type": 1, "name": "Anna", "email": "a@example.org", "privacy_consent": True, "school": {}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert set(response.json()["fields"]) == {"school.name", "school.municipality"}


def test_a_body_that_is_not_json_is_a_400(client):
    response = client.post("/api/v1/edubus/requests", "{", content_type="application/json")

    assert (response.status_code, response.json()) == (
        400,
        {"code": "bad_request", "message": "Cannot parse request body", "fields": {}},
    )


def test_a_staff_endpoint_without_credentials_is_401_and_for_a_teacher_403(client):
    anonymous = client.get("/api/v1/checkin/lists")
    client.force_login(TeacherFactory())
    teacher = client.get("/api/v1/checkin/lists")

    assert (anonymous.status_code, anonymous.json()) == (
        401,
        {"code": "unauthorized", "message": "Unauthorized", "fields": {}},
    )
    assert (teacher.status_code, teacher.json()) == (
        403,
        {"code": "forbidden", "message": "Check-in is for staff only.", "fields": {}},
    )


def test_a_missing_object_is_404(client):
    response = client.get("/api/v1/events/999999")

    assert (response.status_code, response.json()) == (
        404,
        {"code": "not_found", "message": "Not Found", "fields": {}},
    )


def test_the_openapi_document_describes_the_one_error_schema(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["code", "message", "fields"]
    assert "FieldErrors" not in schema["components"]["schemas"]
    assert "NotFoundOut" not in schema["components"]["schemas"]
