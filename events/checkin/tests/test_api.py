import base64
import datetime as dt
import io
import json
import re

import PIL.Image
import pytest
import zxingcpp
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from events.checkin import signing
from events.checkin.models import CheckIn, Scan, secret_hash
from events.registration.models import Registration
from events.registration.qr import qr_png

from .factories import (
    CheckInListFactory,
    RegistrationFactory,
    TicketFactory,
    UserFactory,
    group_ticket,
    staff_user,
)

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, plain = APIToken.create_token(user=user, name="skaner")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def post(client, payload, **headers):
    return client.post("/api/v1/checkin", json.dumps(payload), content_type="application/json", **headers)


def test_decoded_qr_checks_in_through_the_api_then_is_already_checked_in(client):
    ticket = TicketFactory(registration__name="Zofia Wiśniewska")
    entrance = CheckInListFactory(event=ticket.registration.event)
    auth = bearer(staff_user())
    decoded = zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(qr_png(ticket.secret))))[0].text

    first = post(client, {"secret": decoded, "list": entrance.pk, "scan_id": "s1", "device": "brama"}, **auth)
    second = post(client, {"secret": decoded, "list": entrance.pk}, **auth)

    assert first.status_code == 200
    body = first.json()
    assert {
        key: body[key] for key in ("result", "name", "ticket_type", "group_size", "checked_in", "people")
    } == {
        "result": "ok",
        "name": "Zofia Wiśniewska",
        "ticket_type": "Wejście indywidualne",
        "group_size": 1,
        "checked_in": 1,
        "people": 1,
    }
    assert body["checked_in_at"] is not None
    assert second.json()["result"] == "already_checked_in"
    assert second.json()["checked_in_at"] == body["checked_in_at"]
    assert Scan.objects.get(scan_id="s1").device == "brama"


def test_group_count_and_retried_scan_id_through_the_api(client):
    ticket = group_ticket(places=25)
    auth = bearer(staff_user())

    first = post(client, {"secret": ticket.secret, "count": 18, "scan_id": "x-1"}, **auth).json()
    retry = post(client, {"secret": ticket.secret, "count": 18, "scan_id": "x-1"}, **auth).json()
    rest = post(client, {"secret": ticket.secret, "count": 7, "scan_id": "x-2"}, **auth).json()

    assert (first["result"], first["checked_in"], first["group_size"]) == ("partial", 18, 25)
    assert retry == first
    assert (rest["result"], rest["checked_in"]) == ("ok", 25)
    assert CheckIn.objects.get().people == 25


def test_bad_input_is_a_clear_422_not_a_500(client):
    auth = bearer(staff_user())

    assert post(client, {}, **auth).status_code == 422
    assert post(client, {"secret": "abc", "count": 0}, **auth).status_code == 422
    assert post(client, {"secret": "abc", "list": 999999}, **auth).status_code == 404
    assert client.post(
        "/api/v1/checkin", "not json", content_type="application/json", **auth
    ).status_code in (400, 422)


def test_anonymous_and_non_staff_get_nothing_from_the_api(client):
    ticket = TicketFactory()
    entrance = CheckInListFactory(event=ticket.registration.event)
    teacher = UserFactory()
    teacher.save()
    revoked = APIToken.create_token(user=staff_user(), name="stary")
    revoked[0].revoke()

    assert post(client, {"secret": ticket.secret}).status_code == 401
    assert post(client, {"secret": ticket.secret}, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401
    assert (
        post(client, {"secret": ticket.secret}, HTTP_AUTHORIZATION=f"Bearer {revoked[1]}").status_code == 401
    )
    assert post(client, {"secret": ticket.secret}, **bearer(teacher)).status_code == 403
    assert client.get(f"/api/v1/checkin/lists/{entrance.pk}/tickets").status_code == 401
    assert client.get(f"/api/v1/checkin/lists/{entrance.pk}/tickets", **bearer(teacher)).status_code == 403
    client.force_login(teacher)
    assert client.get(f"/api/v1/checkin/lists/{entrance.pk}/search?q=Anna").status_code == 403
    assert Scan.objects.count() == 0


def test_staff_session_needs_the_csrf_token_to_post():
    ticket = TicketFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user())

    without = post(client, {"secret": ticket.secret})
    client.get("/api/v1/checkin/lists")  # any page; the scanner page sets the cookie
    client.cookies["csrftoken"] = "a" * 32
    with_token = post(client, {"secret": ticket.secret}, HTTP_X_CSRFTOKEN="a" * 32)

    assert without.status_code == 403
    assert with_token.status_code == 200
    assert with_token.json()["result"] == "ok"


def test_offline_list_holds_hashes_names_and_counts_but_no_emails(client):
    ticket = group_ticket(places=25, name="Ewa Zielińska", email="ewa@example.org")
    event = ticket.registration.event
    entrance = CheckInListFactory(event=event)
    RegistrationFactory(ticket_type=ticket.registration.ticket_type, status=Registration.Status.CANCELLED)
    TicketFactory(
        registration=RegistrationFactory(
            ticket_type=ticket.registration.ticket_type, status=Registration.Status.CANCELLED
        )
    )
    auth = bearer(staff_user())
    post(client, {"secret": ticket.secret, "list": entrance.pk, "count": 10}, **auth)

    response = client.get(f"/api/v1/checkin/lists/{entrance.pk}/tickets", **auth)

    body = response.json()
    assert body["list"]["id"] == entrance.pk
    assert body["tickets"] == [
        {
            "hash": secret_hash(ticket.secret),
            "name": "Ewa Zielińska",
            "school": "Publiczna Szkoła Podstawowa nr 5 w Opolu",
            "ticket_type": "Grupa szkolna",
            "group_size": 25,
            "checked_in": 10,
            "valid_days": [],  # the list's days apply (a stand staff pass carries its own)
        }
    ]
    assert "ewa@example.org" not in response.content.decode()
    assert ticket.secret not in response.content.decode()


