"""The attendance-list PDF, the minutes' workflow and who may read them, and the presentations."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.documents import get_document_model

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory, UserFactory
from events.checkin.services import check_in
from events.tests.factories import EventPageFactory
from events.wzk import queries, services
from events.wzk.models import Invitation, Meeting, MeetingDocument, Minutes, MinutesComment
from events.wzk.pdf import attendance_pdf
from events.wzk.services import attendee_email
from events.wzk.tests.factories import (
    InvitationFactory,
    MeetingFactory,
    MemberFactory,
    MinutesFactory,
    with_ticket,
)

pytestmark = pytest.mark.django_db


def past_meeting(**fields):
    starts = timezone.now() - datetime.timedelta(days=3)
    event = EventPageFactory(
        kind="meeting",
        members_only=True,
        title="Posiedzenie Wojewódzkiego Zespołu Koordynacji",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        venue_name="Urząd Marszałkowski, sala Śląska",
    )
    return MeetingFactory(event=event, number="12. posiedzenie", quorum_share=Decimal("0.50"), **fields)


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_printable_attendance_list_names_members_substitutes_and_guests_in_polish():
    meeting = past_meeting()
    InvitationFactory(
        meeting=meeting,
        member=MemberFactory(first_name="Łucja", last_name="Źrebiec", institution="Cech Rzemiosł Różnych"),
    )
    InvitationFactory(
        meeting=meeting,
        member=MemberFactory(first_name="Grzegorz", last_name="Bąk", pillar="economy"),
        answer=Invitation.Answer.SUBSTITUTE,
        substitute_name="Małgorzata Żak",
    )
    InvitationFactory(
        meeting=meeting,
        member=None,
        guest_name="Jędrzej Gość",
        guest_email="g@example.org",
        guest_institution="FRSE",
    )

    reader, text = pdf_text(attendance_pdf(meeting, queries.attendance_of(meeting)))

    assert reader.metadata.title == "Lista obecności: Posiedzenie Wojewódzkiego Zespołu Koordynacji"
    assert reader.trailer["/Root"]["/Lang"] == "pl"
    for expected in (
        "Krajowego Planu Odbudowy",
        "Lista obecności",
        "12. posiedzenie",
        "Urząd Marszałkowski, sala Śląska",
        "Łucja Źrebiec",
        "Cech Rzemiosł Różnych",
        "edukacja",
        "Podpis",
        "Zastępcy",
        "Małgorzata Żak",
        "Grzegorz Bąk",
        "gospodarka",
        "Goście",
        "Jędrzej Gość",
        "Strona 1/1",
    ):
        assert expected in text, expected


def test_a_long_list_breaks_pages_repeating_the_table_header_and_numbering_them():
    meeting = past_meeting()
    for n in range(45):
        InvitationFactory(meeting=meeting, member=MemberFactory(last_name=f"Członek{n:02d}"))

    reader, _text = pdf_text(attendance_pdf(meeting, queries.attendance_of(meeting)))

    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) == 2
    assert all("Instytucja" in page and "Podpis" in page for page in pages)
    assert "Strona 1/2" in pages[0] and "Strona 2/2" in pages[1]


def test_the_attendance_record_lists_who_was_present_and_the_quorum():
    meeting = past_meeting()
    present, absent = MemberFactory(last_name="Obecna"), MemberFactory(last_name="Nieobecny")
    check_in(secret=with_ticket(InvitationFactory(meeting=meeting, member=present)).secret, scanned_by=None)
    InvitationFactory(meeting=meeting, member=absent)

    _reader, text = pdf_text(attendance_pdf(meeting, queries.attendance_of(meeting), record=True))

    assert "Obecna" in text and "Nieobecny" not in text
    assert "przy wejściu" in text
    assert "kworum (50%): 1 — osiągnięte" in text


def make_minutes_in_comments(meeting, *, until=None):
    minutes = services.draft_minutes(meeting=meeting)
    return services.send_minutes_for_comments(
        minutes=minutes, comments_until=until or timezone.now() + datetime.timedelta(days=7)
    )


def test_the_draft_starts_with_the_agenda():
    meeting = past_meeting()
    meeting.agenda_items.create(title="Przyjęcie porządku obrad", presenter="Przewodnicząca")
    meeting.save()

    minutes = services.draft_minutes(meeting=meeting)

    assert "<ol><li>Przyjęcie porządku obrad (Przewodnicząca)</li></ol>" in minutes.body
    assert services.draft_minutes(meeting=meeting).pk == minutes.pk


def test_sending_for_comments_mails_each_invited_member_their_personal_link(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = past_meeting()
    first, second = InvitationFactory(meeting=meeting), InvitationFactory(meeting=meeting)
    InvitationFactory(meeting=meeting, member=None, guest_name="Gość", guest_email="gosc@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        minutes = make_minutes_in_comments(meeting)

    assert minutes.status == Minutes.Status.IN_COMMENTS
    rows = OutgoingEmail.objects.filter(composer=services.MINUTES_COMMENTS_COMPOSER)
    assert sorted(row.to[0] for row in rows) == sorted([first.member.email, second.member.email])
    sent = {mail.to[0]: mail for mail in mailoutbox}
    assert reverse("wzk:minutes_comments_token", args=[first.token]) in sent[first.member.email].body


def test_an_invited_member_comments_through_the_link_and_staff_resolve_before_approving(client):
    meeting = past_meeting()
    invitation = InvitationFactory(meeting=meeting)
    minutes = make_minutes_in_comments(meeting)
    url = reverse("wzk:minutes_comments_token", args=[invitation.token])

    page = client.get(url)
    posted = client.post(url, {"text": "Proszę poprawić nazwisko w pkt 3."})
    with pytest.raises(services.AttendanceError) as unresolved:
        services.approve_minutes(minutes=minutes, by=None)
    services.resolve_minutes_comment(comment=MinutesComment.objects.get())
    approved = services.approve_minutes(minutes=minutes, by=None)

    assert page.status_code == 200 and posted.status_code == 302
    assert [c.text for c in minutes.comments.all()] == ["Proszę poprawić nazwisko w pkt 3."]
    assert unresolved.value.code == "unresolved_comments"
    assert approved.status == Minutes.Status.APPROVED
    assert approved.attendance["current_members"] == 1


def test_a_signed_in_member_comments_on_the_meetings_page(client):
    meeting = past_meeting()
    member = MemberFactory(user=UserFactory())
    InvitationFactory(meeting=meeting, member=member)
    make_minutes_in_comments(meeting)
    client.force_login(member.user)

    response = client.post(reverse("wzk:minutes_comments", args=[meeting.pk]), {"text": "Uwaga"})

    assert response.status_code == 302
    assert MinutesComment.objects.get().invitation.member == member


def test_comments_are_refused_to_guests_others_and_after_the_period(client):
    meeting = past_meeting()
    invitation = InvitationFactory(meeting=meeting)
    guest = InvitationFactory(meeting=meeting, member=None, guest_name="Gość", guest_email="gosc@example.org")
    minutes = make_minutes_in_comments(meeting)
    client.force_login(MemberFactory(user=UserFactory()).user)  # a member not invited to this meeting

    guest_page = client.get(reverse("wzk:minutes_comments_token", args=[guest.token]))
    not_invited = client.post(reverse("wzk:minutes_comments", args=[meeting.pk]), {"text": "x"})
    Minutes.objects.filter(pk=minutes.pk).update(
        comments_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    late = client.post(reverse("wzk:minutes_comments_token", args=[invitation.token]), {"text": "Za późno"})

    assert (guest_page.status_code, not_invited.status_code, late.status_code) == (404, 404, 400)
    assert MinutesComment.objects.count() == 0
    with pytest.raises(services.AttendanceError):
        services.add_minutes_comment(minutes=minutes, invitation=invitation, text="x")


def test_a_draft_cannot_be_approved_and_approved_minutes_cannot_be_edited():
    minutes = MinutesFactory()

    with pytest.raises(services.AttendanceError) as draft:
        services.approve_minutes(minutes=minutes, by=None)
    with pytest.raises(services.AttendanceError) as early:
        services.publish_minutes(minutes=minutes, visibility="public")
    make_minutes_in_comments(minutes.meeting)
    services.approve_minutes(minutes=minutes, by=None)
    with pytest.raises(services.AttendanceError) as frozen:
        services.save_minutes_body(minutes=minutes, body="<p>Zmiana</p>")

    assert (draft.value.code, early.value.code, frozen.value.code) == ("wrong_status",) * 3


def published(meeting, visibility):
    minutes = make_minutes_in_comments(meeting)
    services.approve_minutes(minutes=minutes, by=None)
    return services.publish_minutes(minutes=minutes, visibility=visibility)


def test_members_only_minutes_are_for_the_meetings_members_only(client):
    meeting = past_meeting()
    member = MemberFactory(user=UserFactory())
    former = MemberFactory(
        user=UserFactory(), term_from=datetime.date(2020, 1, 1), term_to=datetime.date(2021, 12, 31)
    )
    minutes = published(meeting, Minutes.Visibility.MEMBERS)
    url = reverse("wzk:published_minutes", args=[minutes.pk])
    pdf_url = reverse("wzk:published_attendance_pdf", args=[minutes.pk])

    anonymous = client.get(url)
    client.force_login(former.user)
    former_page = client.get(url)
    client.force_login(member.user)
    member_page, member_pdf = client.get(url), client.get(pdf_url)
    event_page = client.get(meeting.event.url)

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert former_page.status_code == 404
    assert member_page.status_code == 200 and "data-quorum" in member_page.text
    assert member_pdf["Content-Type"] == "application/pdf"
    assert url in event_page.text
    assert [m.pk for m in queries.published_minutes_for(member.user)] == [minutes.pk]
    assert list(queries.published_minutes_for(former.user)) == []
    assert list(queries.published_minutes_for(None)) == []


def test_public_minutes_appear_on_the_event_page_for_everybody(client):
    meeting = past_meeting()
    minutes = published(meeting, Minutes.Visibility.PUBLIC)
    url = reverse("wzk:published_minutes", args=[minutes.pk])

    page = client.get(url)
    event_page = client.get(meeting.event.url)

    assert page.status_code == 200
    assert url in event_page.text
    assert [m.pk for m in queries.published_minutes_for(None)] == [minutes.pk]
    assert [m.pk for m in queries.published_minutes_for(StaffFactory())] == [minutes.pk]


def test_unpublished_minutes_are_hidden_even_from_members(client):
    meeting = past_meeting()
    member = MemberFactory(user=UserFactory())
    minutes = make_minutes_in_comments(meeting)
    client.force_login(member.user)

    assert client.get(reverse("wzk:published_minutes", args=[minutes.pk])).status_code == 404
    assert list(queries.published_minutes_for(member.user)) == []


def presentation(meeting, title="Prezentacja: rynek pracy"):
    document = get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 slajdy", name="slajdy.pdf")
    )
    return MeetingDocument.objects.create(meeting=meeting, document=document, is_presentation=True)


def test_presentations_go_once_to_every_attendee(client, mailoutbox, django_capture_on_commit_callbacks):
    meeting = past_meeting(mode=Meeting.Mode.IN_PERSON)
    item = presentation(meeting)
    present = InvitationFactory(meeting=meeting)
    substitute = InvitationFactory(
        meeting=meeting,
        answer=Invitation.Answer.SUBSTITUTE,
        substitute_name="Zastępczyni",
        substitute_email="zastepczyni@example.org",
    )
    guest = InvitationFactory(meeting=meeting, member=None, guest_name="Gość", guest_email="gosc@example.org")
    absent = InvitationFactory(meeting=meeting)
    for invitation in (present, substitute, guest):
        check_in(secret=with_ticket(invitation).secret, scanned_by=None)
    with_ticket(absent)

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_presentations(meeting=meeting)
    again = services.send_presentations(meeting=meeting)

    assert (sent, again) == (3, 0)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [present.member.email, "zastepczyni@example.org", "gosc@example.org"]
    )
    meeting.refresh_from_db()
    assert meeting.presentations_sent_at is not None
    sent_to = {mail.to[0]: mail for mail in mailoutbox}
    link = reverse("wzk:presentation_token", args=[present.token, item.pk])
    assert all(
        reverse("wzk:presentation_token", args=[i.token, item.pk]) in sent_to[attendee_email(i)].body
        for i in (present, substitute, guest)
    )
    assert client.get(link).status_code == 200
    assert client.get(reverse("wzk:presentation_token", args=[absent.token, item.pk])).status_code == 404


def test_presentations_need_a_presentation_document():
    meeting = past_meeting()

    with pytest.raises(services.AttendanceError) as refused:
        services.send_presentations(meeting=meeting)

    assert refused.value.code == "no_presentations"


def test_staff_walk_the_minutes_through_the_admin(client, django_capture_on_commit_callbacks):
    client.force_login(StaffFactory())
    meeting = past_meeting()
    InvitationFactory(meeting=meeting)
    attendance_url = reverse("wzk_admin:attendance", args=[meeting.pk])

    drafted = client.post(attendance_url, {"action": "draft_minutes"})
    minutes = Minutes.objects.get(meeting=meeting)
    url = reverse("wzk_admin:minutes", args=[minutes.pk])
    editor = client.get(url)
    until = (timezone.localtime() + datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send_for_comments", "period-comments_until": until})
    client.post(url, {"action": "approve"})
    client.post(url, {"action": "publish", "publish-visibility": "public"})
    pdf = client.get(reverse("wzk_admin:attendance_pdf", args=[meeting.pk]))

    assert drafted.status_code == 302 and editor.status_code == 200
    minutes.refresh_from_db()
    assert (minutes.status, minutes.visibility) == (Minutes.Status.PUBLISHED, Minutes.Visibility.PUBLIC)
    assert pdf["Content-Type"] == "application/pdf"


def test_staff_edit_the_draft_in_the_rich_text_editor(client):
    client.force_login(StaffFactory())
    minutes = MinutesFactory()
    contentstate = (
        '{"blocks": [{"key": "a1", "type": "header-two", "depth": 0, "text": "Wnioski",'
        ' "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}'
    )

    response = client.post(
        reverse("wzk_admin:minutes", args=[minutes.pk]), {"action": "save", "body-body": contentstate}
    )

    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.body == '<h2 data-block-key="a1">Wnioski</h2>'
