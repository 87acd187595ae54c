import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from fpdf import FPDF
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from contests import samples, services
from contests.forms import detect_scan_type
from contests.models import Consent, ConsentEvent, Entry
from contests.pdf import licence_fields_of_use
from contests.tests.factories import StaffFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def _pdf():
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def test_consent_form_pdf_is_prefilled_for_the_pupil(teacher_client, entry):
    member = entry.team.get()

    response = teacher_client.get(reverse("contests:consent_form", args=[entry.pk, member.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="zgoda-wisniewska-ola.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")
    assert b"/Type /Page" in response.content
    assert b"DejaVu" in response.content  # the embedded font that carries the Polish letters


def test_consent_form_lists_the_licence_fields_of_use():
    assert len(licence_fields_of_use()) == 5


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("skan.pdf", _pdf(), "pdf"),
        ("skan.png", samples.png_image(), "png"),
    ],
)
def test_signed_scan_is_stored_privately_under_a_generated_name(teacher_client, entry, name, content, kind):
    member = entry.team.get()

    response = teacher_client.post(
        reverse("contests:consent_upload", args=[entry.pk, member.pk]),
        {f"member{member.pk}-scan": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 302
    consents = list(member.consents.all())
    assert {consent.status for consent in consents} == {Consent.Status.UPLOADED}
    assert len(consents) == 3
    scan_name = consents[0].scan.name
    assert scan_name.startswith("consents/") and scan_name.endswith(f".{kind}")
    assert "skan" not in scan_name
    assert consents[0].scan.storage.exists(scan_name)
    assert ConsentEvent.objects.filter(consent__member=member).count() == 3


@pytest.mark.parametrize(
    "content",
    [samples.html_document(), samples.zip_archive(), b"%PDF-1.4 truncated", b"\x89PNG\r\n\x1a\nnot really"],
    ids=["html", "zip", "pdf without end", "broken png"],
)
def test_files_that_are_not_pdf_jpg_or_png_by_content_are_refused(teacher_client, entry, content):
    member = entry.team.get()

    teacher_client.post(
        reverse("contests:consent_upload", args=[entry.pk, member.pk]),
        {f"member{member.pk}-scan": SimpleUploadedFile("skan.pdf", content)},
    )

    assert not member.consents.exclude(status=Consent.Status.MISSING).exists()
    assert detect_scan_type(content) is None


def _pdf_with(extra):
    """A one-page PDF by fpdf2, changed by ``extra(pdf)`` before it is written."""
    pdf = FPDF()
    pdf.add_page()
    extra(pdf)
    return bytes(pdf.output())


def _pdf_with_open_action_script():
    writer = PdfWriter(clone_from=io.BytesIO(_pdf()))
    writer.add_open_action(JavaScript("app.alert('x');"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_with_embedded_exe():
    writer = PdfWriter(clone_from=io.BytesIO(_pdf()))
    writer.add_attachment("setup.exe", b"MZ\x90\x00" + b"\x00" * 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _html_and_exe_between_pdf_markers():
    return b"%PDF-1.7\n" + samples.html_document() + b"MZ\x90\x00" + b"\x00" * 400 + b"\n%%EOF\n"


@pytest.mark.parametrize(
    "content",
    [_pdf_with_open_action_script(), _pdf_with_embedded_exe(), _html_and_exe_between_pdf_markers()],
    ids=["javascript", "embedded file", "html and exe between the markers"],
)
def test_pdfs_with_scripts_attachments_or_no_real_pdf_inside_are_refused(teacher_client, entry, content):
    member = entry.team.get()

    response = teacher_client.post(
        reverse("contests:consent_upload", args=[entry.pk, member.pk]),
        {f"member{member.pk}-scan": SimpleUploadedFile("skan.pdf", content)},
    )

    assert detect_scan_type(content) is None
    assert not member.consents.exclude(status=Consent.Status.MISSING).exists()
    assert response.status_code in (200, 302)


def test_a_plain_scanned_pdf_with_text_is_accepted():
    assert (
        detect_scan_type(_pdf_with(lambda pdf: (pdf.set_font("helvetica"), pdf.cell(text="Zgoda")))) == "pdf"
    )


def test_image_scans_are_stored_re_encoded_without_metadata_or_trailing_data(teacher_client, entry):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Telefon rodzica"  # camera maker
    Image.new("RGB", (400, 300), (200, 200, 200)).save(buffer, "JPEG", exif=exif)
    uploaded = buffer.getvalue() + b"<script>alert(1)</script>" + b"MZ\x90\x00"
    member = entry.team.get()

    teacher_client.post(
        reverse("contests:consent_upload", args=[entry.pk, member.pk]),
        {f"member{member.pk}-scan": SimpleUploadedFile("skan.jpg", uploaded)},
    )

    consent = member.consents.exclude(scan="").first()
    with consent.scan.open("rb") as stored_file:
        stored = stored_file.read()
    assert stored != uploaded
    assert b"<script>" not in stored and b"MZ\x90" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (400, 300)
        assert 0x010F not in image.getexif()


def test_scans_over_the_size_limit_are_refused(teacher_client, entry, settings):
    member = entry.team.get()
    big = _pdf()[:-6] + b" " * (10 * 1024 * 1024) + b"%%EOF\n"

    teacher_client.post(
        reverse("contests:consent_upload", args=[entry.pk, member.pk]),
        {f"member{member.pk}-scan": SimpleUploadedFile("skan.pdf", big)},
    )

    assert not member.consents.exclude(status=Consent.Status.MISSING).exists()


def _complete_consents(entry):
    services.sync_consents(entry=entry)
    staff = StaffFactory(username="staff-paper")
    for consent in Consent.objects.filter(member__entry=entry):
        services.mark_consent_received_on_paper(consent=consent, user=staff)


def test_publication_needs_every_required_consent_but_judging_does_not(entry):
    second = TeamMemberFactory(entry=entry, is_13_or_older=False)
    services.sync_consents(entry=entry)
    entry = Entry.objects.get(pk=entry.pk)
    assert entry.can_be_published is False
    with pytest.raises(services.ContestError):
        services.set_entry_published(entry=entry, published=True, user=None)

    _complete_consents(entry)
    entry = services.set_entry_published(entry=entry, published=True, user=None)

    assert entry.can_be_published is True
    assert entry.is_public is True
    assert second.consents.count() == 2  # under 13: the parent's consent and the licence, no pupil signature


def test_withdrawing_a_consent_unpublishes_the_film_and_is_audited(teacher_client, entry):
    _complete_consents(entry)
    services.set_entry_published(entry=entry, published=True, user=None)
    consent = Consent.objects.filter(member__entry=entry, kind="parent_publication").get()

    response = teacher_client.post(
        reverse("contests:consent_withdraw", args=[consent.pk]), {"note": "Rodzic zmienił zdanie."}
    )

    entry = Entry.objects.get(pk=entry.pk)
    consent.refresh_from_db()
    assert response.status_code == 302
    assert consent.status == Consent.Status.WITHDRAWN
    assert (entry.published, entry.can_be_published, entry.is_public) == (False, False, False)
    last = consent.events.last()
    assert (last.status, last.actor, last.note) == (
        "withdrawn",
        entry.school.teachers.get(),
        "Rodzic zmienił zdanie.",
    )
    assert teacher_client.get(reverse("contests:public_film", args=[entry.pk])).status_code == 404


def test_staff_mark_a_consent_received_on_paper_in_the_admin(client, entry):
    services.sync_consents(entry=entry)
    staff = StaffFactory(username="staff")
    client.force_login(staff)
    consent = Consent.objects.filter(member__entry=entry).first()

    client.post(
        reverse("contests_admin:entry_check", args=[entry.pk]), {"action": "paper", "consent": consent.pk}
    )

    consent.refresh_from_db()
    assert consent.status == Consent.Status.RECEIVED_ON_PAPER
    assert consent.events.get().actor == staff
