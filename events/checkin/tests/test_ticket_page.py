from io import BytesIO

import pytest
from django.core import mail
from pypdf import PdfReader

from cms.outbox.models import OutgoingEmail
from events.registration.models import Registration

from .factories import RegistrationFactory, TicketFactory, UserFactory, group_ticket, staff_user

pytestmark = pytest.mark.django_db


def test_ticket_page_shows_event_details_qr_and_links(client):
    ticket = group_ticket(places=25, name="Ewa Zielińska")

    response = client.get(f"/bilet/{ticket.secret}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" role="img"' in html
    assert ticket.registration.event.title in html
    assert "Centrum Wystawienniczo-Kongresowe, ul. Wrocławska 151, Opole" in html
    assert "Grupa szkolna" in html
    assert "25 osób (23 uczniów, 2 dorosłych)" in html
    assert f"/bilet/{ticket.secret}/pdf/" in html
    assert f"/bilet/{ticket.secret}/wydarzenie.ics" in html
    assert "nowy-kod" not in html  # staff only


def test_ticket_page_pdf_and_ics_carry_no_link_that_manages_the_registration(client):
    """A photo of the ticket (its QR secret) admits; it must not cancel or withdraw consents."""

    ticket = TicketFactory()
    token = ticket.registration.cancel_token

    html = client.get(f"/bilet/{ticket.secret}/").content.decode()
    pdf = client.get(f"/bilet/{ticket.secret}/pdf/").content
    pdf_text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    ics = client.get(f"/bilet/{ticket.secret}/wydarzenie.ics").content.decode()

    for text in (html, pdf_text, ics):
        assert token not in text
        assert "/zapisy/" not in text
        assert "/prywatnosc/zgoda/" not in text
    assert "użyj linku z e-maila z potwierdzeniem" in html
    assert ticket.secret in pdf_text.replace("\n", "")  # the printed code is for admission only


def test_the_ticket_secret_does_not_open_or_cancel_the_registration(client):
    ticket = TicketFactory()

    assert client.get(f"/zapisy/{ticket.secret}/").status_code == 404
    assert client.post(f"/zapisy/{ticket.secret}/anuluj/").status_code == 404
    ticket.registration.refresh_from_db()
    assert ticket.registration.status == Registration.Status.CONFIRMED


def test_unknown_and_regenerated_secrets_are_not_found(client):
    ticket = TicketFactory()
    old = ticket.secret
    client.force_login(staff_user())
    client.post(f"/skaner/bilety/{ticket.pk}/nowy-kod/")
    ticket.refresh_from_db()

    assert client.get("/bilet/no-such-secret/").status_code == 404
    assert client.get(f"/bilet/{old}/").status_code == 404
    assert client.get(f"/bilet/{ticket.secret}/").status_code == 200


def test_waitlisted_ticket_shows_the_position_instead_of_a_qr(client):
    first = RegistrationFactory(status=Registration.Status.WAITLISTED)
    second = RegistrationFactory(ticket_type=first.ticket_type, status=Registration.Status.WAITLISTED)
    ticket = TicketFactory(registration=second)

    html = client.get(f"/bilet/{ticket.secret}/").content.decode()

    assert "numer 2 na liście rezerwowej" in html
    assert "<svg" not in html
    assert client.get(f"/bilet/{ticket.secret}/pdf/").status_code == 404


def test_cancelled_ticket_says_so_without_a_qr_or_cancel_link(client):
    ticket = TicketFactory(registration__status=Registration.Status.CANCELLED)

    html = client.get(f"/bilet/{ticket.secret}/").content.decode()

    assert "Anulowano" in html
    assert "<svg" not in html
    assert "anuluj" not in html


def test_pdf_ticket_and_calendar_file(client):
    ticket = TicketFactory(registration__name="Łukasz Żółć")

    pdf = client.get(f"/bilet/{ticket.secret}/pdf/")
    ics = client.get(f"/bilet/{ticket.secret}/wydarzenie.ics")

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert len(pdf.content) > 5000
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in ics.content


def test_staff_regenerates_a_ticket_and_the_holder_gets_the_new_one(
    client, django_capture_on_commit_callbacks
):
    ticket = TicketFactory(registration__email="ola@example.org")
    old = ticket.secret
    client.force_login(staff_user())

    assert client.get(f"/skaner/bilety/{ticket.pk}/nowy-kod/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/skaner/bilety/{ticket.pk}/nowy-kod/")

    ticket.refresh_from_db()
    assert ticket.secret != old
    assert response.status_code == 302
    assert response["Location"] == f"/bilet/{ticket.secret}/"
    assert OutgoingEmail.objects.get().to == ["ola@example.org"]
    assert [m.to for m in mail.outbox] == [["ola@example.org"]]
    assert ticket.secret in mail.outbox[0].body


def test_regenerate_is_for_staff_only(client):
    ticket = TicketFactory()
    url = f"/skaner/bilety/{ticket.pk}/nowy-kod/"

    anonymous = client.post(url)
    teacher = UserFactory()
    teacher.save()
    client.force_login(teacher)
    forbidden = client.post(url)

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert forbidden.status_code == 403
    old = ticket.secret
    ticket.refresh_from_db()
    assert ticket.secret == old
