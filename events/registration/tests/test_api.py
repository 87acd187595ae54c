import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils import timezone as tz
from wagtail.models import Site

from events.registration.models import Registration
from events.registration.retention import anonymise_registrations

from .factories import (
    GroupTicketTypeFactory,
    QuestionFactory,
    SessionFactory,
    TicketTypeFactory,
    make_event,
    register,
)

pytestmark = pytest.mark.django_db


def body(tt, **extra):
    data = {"ticket_type": tt.pk, "name": "Ewa Lis", "email": "ewa@example.org", "privacy_consent": True}
    data.update(extra)
    return data


def post(client, tt, headers=None, event_id=None, **extra):
    return client.post(
        f"/api/v1/events/{event_id or tt.event_id}/registrations",
        body(tt, **extra),
        content_type="application/json",
        headers=headers or {},
    )


def test_event_list_shows_upcoming_events_with_registration_status(client):
    now = timezone.now()
    open_type = TicketTypeFactory(capacity=2)
    full = TicketTypeFactory(capacity=1, waitlist_enabled=False, event=make_event(title="Pełne"))
    register(full)
    TicketTypeFactory(
        event=make_event(title="Później", registration_opens_at=now + datetime.timedelta(days=3))
    )
    make_event(title="Bez zapisów", registration_enabled=False)
    make_event(
        title="Minione", starts_at=now - datetime.timedelta(days=3), ends_at=now - datetime.timedelta(days=2)
    )

    response = client.get("/api/v1/events")

    assert response.status_code == 200
    rows = {row["title"]: row["registration_status"] for row in response.json()}
    assert rows == {
        open_type.event.title: "open",
        "Pełne": "full",
        "Później": "not_open_yet",
        "Bez zapisów": "none",
    }
    first = response.json()[0]
    assert first["venue"]["municipality"] == "Opole"
    assert set(first) == {
        "id",
        "title",
        "kind",
        "url",
        "starts_at",
        "ends_at",
        "venue",
        "online_url",
        "registration_status",
    }


