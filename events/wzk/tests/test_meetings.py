"""Meetings and invitations: sending, the personal link, RSVP with a ticket, reminders, live replies."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory
from events.registration.models import Registration
from events.wzk import services
from events.wzk.models import AgendaItem, Invitation, MeetingDocument
from events.wzk.tests.factories import InvitationFactory, MeetingFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _mails(composer):
    return list(OutgoingEmail.objects.filter(composer=composer).order_by("pk"))


def test_sending_invites_current_members_and_guests_once():
    meeting = MeetingFactory()
    first, second = MemberFactory(), MemberFactory()
    MemberFactory(term_from=datetime.date(2020, 1, 1), term_to=datetime.date(2021, 1, 1))  # former
    services.invite_guest(meeting=meeting, name="Gość", email="gosc@example.org", institution="Fundacja")

    sent = services.send_invitations(meeting=meeting)
    again = services.send_invitations(meeting=meeting)
    third = MemberFactory()
    later = services.send_invitations(meeting=meeting)

    assert sorted(i.name for i in sent) == sorted([first.name, second.name, "Gość"])
    assert again == []
    assert [i.member for i in later] == [third]
    assert len(_mails(services.INVITATION_COMPOSER)) == 4


def test_the_invitation_mail_carries_the_personal_link_date_and_agenda():
    invitation = InvitationFactory()
    AgendaItem.objects.create(meeting=invitation.meeting, title="Plan działań", presenter="Przewodnicząca")

    mail = services.compose_invitation(invitation=invitation.pk, kind="invitation")

    assert f"/wzk/zaproszenie/{invitation.token}/" in mail.body_text
    assert "Plan działań (Przewodnicząca)" in mail.body_text
    assert mail.subject == f"Zaproszenie: {invitation.meeting.event.title}"


def test_the_token_has_at_least_128_bits():
    invitation = InvitationFactory()

    assert len(invitation.token) >= 43  # 32 random bytes, URL-safe base64


def test_the_page_shows_the_online_link_to_the_link_holder():
    invitation = InvitationFactory()

    response = Client().get(reverse("wzk:invitation", args=[invitation.token]))

    assert response.status_code == 200
    assert "https://meet.example.org/wzk" in response.content.decode()


def test_a_wrong_token_is_404():
    assert Client().get("/wzk/zaproszenie/nieznany-token/").status_code == 404


def test_after_the_meeting_the_link_has_expired():
    invitation = InvitationFactory()
    event = invitation.meeting.event
    event.starts_at = timezone.now() - datetime.timedelta(hours=5)
    event.ends_at = timezone.now() - datetime.timedelta(hours=1)
    event.save()

    response = Client().get(reverse("wzk:invitation", args=[invitation.token]))

    assert response.status_code == 410
    assert "https://meet.example.org/wzk" not in response.content.decode()


def test_yes_holds_a_ticket_and_no_cancels_it():
    invitation = InvitationFactory()

    invitation, changed = services.answer_invitation(invitation=invitation, answer=Invitation.Answer.YES)
    registration = invitation.registration
    assert changed
    assert (registration.status, registration.email, registration.ticket_type.name) == (
        Registration.Status.CONFIRMED,
        invitation.member.email,
        "WZK",
    )
    assert registration.ticket.secret

    invitation, changed = services.answer_invitation(invitation=invitation, answer=Invitation.Answer.NO)
    registration.refresh_from_db()
    assert changed
    assert registration.status == Registration.Status.CANCELLED


def test_a_substitute_takes_over_the_ticket_with_a_new_code():
    invitation = InvitationFactory()
    invitation, _ = services.answer_invitation(invitation=invitation, answer=Invitation.Answer.YES)
    old_secret = invitation.registration.ticket.secret

    invitation, _ = services.answer_invitation(
        invitation=invitation,
        answer=Invitation.Answer.SUBSTITUTE,
        substitute_name="Zofia Zastępcza",
        substitute_institution="Urząd",
        substitute_email="zastepca@example.org",
    )
    registration = Registration.objects.get(pk=invitation.registration_id)

    assert (registration.name, registration.email) == ("Zofia Zastępcza", "zastepca@example.org")
    assert registration.ticket.secret != old_secret


def test_the_same_answer_again_changes_nothing_and_sends_no_second_mail():
    invitation = InvitationFactory()
    services.answer_invitation(invitation=invitation, answer=Invitation.Answer.YES)
    mails = OutgoingEmail.objects.count()

    invitation, changed = services.answer_invitation(invitation=invitation, answer=Invitation.Answer.YES)

    assert not changed
    assert OutgoingEmail.objects.count() == mails
    assert Registration.objects.filter(event=invitation.meeting.event).count() == 1


def test_the_answer_changes_until_the_meeting_starts():
    invitation = InvitationFactory()
    started = invitation.meeting.event.starts_at + datetime.timedelta(minutes=1)
    services.answer_invitation(
        invitation=invitation, answer=Invitation.Answer.YES, now=started - datetime.timedelta(hours=1)
    )

    with pytest.raises(services.AnswerClosed):
        services.answer_invitation(invitation=invitation, answer=Invitation.Answer.NO, now=started)

    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.YES


def test_the_form_asks_for_the_substitutes_details():
    invitation = InvitationFactory()

    response = Client().post(
        reverse("wzk:invitation", args=[invitation.token]),
        {"answer": "substitute", "substitute_name": "Ktoś"},
    )

    assert response.status_code == 400
    assert "Podaj" in response.content.decode() or "Give" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.PENDING


def test_answering_through_the_page():
    invitation = InvitationFactory()

    response = Client().post(reverse("wzk:invitation", args=[invitation.token]), {"answer": "yes"})

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.YES
    assert invitation.registration.status == Registration.Status.CONFIRMED


def test_reminders_go_once_per_action_to_those_without_an_answer():
    meeting = MeetingFactory()
    MemberFactory.create_batch(3)
    services.send_invitations(meeting=meeting)
    answered = Invitation.objects.filter(meeting=meeting).first()
    services.answer_invitation(invitation=answered, answer=Invitation.Answer.NO)

    reminded = services.remind_unanswered(meeting=meeting)

    assert len(reminded) == 2
    assert answered.pk not in {i.pk for i in reminded}
    assert Invitation.objects.filter(meeting=meeting, reminded_at__isnull=False).count() == 2
    assert len(_mails(services.INVITATION_COMPOSER)) == 3 + 2


def test_the_replies_json_gives_counts_and_rows():
    meeting = MeetingFactory()
    yes, _no = InvitationFactory(meeting=meeting), InvitationFactory(meeting=meeting)
    services.answer_invitation(invitation=yes, answer=Invitation.Answer.YES)
    client = Client()
    client.force_login(StaffFactory())

    data = client.get(reverse("wzk_admin:replies_data", args=[meeting.pk])).json()

    assert data["counts"] == {"total": 2, "pending": 1, "yes": 1, "no": 0, "substitute": 0}
    assert [row["answer"] for row in data["rows"]] == sorted(
        ["yes", "pending"],
        key=lambda a: [yes.member.last_name, _no.member.last_name][["yes", "pending"].index(a)],
    )


@pytest.mark.parametrize("rows", [2, 10])
def test_the_replies_list_runs_a_constant_number_of_queries(rows, django_assert_max_num_queries):
    meeting = MeetingFactory()
    InvitationFactory.create_batch(rows, meeting=meeting)
    client = Client()
    client.force_login(StaffFactory())

    with django_assert_max_num_queries(12):
        response = client.get(reverse("wzk_admin:replies_data", args=[meeting.pk]))

    assert len(response.json()["rows"]) == rows


def test_documents_for_members_through_the_link_only_of_this_meeting(tmp_path):
    from django.core.files.base import ContentFile  # noqa: PLC0415 — test-local fixture data
    from wagtail.documents import get_document_model  # noqa: PLC0415 — test-local fixture data

    invitation = InvitationFactory()
    document = get_document_model().objects.create(
        title="Materiały", file=ContentFile(b"tajne", name="materialy.txt")
    )
    other = get_document_model().objects.create(title="Inny", file=ContentFile(b"inny", name="inny.txt"))
    MeetingDocument.objects.create(meeting=invitation.meeting, document=document)
    services.keep_documents_private(meeting=invitation.meeting)
    client = Client()

    ok = client.get(reverse("wzk:invitation_document", args=[invitation.token, document.pk]))
    foreign = client.get(reverse("wzk:invitation_document", args=[invitation.token, other.pk]))
    public = client.get(document.url)

    assert (ok.status_code, b"".join(ok.streaming_content)) == (200, b"tajne")
    assert foreign.status_code == 404
    assert public.status_code == 302  # the private collection: staff only


def test_the_event_page_lists_documents_for_members_to_members_only(demo_site):
    from django.core.files.base import ContentFile  # noqa: PLC0415 — test-local fixture data
    from wagtail.documents import get_document_model  # noqa: PLC0415 — test-local fixture data

    from cms.tests.factories import UserFactory  # noqa: PLC0415 — test-local fixture data
    from events.tests.factories import EventIndexPageFactory, EventPageFactory  # noqa: PLC0415

    index = EventIndexPageFactory(parent=demo_site)
    meeting = MeetingFactory(event=EventPageFactory(parent=index, kind="meeting", members_only=True))
    document = get_document_model().objects.create(title="Materiały", file=ContentFile(b"x", name="m.txt"))
    MeetingDocument.objects.create(meeting=meeting, document=document)
    member = MemberFactory(user=UserFactory())
    link = reverse("wzk:document", args=[meeting.pk, document.pk])
    signed_in = Client()
    signed_in.force_login(member.user)

    assert link in signed_in.get(meeting.event.url).content.decode()
    assert link not in Client().get(meeting.event.url).content.decode()
    assert signed_in.get(link).status_code == 200


def test_answering_sends_the_ticket_mail(mailoutbox, django_capture_on_commit_callbacks):
    invitation = InvitationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("wzk:invitation", args=[invitation.token]), {"answer": "yes"})

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[invitation.member.email]]
