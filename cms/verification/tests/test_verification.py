"""The one verification service: codes, issuing, revoking, finding, and the public page's answers."""

import datetime

import pytest
from django.utils import timezone

from cms.tests.factories import StaffFactory
from cms.verification import queries, services, views
from cms.verification.models import ALPHABET, format_code, normalise_code

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def issue():
    return services.issue(
        kind_label="Zaświadczenie o udziale",
        title="Festiwal Zawodów Opolskie",
        holder_name="Łucja Żółkiewska",
        issuer="Wojewódzki Urząd Pracy w Opolu",
        issued_at=datetime.datetime(2026, 9, 16, 16, tzinfo=datetime.UTC),
    )


def test_an_issued_code_is_ten_unambiguous_characters_shown_in_groups():
    document = issue()
    assert len(document.code) == 10
    assert set(document.code) <= set(ALPHABET)
    assert not set("0O1IL5S2Z8B") & set(ALPHABET)
    assert document.display_code == f"{document.code[:4]}-{document.code[4:8]}-{document.code[8:]}"
    assert issue().code != document.code


def test_find_ignores_case_spaces_and_dashes():
    document = DocumentFactory(code="K7QMAXHD9P")
    for typed in ("K7QM-AXHD-9P", "k7qm axhd 9p", " k7qmaxhd9p ", "K7QM\u2013AXHD\u20139P"):
        assert queries.find(typed) == document
    assert queries.find("K7QM-AXHD-9Q") is None
    assert queries.find("") is None


def test_an_older_case_sensitive_code_is_found_as_printed():
    document = DocumentFactory(code="Ab_cD-efGhIjKlMnOpQrSt")
    assert queries.find("Ab_cD-efGhIjKlMnOpQrSt") == document
    assert queries.find("ab_cd-efghijklmnopqrst") is None
    assert format_code(document.code) == "Ab_cD-efGhIjKlMnOpQrSt"


def test_normalise_code():
    assert normalise_code(" k7qm-2xhd 9p\n") == "K7QM2XHD9P"


def test_the_page_of_a_valid_document_says_what_for_whom_when_and_by_whom(client):
    document = issue()
    response = client.get(f"/weryfikacja/{document.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Dokument ważny</h1>" in html
    assert "Zaświadczenie o udziale" in html
    assert "Łucja Żółkiewska" in html
    assert "Wojewódzki Urząd Pracy w Opolu" in html
    assert "16 września 2026" in html
    assert document.display_code in html


def test_the_page_in_english(client):
    document = issue()
    html = client.get(f"/en/weryfikacja/{document.code}/").content.decode()
    assert "<h1>Valid document</h1>" in html
    assert "Issued by" in html


def test_a_revoked_document_says_when_and_why(client):
    document = issue()
    staff = StaffFactory()
    services.revoke(document, reason="Wystawione omyłkowo", by=staff)
    services.revoke(document, reason="Drugi raz", by=staff)  # the first reason stays
    document.refresh_from_db()
    assert document.revoked_by == staff
    assert document.revoked_reason == "Wystawione omyłkowo"

    response = client.get(f"/weryfikacja/{document.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Dokument unieważniony</h1>" in html
    assert f"unieważniony {timezone.localdate(document.revoked_at).day}" in html
    assert "Wystawione omyłkowo" in html
    assert "Dokument ważny" not in html


def test_an_unknown_code_says_so(client):
    response = client.get("/weryfikacja/K7QMAXHD9P/")
    assert response.status_code == 404
    assert "<h1>Nieznany kod</h1>" in response.content.decode()


def test_a_typed_code_leads_to_its_canonical_page(client):
    document = DocumentFactory(code="K7QMAXHD9P")
    assert (
        client.get("/weryfikacja/", {"code": "k7qm-axhd-9p"})["Location"] == f"/weryfikacja/{document.code}/"
    )
    assert client.get("/weryfikacja/k7qm-axhd-9p/")["Location"] == f"/weryfikacja/{document.code}/"


def test_an_empty_code_keeps_the_form_with_a_message(client):
    response = client.get("/weryfikacja/", {"code": " - "})
    assert response.status_code == 400
    assert "Wpisz kod wydrukowany na dokumencie." in response.content.decode()
    assert client.get("/weryfikacja/").status_code == 200


def test_looking_up_codes_is_rate_limited(client):
    for _ in range(views.LOOKUPS_PER_MINUTE):
        assert client.get("/weryfikacja/K7QMAXHD9P/").status_code == 404
    response = client.get("/weryfikacja/K7QMAXHD9P/")
    assert response.status_code == 429
    assert "Zbyt wiele sprawdzeń" in response.content.decode()
