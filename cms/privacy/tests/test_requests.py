import datetime
import io
import json
import re
import zipfile
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from cms.outbox.models import OutgoingEmail
from cms.outbox.services import queue_email
from cms.privacy import services
from cms.privacy.models import ConsentRecord, DataSubjectRequest, Purpose, RequestLogEntry
from cms.tests.factories import TeacherFactory
from events.checkin.models import CheckInList
from events.checkin.services import check_in
from events.edubus.tests.factories import VisitRequestFactory
from events.models import EventPage
from events.registration.models import Registration
from events.registration.tests.factories import (
    GroupTicketTypeFactory,
    TicketTypeFactory,
    register,
    register_group,
)

pytestmark = pytest.mark.django_db


def as_json(moment):
    """A time as the export writes it (ISO 8601, milliseconds, Z)."""
    return DjangoJSONEncoder().default(moment)


def ask(client, email, kind):
    """The public form, then the mailed link opened and confirmed: the request is in the queue."""
    client.post(reverse("privacy:request"), {"email": email, "kind": kind})
    mail = OutgoingEmail.objects.filter(subject="Potwierdź wniosek dotyczący Twoich danych osobowych").latest(
        "pk"
    )
    link = re.search(r"http://\S+/potwierdz/\S+/", mail.body_text).group(0)
    client.post(urlparse(link).path)
    return DataSubjectRequest.objects.get(email=email.lower(), kind=kind)


def complete(staff_client, data_request):
    response = staff_client.post(reverse("privacy_admin:request_complete", args=[data_request.pk]))
    assert response.status_code == 302
    data_request.refresh_from_db()
    return data_request


def actions(data_request):
    return list(data_request.log.values_list("action", "actor_name"))


def test_request_needs_the_mailed_link_and_then_waits_in_the_staff_queue(client, staff_client):
    response = client.post(reverse("privacy:request"), {"email": " Anna@Example.org ", "kind": "export"})
    data_request = DataSubjectRequest.objects.get()
    mail = OutgoingEmail.objects.get(to=["anna@example.org"])
    path = urlparse(re.search(r"http://\S+/potwierdz/\S+/", mail.body_text).group(0)).path
    shown = client.get(path)
    queue_before = staff_client.get(reverse("privacy_admin:requests")).content.decode()
    client.post(path)
    queue_after = staff_client.get(reverse("privacy_admin:requests")).content.decode()

    assert response.status_code == 302
    assert response.url == "/prywatnosc/moje-dane/wyslano/"
    assert path.startswith("/prywatnosc/moje-dane/potwierdz/")
    assert "Otrzymaliśmy wniosek: eksport moich danych" in mail.body_text
    assert shown.status_code == 200 and "Potwierdź wniosek" in shown.content.decode()
    assert "anna@example.org" not in queue_before
    assert "anna@example.org" in queue_after
    data_request.refresh_from_db()
    assert data_request.status == DataSubjectRequest.Status.PENDING
    assert len(data_request.token_hash) == 64 and data_request.token_hash not in mail.body_text
    assert actions(data_request) == [("requested", ""), ("verified", "")]


