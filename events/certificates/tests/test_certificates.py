"""Certificates of attendance: who gets one, the class's head-count, idempotent issuing, the PDF
(text, title, language, QR code), the mail with the PDF, revoking, downloads by the holder only,
the staff lists' query counts, personal data and retention."""

import datetime as dt

import pytest
import zxingcpp
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory, TeacherFactory, UserFactory
from cms.verification.models import Document
from cms.verification.services import revoke
from events.certificates import mails, privacy, retention, school_area, services
from events.certificates.models import Certificate, CertificateSettings
from events.certificates.pdf import render_certificate
from tests.pdf import first_page_image, pdf_metadata, pdf_text

from .factories import (
    CertificateSettingsFactory,
    CheckInListFactory,
    check_in,
    past_event,
    person,
    school_class,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://edufest.example.org"


def test_only_the_checked_in_get_a_certificate_and_issuing_again_adds_none():
    settings = CertificateSettingsFactory()
    event = settings.event
    came = person(event, name="Żaneta Kołłątaj-Źrebiec")
    person(event, name="Jan Nieobecny", checked_in=False)

    assert services.issue_certificates(event=event) == 1
    assert services.issue_certificates(event=event) == 0

    certificate = Certificate.objects.get()
    assert certificate.registration == came
    assert certificate.holder_name == "Żaneta Kołłątaj-Źrebiec"
    assert not certificate.is_class
    assert Document.objects.count() == 1
    document = certificate.document
    assert document.kind_label == "Zaświadczenie o udziale"
    assert document.holder_name == "Żaneta Kołłątaj-Źrebiec"
    assert document.issuer == "Wojewódzki Urząd Pracy w Opolu"
    assert document.title.startswith("udział w wydarzeniu „Festiwal Zawodów Opolskie” (")


def test_a_class_certificate_names_the_teacher_and_the_head_count_checked_in():
    settings = CertificateSettingsFactory()
    event = settings.event
    teacher = TeacherFactory(first_name="Ewa", last_name="Lis")
    registration = school_class(event, places=26, name="Ewa Lis", teacher=teacher)
    day1, day2 = (
        CheckInListFactory(event=event, name="Dzień 1"),
        CheckInListFactory(event=event, name="Dzień 2"),
    )
    check_in(registration, day1, people=23)
    check_in(registration, day2, people=21)

    services.issue_certificates(event=event)

    certificate = Certificate.objects.get()
    assert certificate.is_class
    assert certificate.people == 23  # the largest head-count at one door, as the reach figures count it
    assert certificate.teacher == teacher
    assert certificate.document.holder_name == (
        "Ewa Lis w imieniu klasy (obecnych osób: 23), Publiczna Szkoła Podstawowa nr 5 w Opolu"
    )
    text = " ".join(pdf_text(render_certificate(certificate, settings=settings)).split())
    assert "Ewa Lis" in text
    assert "w imieniu klasy: obecnych osób: 23, Publiczna Szkoła Podstawowa nr 5 w Opolu" in text


def test_nothing_is_issued_while_certificates_are_switched_off():
    settings = CertificateSettingsFactory(enabled=False)
    person(settings.event)
    with pytest.raises(services.CertificateError):
        services.issue_certificates(event=settings.event)
    assert services.issue_due_certificates() == 0
    assert not Certificate.objects.exists()


def test_the_periodic_run_issues_only_for_events_that_have_ended():
    ended = CertificateSettingsFactory()
    person(ended.event)
    upcoming = CertificateSettingsFactory(event=past_event(title="Trwa jeszcze"))
    upcoming.event.ends_at = timezone.now() + dt.timedelta(hours=2)
    upcoming.event.save()
    person(upcoming.event)

    assert services.issue_due_certificates() == 1
    assert services.issue_due_certificates() == 0  # issued after the end: not due again
    assert list(Certificate.objects.values_list("event", flat=True)) == [ended.event.pk]


def test_the_pdf_has_polish_letters_the_code_its_title_language_and_a_qr_code_to_the_verification_page():
    settings = CertificateSettingsFactory()
    person(settings.event, name="Żaneta Kołłątaj-Źrebiec")
    services.issue_certificates(event=settings.event)
    certificate = Certificate.objects.select_related("document", "event").get()

    content = render_certificate(certificate, settings=settings)

    text = pdf_text(content)
    assert "ZAŚWIADCZENIE O UDZIALE" in text
    assert "Żaneta Kołłątaj-Źrebiec" in text
    assert "wziął(-ęła) udział w wydarzeniu „Festiwal Zawodów Opolskie”" in text
    assert f"Kod weryfikacyjny: {certificate.document.display_code}" in text
    assert "Anna Przykładowa" in text
    metadata = pdf_metadata(content)
    assert metadata.title == "Zaświadczenie o udziale — Żaneta Kołłątaj-Źrebiec"
    assert b"/Lang (pl)" in content
    decoded = zxingcpp.read_barcodes(first_page_image(content))
    assert [code.text for code in decoded] == [
        f"https://edufest.example.org/weryfikacja/{certificate.document.code}/"
    ]


def test_an_english_registration_gets_the_english_text():
    settings = CertificateSettingsFactory()
    person(settings.event, name="John Smith", language="en")
    services.issue_certificates(event=settings.event)
    certificate = Certificate.objects.get()
    content = render_certificate(certificate, settings=settings)
    text = pdf_text(content)
    assert "CERTIFICATE OF ATTENDANCE" in text
    assert "took part in the event “Festiwal Zawodów Opolskie”" in text
    assert b"/Lang (en)" in content
    assert certificate.document.kind_label == "Certificate of attendance"


def test_the_certificate_is_mailed_with_its_pdf_attached(django_capture_on_commit_callbacks):
    settings = CertificateSettingsFactory()
    person(settings.event, name="Ola Nowak", email="ola@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificates(event=settings.event)

    certificate = Certificate.objects.get()
    [sent] = mail.outbox
    assert sent.to == ["ola@example.org"]
    assert sent.subject == "Zaświadczenie o udziale: Festiwal Zawodów Opolskie"
    assert f"https://edufest.example.org/weryfikacja/{certificate.document.code}/" in sent.body
    [(name, content, mimetype)] = sent.attachments
    assert name == f"zaswiadczenie-{certificate.document.code}.pdf"
    assert mimetype == "application/pdf"
    assert "Ola Nowak" in pdf_text(content)
    assert certificate.mailed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        services.resend_certificate(certificate=certificate)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].attachments[0][0] == name


def test_a_revoked_certificate_says_so_on_the_verification_page_and_is_neither_sent_nor_downloaded(client):
    settings = CertificateSettingsFactory()
    user = UserFactory(email="ola@example.org")
    person(settings.event, name="Ola Nowak", email="ola@example.org")
    services.issue_certificates(event=settings.event)  # mail queued, not yet sent
    certificate = Certificate.objects.get()
    staff = StaffFactory()

    services.revoke_certificate(certificate=certificate, reason="Błędne nazwisko", by=staff)
    assert mails.compose(certificate=certificate.pk) is None  # the queued mail is dropped
    page = client.get(f"/weryfikacja/{certificate.document.code}/").content.decode()
    assert "Dokument unieważniony" in page
    assert "Błędne nazwisko" in page
    with pytest.raises(services.CertificateError):
        services.resend_certificate(certificate=certificate)
    client.force_login(user)
    assert client.get(f"/zaswiadczenia/{certificate.pk}.pdf").status_code == 404
    with pytest.raises(services.CertificateError):
        services.revoke_certificate(certificate=certificate, reason="  ", by=staff)


def test_only_the_holder_downloads_a_certificate(client):
    settings = CertificateSettingsFactory()
    visitor = UserFactory(email="ola@example.org")
    teacher = TeacherFactory(email="ewa.lis@example.org")
    other = UserFactory(email="inna@example.org")
    person(settings.event, name="Ola Nowak", email="OLA@example.org")
    registration = school_class(settings.event, name="Ewa Lis", teacher=teacher, email="ewa.lis@example.org")
    check_in(registration, CheckInListFactory(event=settings.event), people=20)
    services.issue_certificates(event=settings.event)
    own = Certificate.objects.get(is_class=False)
    class_certificate = Certificate.objects.get(is_class=True)

    assert client.get(f"/zaswiadczenia/{own.pk}.pdf").status_code == 302  # to log in
    client.force_login(other)
    assert client.get(f"/zaswiadczenia/{own.pk}.pdf").status_code == 404
    assert client.get(f"/zaswiadczenia/{class_certificate.pk}.pdf").status_code == 404
    client.force_login(visitor)
    response = client.get(f"/zaswiadczenia/{own.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert client.get(f"/zaswiadczenia/{class_certificate.pk}.pdf").status_code == 404
    account = client.get("/konto/").content.decode()
    assert "Zaświadczenia o udziale" in account
    assert f"/zaswiadczenia/{own.pk}.pdf" in account
    client.force_login(teacher)
    assert client.get(f"/zaswiadczenia/{class_certificate.pk}.pdf").status_code == 200
    assert f"/zaswiadczenia/{class_certificate.pk}.pdf" in client.get("/szkola/").content.decode()


def test_an_unverified_address_is_not_enough_to_download(client):
    settings = CertificateSettingsFactory()
    user = UserFactory(email="ola@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)
    person(settings.event, email="ola@example.org")
    services.issue_certificates(event=settings.event)
    client.force_login(user)
    assert client.get(f"/zaswiadczenia/{Certificate.objects.get().pk}.pdf").status_code == 404


def test_placeholders_are_checked_when_the_settings_are_saved():
    settings = CertificateSettingsFactory.build(event=past_event(), text_pl="Udział {imie} w {event}")
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "imie" in str(error.value.message_dict["text_pl"])
    settings.text_pl = "Udział w {event}, {date}, {place}; {school}: {pupils}"
    settings.full_clean()


def _issued(count):
    settings = CertificateSettingsFactory(event=past_event(title=f"Festiwal {count}"))
    for number in range(count):
        person(settings.event, name=f"Osoba {number}")
    services.issue_certificates(event=settings.event, mail=False)
    return settings.event


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_staff_lists_run_a_constant_number_of_queries(client):
    client.force_login(StaffFactory())
    small, large = _issued(2), _issued(10)
    revoke(Certificate.objects.filter(event=large).first().document, reason="Pomyłka", by=StaffFactory())
    assert _queries(client, f"/admin/certificates/{small.pk}/") == _queries(
        client, f"/admin/certificates/{large.pk}/"
    )
    assert _queries(client, "/admin/certificates/") == _queries(client, "/admin/certificates/")


def test_the_holders_section_runs_a_constant_number_of_queries(rf):
    teacher = TeacherFactory()
    counts = []
    for count in (2, 10):
        settings = CertificateSettingsFactory(event=past_event(title=f"Festiwal {count}"))
        for _number in range(count):
            registration = school_class(settings.event, teacher=teacher)
            check_in(registration, CheckInListFactory(event=settings.event), people=5)
        services.issue_certificates(event=settings.event, mail=False)
        request = rf.get("/szkola/")
        request.user = teacher
        with CaptureQueriesContext(connection) as queries:
            section = school_area.school_section(request)
            html = render_to_string(section["template"], {"section": section["context"]})
        assert html.count(".pdf") == Certificate.objects.filter(teacher=teacher).count()
        counts.append(len(queries))
    assert counts == [1, 1]


def test_staff_issue_now_revoke_and_resend_from_the_admin(client):
    settings = CertificateSettingsFactory()
    person(settings.event, name="Ola Nowak")
    client.force_login(StaffFactory())
    response = client.post(f"/admin/certificates/{settings.event.pk}/wystaw/")
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    page = client.get(f"/admin/certificates/{settings.event.pk}/").content.decode()
    assert "Ola Nowak" in page
    assert certificate.document.display_code in page
    client.post(f"/admin/certificates/zaswiadczenie/{certificate.pk}/wyslij/")
    assert OutgoingEmail.objects.count() == 2
    client.post(f"/admin/certificates/zaswiadczenie/{certificate.pk}/uniewaznij/", {"reason": "Pomyłka"})
    certificate.document.refresh_from_db()
    assert certificate.document.revoked_reason == "Pomyłka"
    assert client.get(f"/admin/certificates/zaswiadczenie/{certificate.pk}.pdf").status_code == 200


def test_personal_data_export_and_erasure():
    settings = CertificateSettingsFactory()
    person(settings.event, name="Ola Nowak", email="ola@example.org")
    person(settings.event, name="Jan Inny", email="jan@example.org")
    services.issue_certificates(event=settings.event, mail=False)
    code = Certificate.objects.get(email="ola@example.org").document.display_code

    exported = privacy.export("OLA@example.org")["certificates"]
    assert [(row["holder"], row["code"]) for row in exported] == [("Ola Nowak", code)]

    erasure = privacy.erase("ola@example.org")
    assert erasure.done == {"zaświadczenia o udziale": 1}
    assert list(Certificate.objects.values_list("holder_name", flat=True)) == ["Jan Inny"]
    assert Document.objects.count() == 1


def test_certificates_are_deleted_with_their_records_five_years_after_the_event():
    settings = CertificateSettingsFactory()
    person(settings.event)
    services.issue_certificates(event=settings.event, mail=False)
    [rule] = retention.rules()
    assert rule.default_days == 5 * 365
    assert not rule.due(settings.event.ends_at).exists()
    due = list(rule.due(settings.event.ends_at + dt.timedelta(seconds=1)))
    assert rule.process(due, timezone.now()) == 1
    assert not Certificate.objects.exists()
    assert not Document.objects.exists()
    assert CertificateSettings.objects.exists()