def test_event_urls_of_the_api_are_on_site_url_not_on_the_wagtail_site_host(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8200"
    event = TicketTypeFactory().event
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, event.get_parent()
    site.save()

    response = client.get("/api/v1/events")

    assert [row["url"] for row in response.json()] == [f"http://127.0.0.1:8200/{event.slug}/"]
    assert "localhost" not in response.content.decode()


def test_event_list_query_count_does_not_grow(client, django_assert_num_queries):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get("/api/v1/events")
        return len(ctx.captured_queries)

    for _ in range(3):
        TicketTypeFactory()
    count()
    few = count()
    for _ in range(10):
        TicketTypeFactory()
    assert count() == few


def test_event_detail_lists_ticket_types_and_questions(client):
    ticket_type = TicketTypeFactory(capacity=5)
    session = SessionFactory(page=ticket_type.event, title="Warsztaty robotyki")
    ticket_type.sessions.add(session)
    ticket_type.save()
    register(ticket_type)
    question = QuestionFactory(event=ticket_type.event, kind="choice", choices="A\nB", required=True)

    data = client.get(f"/api/v1/events/{ticket_type.event_id}").json()

    assert data["ticket_types"] == [
        {
            "id": ticket_type.pk,
            "name": ticket_type.name,
            "kind": "individual",
            "available": 4,
            "max_group_size": 1,
            "waitlist": True,
            "invitation_required": False,
            "sessions": [
                {
                    "id": session.pk,
                    "title": "Warsztaty robotyki",
                    "starts_at": data["ticket_types"][0]["sessions"][0]["starts_at"],
                    "ends_at": data["ticket_types"][0]["sessions"][0]["ends_at"],
                }
            ],
        }
    ]
    assert data["questions"] == [
        {
            "id": question.pk,
            "label": question.label,
            "kind": "choice",
            "choices": ["A", "B"],
            "required": True,
        }
    ]
    assert client.get("/api/v1/events/999999").status_code == 404


ACCEPTED = {
    "status": "accepted",
    "detail": "Dziękujemy. Potwierdzenie z biletem (lub z miejscem na liście rezerwowej) i link do "
    "zarządzania zgłoszeniem są już wysyłane na podany adres e-mail.",
}


def test_post_registers_and_mails_the_links_without_returning_them(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    ticket_type = TicketTypeFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, ticket_type)

    registration = Registration.objects.get()
    assert response.status_code == 201
    assert response.json() == ACCEPTED
    assert registration.status == "confirmed"
    assert [m.to for m in mailoutbox] == [["ewa@example.org"]]
    assert f"http://127.0.0.1:8000/bilet/{registration.ticket.secret}/" in mailoutbox[0].body
    assert f"http://127.0.0.1:8000/zapisy/{registration.cancel_token}/anuluj/" in mailoutbox[0].body


def test_post_waitlists_when_full(client):
    ticket_type = TicketTypeFactory(capacity=1)
    register(ticket_type)

    response = post(client, ticket_type, email="druga@example.org")

    assert (response.status_code, response.json()) == (201, ACCEPTED)
    assert Registration.objects.get(email="druga@example.org").status == "waitlisted"


def test_idempotency_key_returns_the_same_registration(client):
    ticket_type = TicketTypeFactory()

    first = post(client, ticket_type, headers={"Idempotency-Key": "abc-123"})
    again = post(client, ticket_type, headers={"Idempotency-Key": "abc-123"})

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json() == ACCEPTED
    assert Registration.objects.count() == 1


def test_idempotency_key_reused_with_another_body_is_422_without_secrets(client):
    ticket_type = TicketTypeFactory()
    post(client, ticket_type, headers={"Idempotency-Key": "abc-123"})
    registration = Registration.objects.get()

    response = post(client, ticket_type, headers={"Idempotency-Key": "abc-123"}, name="Ktoś Inny")

    assert response.status_code == 422
    assert response.json() == {
        "code": "idempotency_mismatch",
        "message": "Ten klucz Idempotency-Key był już użyty z innym żądaniem; do nowego żądania "
        "użyj nowego klucza.",
        "fields": {},
    }
    assert registration.cancel_token not in response.content.decode()
    assert registration.ticket.secret not in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_registered_address_gets_the_answer_of_a_new_one_and_its_ticket_by_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    ticket_type = TicketTypeFactory()
    register(ticket_type, email="ewa@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        registered = post(client, ticket_type)
        new = post(client, ticket_type, email="nowa@example.org")

    assert (registered.status_code, registered.json()) == (new.status_code, new.json()) == (201, ACCEPTED)
    assert Registration.objects.filter(email="ewa@example.org").count() == 1
    assert [m.to for m in mailoutbox] == [["ewa@example.org"], ["nowa@example.org"]]
    first = Registration.objects.get(email="ewa@example.org")
    assert f"/bilet/{first.ticket.secret}/" in mailoutbox[0].body


def test_a_registered_address_on_a_full_event_gets_full_like_anyone(client):
    ticket_type = TicketTypeFactory(capacity=1, waitlist_enabled=False)
    register(ticket_type, email="ewa@example.org")

    registered = post(client, ticket_type)
    new = post(client, ticket_type, email="nowa@example.org")

    assert (registered.status_code, registered.json()["code"]) == (new.status_code, new.json()["code"])
    assert (new.status_code, new.json()["code"]) == (409, "full")


def test_repeated_registrations_mail_the_ticket_again_only_a_few_times_an_hour(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    cache.clear()
    settings.EDUFEST_RESEND_LIMIT_PER_EMAIL = 3
    ticket_type = TicketTypeFactory()
    register(ticket_type, email="ewa@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [post(client, ticket_type).status_code for _ in range(10)]

    assert answers == [201] * 10
    assert len(mailoutbox) == 3


def test_closed_and_full_are_409(client):
    closed = TicketTypeFactory(
        event=make_event(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    )
    full = TicketTypeFactory(capacity=1, waitlist_enabled=False)
    register(full)

    closed_response = post(client, closed)
    full_response = post(client, full)

    assert (closed_response.status_code, closed_response.json()["code"]) == (409, "closed")
    assert (full_response.status_code, full_response.json()["code"]) == (409, "full")


def test_consent_must_be_true(client):
    response = post(client, TicketTypeFactory(), privacy_consent=False)

    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["privacy_consent"]
    assert response.json()["fields"]["privacy_consent"] == [
        "Potwierdź, że zapoznałeś(-aś) się z klauzulą informacyjną."
    ]


def test_invalid_fields_are_422_with_a_message_each(client):
    ticket_type = TicketTypeFactory()

    bad_email = post(client, ticket_type, email="nie-email")
    missing = client.post(
        f"/api/v1/events/{ticket_type.event_id}/registrations",
        {"ticket_type": ticket_type.pk},
        content_type="application/json",
    )
    wrong_type = post(client, ticket_type, ticket_type=999999)

    assert bad_email.status_code == 422
    assert list(bad_email.json()["fields"]) == ["email"]
    assert missing.status_code == 422
    assert set(missing.json()["fields"]) == {"name", "email", "privacy_consent"}
    assert wrong_type.status_code == 422


def test_answers_are_checked(client):
    ticket_type = TicketTypeFactory()
    question = QuestionFactory(event=ticket_type.event, required=True)

    response = post(client, ticket_type)
    ok = post(client, ticket_type, answers={str(question.pk): "Z plakatu"})

    assert response.status_code == 422
    assert list(response.json()["fields"]) == [f"answers.{question.pk}"]
    assert ok.status_code == 201


def test_group_needs_size_and_school_and_fits_max(client):
    ticket_type = GroupTicketTypeFactory(max_group_size=30)
    school = {
        "name": "Liceum Ogólnokształcące nr 1",
        "municipality": "Kraków",
        "county": "1261",
        "voivodeship": "12",
    }

    no_school = post(client, ticket_type, group_size=20)
    too_big = post(client, ticket_type, group_size=29, adults=2, school=school)
    bad_county = post(client, ticket_type, group_size=20, school={**school, "county": "atlantyda"})
    ok = post(client, ticket_type, group_size=25, adults=2, school=school)

    assert no_school.status_code == 422
    assert (too_big.status_code, list(too_big.json()["fields"])) == (422, ["group_size"])
    assert bad_county.status_code == 422
    assert ok.status_code == 201
    assert Registration.objects.get().places == 27


def test_malformed_json_is_400_and_unknown_event_404(client):
    ticket_type = TicketTypeFactory()

    broken = client.post(
        f"/api/v1/events/{ticket_type.event_id}/registrations", "{nie json", content_type="application/json"
    )
    unknown = post(client, ticket_type, event_id=999999)

    assert broken.status_code == 400
    assert unknown.status_code == 404


def test_rate_limit_answers_429(client, settings):
    settings.EDUFEST_API_RATE_LIMIT = 2
    cache.clear()
    ticket_type = TicketTypeFactory(capacity=10)

    codes = [post(client, ticket_type, email=f"o{n}@example.org").status_code for n in range(3)]

    assert codes == [201, 201, 429]


def test_without_trusted_proxies_a_forged_forwarded_header_does_not_escape_the_limit(client, settings):
    settings.EDUFEST_API_RATE_LIMIT = 2
    settings.EDUFEST_TRUSTED_PROXY_COUNT = 0
    cache.clear()
    ticket_type = TicketTypeFactory(capacity=10)

    codes = [
        post(
            client, ticket_type, headers={"X-Forwarded-For": f"203.0.113.{n}"}, email=f"o{n}@example.org"
        ).status_code
        for n in range(3)
    ]

    assert codes == [201, 201, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.EDUFEST_API_RATE_LIMIT = 2
    settings.EDUFEST_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    ticket_type = TicketTypeFactory(capacity=10)

    def from_client(n, forwarded):
        return post(
            client, ticket_type, headers={"X-Forwarded-For": forwarded}, email=f"o{n}@example.org"
        ).status_code

    first = [from_client(n, f"10.9.9.{n}, 203.0.113.5") for n in range(3)]  # forged left parts vary
    second = from_client(3, "198.51.100.7")

    assert first == [201, 201, 429]
    assert second == 201


def test_openapi_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/events/{event_id}/registrations" in schema["paths"]
    post_op = schema["paths"]["/api/v1/events/{event_id}/registrations"]["post"]
    assert {"201", "409", "422"} <= set(post_op["responses"])
    assert "RegistrationIn" in schema["components"]["schemas"]


def test_anonymising_a_registration_drops_its_idempotency_key_and_request_hash(client):
    ticket_type = TicketTypeFactory()
    post(client, ticket_type, headers={"Idempotency-Key": "abc-123"})
    registration = Registration.objects.get()
    assert len(registration.idempotency_request_hash) == 64

    anonymise_registrations([registration], tz.now())

    registration.refresh_from_db()
    assert (registration.idempotency_key, registration.idempotency_request_hash) == (None, "")