def test_bad_input_is_explained_in_polish_and_kept(client):
    response = client.post(reverse("privacy:request"), {"email": "anna(at)example", "kind": "export"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"email": ["Wprowadź poprawny adres email."]}
    assert 'value="anna(at)example"' in response.content.decode()
    assert not DataSubjectRequest.objects.exists()


def test_an_unknown_or_expired_link_does_nothing(client):
    services.submit_request(kind="erasure", email="anna@example.org")
    DataSubjectRequest.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    mail = OutgoingEmail.objects.get()
    path = urlparse(re.search(r"http://\S+/potwierdz/\S+/", mail.body_text).group(0)).path

    expired = client.post(path)
    unknown = client.post(reverse("privacy:verify", args=["nie-ma-takiego"]))

    assert expired.status_code == 404 and unknown.status_code == 404
    assert DataSubjectRequest.objects.get().status == DataSubjectRequest.Status.UNVERIFIED


def test_too_many_requests_for_one_address_are_refused(client):
    for _ in range(3):
        client.post(reverse("privacy:request"), {"email": "anna@example.org", "kind": "export"})

    response = client.post(reverse("privacy:request"), {"email": "anna@example.org", "kind": "export"})

    assert response.status_code == 429
    assert DataSubjectRequest.objects.count() == 3


def test_export_is_a_zip_of_exactly_the_persons_data_behind_a_signed_link(client, staff_client, notices):
    ticket_type = TicketTypeFactory()
    anna = register(ticket_type, 1, name="Anna Nowak", email="anna@example.org")
    register(ticket_type, 2, name="Ewa Lis", email="ewa@example.org")
    VisitRequestFactory(contact_name="Anna Nowak", contact_email="Anna@example.org")
    data_request = ask(client, "anna@example.org", "export")

    data_request = complete(staff_client, data_request)
    mail = OutgoingEmail.objects.get(subject="Eksport Twoich danych osobowych jest gotowy")
    link = urlparse(re.search(r"http://\S+/pobierz/\S+/", mail.body_text).group(0)).path
    response = client.get(link)
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    sources = {source["key"]: source for source in data["sources"]}

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="edufest-data-{data_request.pk}.zip"'
    assert list(sources) == [
        "feedback",
        "registrations",
        "checkins",
        "certificates",
        "edubus",
        "jury",
        "wzk_roster",
        "wzk_invitations",
        "contests",
        "fairs",
        "privacy",
        "outbox",
        "account",
    ]
    assert sources["registrations"]["tables"]["registrations"] == [
        {
            "id": anna.pk,
            "event": anna.event.title,
            "event_starts_at": as_json(anna.event.starts_at),
            "ticket_type": "Wstęp indywidualny",
            "status": "confirmed",
            "name": "Anna Nowak",
            "email": "anna@example.org",
            "phone": "",
            "language": "pl",
            "places": 1,
            "pupils": 0,
            "adults": 0,
            "school": "",
            "school_rspo": "",
            "school_municipality": "",
            "sessions": [],
            "privacy_notice_version": "event_registration-v1",
            "privacy_acknowledged_at": as_json(anna.privacy_acknowledged_at),
            "registered_at": as_json(anna.created_at),
            "cancelled_at": None,
        }
    ]
    assert [row["contact_name"] for row in sources["edubus"]["tables"]["visit_requests"]] == ["Anna Nowak"]
    assert [
        (row["purpose"], row["notice_version"]) for row in sources["privacy"]["tables"]["consent_records"]
    ] == [("event_registration", "event_registration-v1")]
    assert sources["privacy"]["note"].startswith("Zapisy o przedstawionych klauzulach")
    csv_text = archive.read("csv/registrations-registrations.csv").decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("id,event,event_starts_at,ticket_type,status,name,email")
    assert f"{anna.pk},{anna.event.title}," in csv_text and ",Anna Nowak,anna@example.org," in csv_text
    assert "csv/outbox-emails.csv" in archive.namelist()
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"ewa@example.org" not in everything and b"Ewa Lis" not in everything
    assert actions(data_request) == [
        ("requested", ""),
        ("verified", ""),
        ("exported", "staff"),
        ("downloaded", ""),
    ]
    assert data_request.download_expires_at == data_request.completed_at + datetime.timedelta(days=7)


def test_the_download_link_stops_working_after_seven_days_or_when_tampered(client, staff_client):
    data_request = complete(staff_client, ask(client, "anna@example.org", "export"))
    token = services.download_token(data_request)

    tampered = client.get(reverse("privacy:download", args=[token[:-2] + "xx"]))
    DataSubjectRequest.objects.filter(pk=data_request.pk).update(
        download_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = client.get(reverse("privacy:download", args=[token]))
    purged = services.purge_expired_exports()

    assert tampered.status_code == 410 and expired.status_code == 410
    assert purged == 1
    data_request.refresh_from_db()
    assert data_request.export_json == ""
    assert actions(data_request)[-1] == ("purged", "")


def reach_totals(staff_client):
    summary = staff_client.get(reverse("cms_reach")).context["summary"]
    return (
        summary.activities,
        summary.registrations,
        summary.places,
        summary.people,
        summary.schools,
        summary.municipalities,
    )


def test_erasure_keeps_the_reach_totals_and_leaves_other_people_alone(client, staff_client, notices):
    now = timezone.now()
    anna = TeacherFactory(username="anna", email="anna@example.org")
    group_type = GroupTicketTypeFactory()
    past_group = register_group(
        group_type, 1, name="Anna Nowak", email="anna@example.org", teacher=anna, pupils=24
    )
    ewa = register(TicketTypeFactory(event=group_type.event), 2, name="Ewa Lis", email="ewa@example.org")
    EventPage.objects.filter(pk=group_type.event_id).update(
        starts_at=now - datetime.timedelta(days=3), ends_at=now - datetime.timedelta(days=3, hours=-6)
    )
    upcoming = TicketTypeFactory(capacity=1)
    anna_upcoming = register(upcoming, 3, name="Anna Nowak", email="Anna@example.org")
    waiting = register(upcoming, 4, name="Bartek Zieliński", email="bartek@example.org")
    queue_email(to=["ewa@example.org"], subject="Twój bilet", body_text="Bilet Ewy")
    queue_email(to=["ANNA@example.org"], subject="Twój bilet", body_text="Bilet Anny")
    entrance = CheckInList.objects.create(event=group_type.event, name="Wejście")
    check_in(secret=past_group.ticket.secret, checkin_list=entrance, count=20, scanned_by=None)
    check_in(secret=ewa.ticket.secret, checkin_list=entrance, scanned_by=None)
    before = reach_totals(staff_client)
    ewa_mails = list(
        OutgoingEmail.objects.filter(to=["ewa@example.org"])
        .order_by("pk")
        .values_list("subject", "body_text")
    )
    data_request = ask(client, "anna@example.org", "erasure")

    data_request = complete(staff_client, data_request)

    # 26 + 1 places registered, 20 + 1 people checked in: both stay after the erasure.
    assert reach_totals(staff_client) == before == (1, 2, 27, 21, 1, 2)
    past_group.refresh_from_db()
    assert (past_group.name, past_group.email, past_group.phone, past_group.teacher) == ("—", "", "", None)
    assert (past_group.status, past_group.places, past_group.school_name) == (
        "confirmed",
        26,
        "Szkoła Podstawowa nr 1 w Opolu",
    )
    anna_upcoming.refresh_from_db()
    waiting.refresh_from_db()
    assert (anna_upcoming.status, anna_upcoming.email) == ("cancelled", "")
    assert waiting.status == Registration.Status.CONFIRMED
    ewa.refresh_from_db()
    assert (ewa.name, ewa.email) == ("Ewa Lis", "ewa@example.org")
    # Ewa's mails (her confirmation, written with the registration, and "Bilet Ewy") are untouched;
    # of Anna's only the report of the erasure is left.
    assert ("Twój bilet", "Bilet Ewy") in ewa_mails
    assert (
        list(
            OutgoingEmail.objects.filter(to=["ewa@example.org"])
            .order_by("pk")
            .values_list("subject", "body_text")
        )
        == ewa_mails
    )
    to_anna = [
        mail.subject
        for mail in OutgoingEmail.objects.order_by("pk")
        if any(address.lower() == "anna@example.org" for address in mail.to)
    ]
    assert to_anna == ["Twoje dane osobowe zostały usunięte"]
    account = get_user_model().objects.get(pk=anna.pk)
    assert (account.username, account.email, account.is_active, account.has_usable_password()) == (
        f"erased-{anna.pk}",
        "",
        False,
        False,
    )
    assert (
        ConsentRecord.objects.filter(email="anna@example.org", purpose=Purpose.EVENT_REGISTRATION).count()
        == 2
    )
    report = {entry["key"]: entry for entry in data_request.report}
    assert report["registrations"] == {
        "key": "registrations",
        "label": "Zapisy na wydarzenia",
        "done": {
            "zanonimizowane zapisy": 2,
            "anulowane zapisy na wydarzenia, które jeszcze się nie odbyły": 1,
            "usunięte odpowiedzi na pytania wydarzeń": 0,
            "unieważnione kody biletów": 2,
        },
        "kept": [
            "Każdy zanonimizowany zapis zachowuje wydarzenie, status, liczbę miejsc i szkołę (bez imienia i "
            "nazwiska, e-maila i telefonu), aby dane o zasięgu przekazywane grantodawcy pozostały prawidłowe."
        ],
    }
    assert report["account"]["done"] == {
        "konta zanonimizowane i zamknięte": 1,
        "usunięte adresy e-mail": 1,
        "usunięte metody logowania dwuetapowego": 0,
    }
    assert report["privacy"]["kept"][0].startswith("Zapisy o przedstawionych klauzulach")
    erased_mail = OutgoingEmail.objects.get(subject="Twoje dane osobowe zostały usunięte")
    assert erased_mail.to == ["anna@example.org"]
    assert "zanonimizowane zapisy: 2" in erased_mail.body_text
    assert actions(data_request) == [("requested", ""), ("verified", ""), ("erased", "staff")]
    # nine rows, plus the confirmations of Anna's two registrations (written with the registrations)
    assert RequestLogEntry.objects.filter(request=data_request, action="erased").get().detail == "11 rows"


def test_a_completed_request_cannot_be_run_twice(client, staff_client):
    data_request = complete(staff_client, ask(client, "anna@example.org", "erasure"))

    response = staff_client.post(
        reverse("privacy_admin:request_complete", args=[data_request.pk]), follow=True
    )

    assert "Zrealizować można tylko potwierdzone wnioski" in response.content.decode()
    assert actions(data_request).count(("erased", "staff")) == 1


def test_a_teacher_cannot_complete_requests(client):
    data_request = services.submit_request(kind="erasure", email="anna@example.org")
    services.verify_request(request=data_request)
    client.force_login(TeacherFactory())

    response = client.post(reverse("privacy_admin:request_complete", args=[data_request.pk]))

    assert response.status_code == 302
    data_request.refresh_from_db()
    assert data_request.status == DataSubjectRequest.Status.PENDING


def test_staff_see_what_is_held_before_completing(client, staff_client):
    register(TicketTypeFactory(), 1, name="Anna Nowak", email="anna@example.org")
    data_request = ask(client, "anna@example.org", "erasure")

    response = staff_client.get(reverse("privacy_admin:request_detail", args=[data_request.pk]))

    rows = {
        (source["label"], table): count
        for source in response.context["preview"]
        for table, count in source["tables"].items()
    }
    assert rows[("Zapisy na wydarzenia", "registrations")] == 1
    assert rows[("Zapisy na wydarzenia", "tickets")] == 1
    # the registration's confirmation (written with it) and the request's verification link
    assert rows[("E-maile wysłane do Ciebie", "emails")] == 2
    assert "Usuń dane" in response.content.decode()
