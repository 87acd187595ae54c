import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms.privacy import services
from cms.privacy.models import ConsentRecord, Purpose
from contests import samples
from contests import services as contest_services
from contests.jury import services as jury_services
from contests.jury.models import VoteWindow
from contests.models import Entry
from contests.tests.factories import (
    EntryFactory,
    SchoolFactory,
    TeacherFactory,
    TeamMemberFactory,
    make_contest,
)
from contests.tests.test_entries import _entry_data
from events.registration.models import Registration
from events.registration.tests.factories import TicketTypeFactory

pytestmark = pytest.mark.django_db


def registration_data(ticket_type, **extra):
    return {
        "token": "token-1",
        "ticket_type": ticket_type.pk,
        "name": "Jan Kowalski",
        "email": "Jan@Example.org",
        "privacy": "on",
        **extra,
    }


def records():
    return [
        (record.purpose, record.kind, record.consent_key, record.email, record.notice.label, record.channel)
        for record in ConsentRecord.objects.select_related("notice").order_by("pk")
    ]


def test_registration_form_shows_the_current_notice_and_an_unticked_optional_consent(client, notices):
    ticket_type = TicketTypeFactory()

    response = client.get(reverse("registration:register", args=[ticket_type.event_id]))

    text = response.content.decode()
    assert "Klauzula informacyjna — zapisy na wydarzenia" in text
    assert "Wersja 1 z" in text
    assert f'name="privacy_notice" value="{notices[Purpose.EVENT_REGISTRATION].pk}"' in text
    checkbox = text[
        text.index('name="privacy_optional_consent"') - 200 : text.index('name="privacy_optional_consent"')
        + 80
    ]
    assert 'type="checkbox"' in checkbox and "checked" not in checkbox


def test_registration_records_the_notice_version_shown_without_the_unticked_consent(client, notices):
    ticket_type = TicketTypeFactory()
    notice = notices[Purpose.EVENT_REGISTRATION]

    client.post(
        reverse("registration:register", args=[ticket_type.event_id]),
        registration_data(ticket_type, privacy_notice=notice.pk),
    )

    registration = Registration.objects.get()
    assert registration.privacy_notice_version == "event_registration-v1"
    assert records() == [
        ("event_registration", "notice", "", "jan@example.org", "event_registration-v1", "form")
    ]
    assert ConsentRecord.objects.get().subject == f"registration.Registration:{registration.pk}"


def test_a_form_shown_before_a_new_version_records_the_version_it_showed(client, notices):
    ticket_type = TicketTypeFactory()
    shown = notices[Purpose.EVENT_REGISTRATION]
    services.publish_notice_version(
        purpose=Purpose.EVENT_REGISTRATION, title_pl="Nowa", summary_pl="Nowa treść", body_pl="<p>Nowa</p>"
    )

    client.post(
        reverse("registration:register", args=[ticket_type.event_id]),
        registration_data(ticket_type, privacy_notice=shown.pk),
    )

    assert Registration.objects.get().privacy_notice_version == "event_registration-v1"


def test_ticked_optional_consent_is_recorded_and_withdrawn_through_its_link(client, notices):
    ticket_type = TicketTypeFactory()

    response = client.post(
        reverse("registration:register", args=[ticket_type.event_id]),
        registration_data(
            ticket_type, privacy_notice=notices[Purpose.EVENT_REGISTRATION].pk, privacy_optional_consent="on"
        ),
    )
    assert response.url == reverse("registration:accepted", args=[ticket_type.event_id])
    token = Registration.objects.get().cancel_token
    detail = client.get(reverse("registration:detail", args=[token])).content.decode()
    consent = ConsentRecord.objects.get(kind=ConsentRecord.Kind.CONSENT)
    withdraw_url = reverse("privacy:withdraw", args=[consent.token])
    client.post(withdraw_url)

    assert records() == [
        ("event_registration", "notice", "", "jan@example.org", "event_registration-v1", "form"),
        ("event_registration", "consent", "photos", "jan@example.org", "event_registration-v1", "form"),
    ]
    assert withdraw_url in detail
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawal_note == "wycofana przez osobę przez link"
    assert "Wycofałeś(-aś) tę zgodę" in client.get(withdraw_url).content.decode()


