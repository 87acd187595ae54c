"""No input with a NUL character reaches the database: PostgreSQL refuses such text (a 500 before).

One middleware (``cms.middleware.RefuseNullCharactersMiddleware``) answers 400 for the path, the
query string and urlencoded/JSON bodies. Run on SQLite and, in CI, on PostgreSQL (``.ci/run``)."""

import json
from urllib.parse import urlencode

import pytest
from wagtail.models import APIToken

from events.checkin.tests.factories import CheckInListFactory, TicketFactory, staff_user
from events.registration.tests.factories import TicketTypeFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Żądanie zawiera niedozwolony znak (NUL)."


@pytest.mark.parametrize(
    "path",
    [
        "/zapisy/abc%00/",
        "/zapisy/abc%00/anuluj/",
        "/bilet/abc%00/",
        "/bilet/abc%00/pdf/",
        "/dyplom/abc%00/",
        "/prywatnosc/zgoda/abc%00/",
        "/wydarzenia/abc%00/",
        "/szukaj/?q=a%00b",
        "/en/search/?q=a%00b",
        "/?page=%00",
    ],
)
def test_a_nul_in_the_path_or_query_is_a_polish_400(client, demo_site, path):
    response = client.get(path)

    assert response.status_code == 400
    assert MESSAGE in response.content.decode() or "(NUL)" in response.content.decode()
    assert response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_nul_in_a_form_is_a_400_and_in_a_multipart_form_a_field_error(client):
    ticket_type = TicketTypeFactory()
    data = {"token": "t", "ticket_type": ticket_type.pk, "name": "Ewa\x00", "email": "ewa@example.org"}
    url = f"/zapisy/wydarzenie/{ticket_type.event_id}/"

    urlencoded = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    multipart = client.post(url, data)

    assert urlencoded.status_code == 400
    assert MESSAGE in urlencoded.content.decode()
    assert multipart.status_code == 200
    assert multipart.context["form"].errors["name"] == ["Znaki null są niedozwolone."]


def test_a_nul_in_api_strings_is_a_400_json(client):
    ticket = TicketFactory()
    ticket_type = TicketTypeFactory(event=ticket.registration.event)
    checkin_list = CheckInListFactory(event=ticket.registration.event)
    _token, plain = APIToken.create_token(user=staff_user(), name="nul")
    staff = {"Authorization": f"Bearer {plain}"}
    expected = {"code": "null_character", "message": MESSAGE, "fields": {}}

    registration = client.post(
        f"/api/v1/events/{ticket_type.event_id}/registrations",
        json.dumps(
            {
                "ticket_type": ticket_type.pk,
                "name": "Ewa\x00Lis",
                "email": "ewa@example.org",
                "privacy_consent": True,
            }
        ),
        content_type="application/json",
    )
    checkin = client.post(
        "/api/v1/checkin",
        json.dumps({"list_id": checkin_list.pk, "secret": "abc\x00"}),
        content_type="application/json",
        headers=staff,
    )
    search = client.get(f"/api/v1/checkin/lists/{checkin_list.pk}/search", {"q": "Ew\x00a"}, headers=staff)
    notice = client.get("/api/v1/privacy/notices/event_registration%00")

    for response in (registration, checkin, search, notice):
        assert (response.status_code, response.json()) == (400, expected)


def test_an_escaped_backslash_before_u0000_is_not_a_nul(client):
    ticket_type = TicketTypeFactory()
    body = {
        "ticket_type": ticket_type.pk,
        "name": "Ewa \\u0000",
        "email": "ewa@example.org",
        "privacy_consent": True,
    }

    response = client.post(
        f"/api/v1/events/{ticket_type.event_id}/registrations",
        json.dumps(body),
        content_type="application/json",
    )

    assert response.status_code == 201


@pytest.mark.parametrize("query", ['"', 'a"b', "(", "a OR", "NOT", "*", "a AND (b", "'", "-a", "NEAR(a b)"])
def test_search_with_query_syntax_characters_answers_200(client, demo_site, query):
    response = client.get("/szukaj/", {"q": query})

    assert response.status_code == 200
