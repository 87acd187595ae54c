import pytest
from django.urls import reverse

from cms.privacy import demo, services
from cms.privacy.forms import NoticeVersionForm
from cms.privacy.models import NoticeVersion, Purpose
from cms.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def rich(html):
    """What the admin's rich-text editor posts for ``html``."""
    return NoticeVersionForm().fields["body_pl"].widget.format_value(html)


def test_demo_seeds_a_polish_and_english_first_version_of_every_purpose_once(notices):
    demo.ensure_first_versions()

    versions = list(NoticeVersion.objects.order_by("purpose"))
    assert sorted(version.label for version in versions) == sorted(
        f"{purpose}-v1" for purpose in Purpose.values
    )
    assert all(version.title_pl and version.title_en and version.summary_en for version in versions)
    assert notices[Purpose.EVENT_REGISTRATION].consent_label_pl.startswith("Zgadzam się na publikację zdjęć")


def test_editing_a_notice_in_the_admin_publishes_the_next_version_and_keeps_the_old_one(
    staff_client, notices
):
    first = notices[Purpose.EDUBUS_REQUEST]
    url = reverse("privacy_admin:notice_new", args=[Purpose.EDUBUS_REQUEST])

    form = staff_client.get(url)
    response = staff_client.post(
        url,
        {
            **{name: getattr(first, name) for name in ("title_pl", "title_en", "summary_en")},
            "body_pl": rich(first.body_pl),
            "body_en": rich(first.body_en),
            "summary_pl": "Nowy, krótszy tekst klauzuli.",
            "change_note": "Krótszy tekst",
        },
    )

    assert form.context["form"].initial["title_pl"] == "Klauzula informacyjna — zaproszenie Edubusa"
    assert response.status_code == 302
    assert response.url == reverse("privacy_admin:notice_history", args=[Purpose.EDUBUS_REQUEST])
    second = NoticeVersion.objects.get(purpose=Purpose.EDUBUS_REQUEST, number=2)
    assert second.summary_pl == "Nowy, krótszy tekst klauzuli."
    assert second.change_note == "Krótszy tekst"
    assert second.created_by.username == "staff"
    first.refresh_from_db()
    assert first.summary_pl.startswith("Dane osoby kontaktowej")
    history = staff_client.get(response.url).content.decode()
    assert "Krótszy tekst" in history and "Pierwsza wersja (demo)" in history


def test_optional_consent_in_english_only_is_refused(staff_client, notices):
    url = reverse("privacy_admin:notice_new", args=[Purpose.ACCOUNT_SIGNUP])

    response = staff_client.post(
        url,
        {
            "title_pl": "Konto",
            "summary_pl": "Tekst",
            "body_pl": rich("<p>Tekst</p>"),
            "consent_label_en": "Yes",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["consent_label_pl"] == [
        "Podaj treść dobrowolnej zgody także po polsku."
    ]
    assert NoticeVersion.objects.filter(purpose=Purpose.ACCOUNT_SIGNUP).count() == 1


def test_a_teacher_cannot_open_the_privacy_admin(client, notices):
    client.force_login(TeacherFactory())

    response = client.get(reverse("privacy_admin:notices"))

    assert response.status_code == 302
    assert NoticeVersion.objects.count() == len(Purpose.values)


def test_the_api_gives_the_current_notice_in_english(client, notices):
    response = client.get("/api/v1/privacy/notices/event_registration?language=en")

    body = response.json()
    assert response.status_code == 200
    assert body["label"] == "event_registration-v1"
    assert body["title"] == "Privacy notice — event registration"
    assert body["optional_consent"].startswith("I agree to photos")
    assert client.get("/api/v1/privacy/notices/newsletter").status_code == 404


def test_staff_see_a_version_and_the_consent_records(staff_client, notices):
    record = services.record_consent(
        purpose=Purpose.EVENT_REGISTRATION,
        email="Jan@example.org",
        kind="consent",
        consent_key="photos",
    )

    detail = staff_client.get(
        reverse("privacy_admin:notice_detail", args=[record.notice_id])
    ).content.decode()
    listing = staff_client.get(reverse("privacy_admin:consents"), {"email": "jan@"}).content.decode()
    staff_client.post(reverse("privacy_admin:consent_withdraw", args=[record.pk]))

    assert "Zgadzam się na publikację zdjęć" in detail
    assert "jan@example.org" in listing and "event_registration-v1" in listing
    record.refresh_from_db()
    assert record.withdrawn_by.username == "staff"
    assert record.withdrawal_note == "wycofana przez pracownika"