def test_api_registration_records_the_current_notice_and_the_api_channel(client, notices):
    ticket_type = TicketTypeFactory()

    response = client.post(
        f"/api/v1/events/{ticket_type.event_id}/registrations",
        {
            "ticket_type": ticket_type.pk,
            "name": "Ewa Lis",
            "email": "ewa@example.org",
            "privacy_consent": True,
            "optional_consent": True,
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    assert records() == [
        ("event_registration", "notice", "", "ewa@example.org", "event_registration-v1", "api"),
        ("event_registration", "consent", "photos", "ewa@example.org", "event_registration-v1", "api"),
    ]


def test_edubus_visit_request_records_the_notice(client, notices):
    day = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()

    response = client.post(
        reverse("edubus:request"),
        {
            "institution": "Szkoła Podstawowa nr 1 w Nysie",
            "institution_kind": "school",
            "contact_name": "Anna Nowak",
            "contact_email": "anna.nowak@example.org",
            "contact_phone": "600 100 200",
            "street": "ul. Szkolna 1",
            "postal_code": "48-300",
            "municipality": "Nysa",
            "county": "1607",
            "voivodeship": "16",
            "preferred_date_1": day,
            "expected_audience": "120",
            "setting": "outdoor",
            "privacy": "on",
            "privacy_notice": notices[Purpose.EDUBUS_REQUEST].pk,
        },
    )

    assert response.status_code == 302
    assert records() == [
        ("edubus_request", "notice", "", "anna.nowak@example.org", "edubus_request-v1", "form")
    ]


def test_signup_records_the_account_notice(client, notices):
    page = client.get("/accounts/signup/").content.decode()
    client.post(
        "/accounts/signup/",
        {
            "first_name": "Maria",
            "last_name": "Kowalska",
            "email": "maria@example.org",
            "password1": "bardzo-tajne-haslo-42",
            "password2": "bardzo-tajne-haslo-42",
            "privacy_notice": notices[Purpose.ACCOUNT_SIGNUP].pk,
        },
    )

    assert "Klauzula informacyjna — konto koordynatora szkolnego" in page
    assert records() == [("account_signup", "notice", "", "maria@example.org", "account_signup-v1", "form")]
    assert ConsentRecord.objects.get().user.email == "maria@example.org"


def test_pupil_consent_scan_is_recorded_and_its_withdrawal_too(client, notices):
    teacher = TeacherFactory(username="nauczyciel", email="nauczyciel@example.org")
    entry = EntryFactory(school=SchoolFactory(teachers=[teacher]), teacher=teacher)
    member = TeamMemberFactory(entry=entry, is_13_or_older=False)
    client.force_login(teacher)

    client.post(
        reverse("contests:consent_upload", args=[entry.pk, member.pk]),
        {f"member{member.pk}-scan": SimpleUploadedFile("skan.png", samples.png_image())},
    )
    given = sorted(
        (r.consent_key, r.channel, r.notice.label)
        for r in ConsentRecord.objects.filter(subject=f"contests.TeamMember:{member.pk}")
    )
    consent = member.consents.get(kind="parent_publication")
    contest_services.withdraw_consent(consent=consent, user=teacher, note="rodzic wycofał")

    assert ("parent_publication", "paper", "pupil_consent-v1") in given
    withdrawn = ConsentRecord.objects.get(
        subject=f"contests.TeamMember:{member.pk}", consent_key="parent_publication"
    )
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawal_note == "rodzic wycofał"
    assert withdrawn.email == "nauczyciel@example.org"


def test_a_new_contest_entry_records_the_notice_its_form_showed(client, notices):
    teacher = TeacherFactory(username="nauczycielka", email="nauczycielka@example.org")
    SchoolFactory(teachers=[teacher])
    contest = make_contest()
    client.force_login(teacher)
    url = reverse("contests:entry_create", args=[contest.pk])

    form = client.get(url).content.decode()
    client.post(url, _entry_data(contest.categories.get(), privacy_notice=notices[Purpose.CONTEST_ENTRY].pk))

    entry = Entry.objects.get()
    assert "Klauzula informacyjna — zgłoszenia konkursowe" in form
    assert records() == [
        ("contest_entry", "notice", "", "nauczycielka@example.org", "contest_entry-v1", "form")
    ]
    assert ConsentRecord.objects.get().subject == f"contests.Entry:{entry.pk}"


def test_a_public_vote_records_the_vote_notice(notices):
    entry = EntryFactory()
    entry.contest.public_vote = True
    entry.contest.save()
    now = timezone.now()
    VoteWindow.objects.create(
        contest=entry.contest,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )

    vote = jury_services.cast_public_vote(
        entry=entry,
        email="Glosujacy@Example.org",
        confirm_url_for=lambda token: f"http://x/{token}",
        language="pl",
    )

    assert records() == [("public_vote", "notice", "", "glosujacy@example.org", "public_vote-v1", "form")]
    assert ConsentRecord.objects.get().subject == f"jury.PublicVote:{vote.pk}"