def test_staff_search_by_name_email_school_and_code(client):
    ticket = group_ticket(name="Ewa Zielińska", email="ewa@example.org", school="Technikum nr 2 w Nysie")
    other = TicketFactory(registration__name="Piotr Mazur")
    entrance = CheckInListFactory(event=ticket.registration.event)
    auth = bearer(staff_user())

    def names(q):
        response = client.get(f"/api/v1/checkin/lists/{entrance.pk}/search", {"q": q}, **auth)
        return [row["name"] for row in response.json()]

    assert names("zielińska") == ["Ewa Zielińska"]
    assert names("EWA@example.org") == ["Ewa Zielińska"]
    assert names("nysie") == ["Ewa Zielińska"]
    assert names(ticket.secret[:8]) == ["Ewa Zielińska"]
    assert names("Mazur") == []  # another event
    assert names("e") == []
    assert other.registration.event_id != entrance.event_id


def test_create_api_token_prints_a_working_token_last(client, capsys):
    user = staff_user(username="bramka", email="bramka@example.org")
    ticket = TicketFactory()

    call_command("create_api_token", "bramka")

    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert APIToken.objects.get().user == user
    response = post(client, {"secret": ticket.secret}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.json()["result"] == "ok"


def test_checkin_endpoints_are_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/checkin" in schema["paths"]
    assert "/api/v1/checkin/lists/{list_id}/tickets" in schema["paths"]
    assert "BearerTokenAuth" in schema["components"]["securitySchemes"]


def test_a_group_scanned_ten_days_before_its_list_day_is_refused_with_the_day_then_let_in_on_purpose(
    client,
):

    ticket = group_ticket(places=25, name="Ewa Zielińska", school="Technikum nr 2 w Nysie")
    day = timezone.localdate() + dt.timedelta(days=10)
    list_of_the_day = CheckInListFactory(event=ticket.registration.event, name="Dzień 2", day=day)
    auth = bearer(staff_user())

    early = post(client, {"secret": ticket.secret, "list": list_of_the_day.pk}, **auth).json()
    let_in = post(
        client, {"secret": ticket.secret, "list": list_of_the_day.pk, "allow_other_day": True}, **auth
    ).json()
    lists = client.get("/api/v1/checkin/lists", **auth).json()

    assert {key: early[key] for key in ("result", "name", "school", "checked_in", "valid_days")} == {
        "result": "wrong_day",
        "name": "Ewa Zielińska",
        "school": "Technikum nr 2 w Nysie",
        "checked_in": 0,
        "valid_days": [day.isoformat()],
    }
    assert (let_in["result"], let_in["checked_in"], let_in["school"]) == ("ok", 25, "Technikum nr 2 w Nysie")
    assert Scan.objects.filter(other_day=True).count() == 1
    assert [row["valid_days"] for row in lists if row["id"] == list_of_the_day.pk] == [[day.isoformat()]]


def test_the_offline_list_is_signed_by_the_server_key_the_scanner_page_carries(client):
    ticket = TicketFactory(registration__name="Zofia Wiśniewska")
    day = timezone.localdate() + dt.timedelta(days=1)
    day_list = CheckInListFactory(event=ticket.registration.event, day=day)
    staff = staff_user()
    client.force_login(staff)

    response = client.get(f"/api/v1/checkin/lists/{day_list.pk}/tickets")
    page = client.get(f"/skaner/?list={day_list.pk}").content.decode()

    spki = re.search(r'data-list-public-key="([^"]+)"', page).group(1)
    public_key = serialization.load_der_public_key(base64.b64decode(spki))
    raw = base64.b64decode(response[signing.HEADER])
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public_key.verify(der, response.content, ec.ECDSA(hashes.SHA256()))  # raises if it does not verify
    assert signing.verify(response.content, response[signing.HEADER])
    assert not signing.verify(response.content.replace(b"Zofia", b"Zosia"), response[signing.HEADER])
    body = response.json()
    assert body["tickets"][0]["name"] == "Zofia Wiśniewska"
    wipe_after = dt.datetime.fromisoformat(body["list"]["wipe_after"])
    assert timezone.localtime(wipe_after).replace(tzinfo=None) == dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time.min
    )
    assert re.fullmatch(r"[A-Za-z0-9+/]{43}=", re.search(r'data-storage-key="([^"]+)"', page).group(1))


def test_a_configured_signing_key_is_used(settings):
    key = ec.generate_private_key(ec.SECP256R1())
    settings.EDUFEST_CHECKIN_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()

    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert signing.public_key_spki() == base64.b64encode(public).decode()
    assert signing.verify(b"lista", signing.sign(b"lista"))
