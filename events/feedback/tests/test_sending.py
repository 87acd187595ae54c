"""Sending: the invitations go N hours after the event ends to every checked-in registration once
(a class: its teacher, with a class link), one reminder after M hours to those who have not
answered, and nothing once the survey has closed. Links carry at least 128 bits."""

import datetime

import pytest
from django.conf import settings
from django.core import mail as django_mail

from cms.jobs.scheduler import periodic_tasks
from cms.outbox import delivery
from cms.outbox.models import OutgoingEmail
from events.feedback import services, tasks
from events.feedback.models import Invitation

from .factories import attach, checked_in, ended_event

pytestmark = pytest.mark.django_db


def deliver_all():
    for pk in OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).values_list("pk", flat=True):
        delivery.deliver_email(email_id=pk)


@pytest.fixture
def world():
    event = ended_event(ended_hours_ago=0)
    event_survey = attach(event=event, send_after_hours=2, reminder_after_hours=48, closes_after_days=7)
    person = checked_in(event, email="osoba@example.org")
    teacher = checked_in(event, group=True, pupils=24, email="nauczycielka@example.org")
    checked_in(event, email="nieobecna@example.org", people=0)  # registered but never came
    return {"event": event, "event_survey": event_survey, "person": person, "teacher": teacher}


def test_nothing_is_sent_before_n_hours_after_the_event_ends(world):
    before = world["event"].ends_at + datetime.timedelta(hours=2) - datetime.timedelta(minutes=1)

    assert services.send_due_feedback_mail(now=before) == {"invited": 0, "reminded": 0}
    assert Invitation.objects.count() == 0


def test_every_checked_in_registration_is_invited_once_and_a_teacher_gets_the_class_link(world):
    at = world["event"].ends_at + datetime.timedelta(hours=2)

    first = services.send_due_feedback_mail(now=at)
    again = services.send_due_feedback_mail(now=at + datetime.timedelta(minutes=15))
    deliver_all()

    assert first == {"invited": 2, "reminded": 0}
    assert again == {"invited": 0, "reminded": 0}
    assert sorted(mail.to[0] for mail in django_mail.outbox) == [
        "nauczycielka@example.org",
        "osoba@example.org",
    ]
    person = Invitation.objects.get(registration=world["person"])
    teacher = Invitation.objects.get(registration=world["teacher"])
    assert (person.class_token, person.class_limit) == (None, 0)
    assert teacher.class_limit == 24
    mails = {mail.to[0]: mail for mail in django_mail.outbox}
    assert f"{settings.SITE_URL}/ankieta/{person.token}/" in mails["osoba@example.org"].body
    assert f"{settings.SITE_URL}/ankieta/{teacher.class_token}/" in mails["nauczycielka@example.org"].body
    assert "/ankieta/" + teacher.class_token not in mails["osoba@example.org"].body
    assert mails["osoba@example.org"].subject == f"Jak było? Krótka ankieta: {world['event'].title}"


def test_links_are_unguessable_and_distinct(world):
    services.send_due_feedback_mail(now=world["event"].ends_at + datetime.timedelta(hours=2))
    tokens = [
        token for pair in Invitation.objects.values_list("token", "class_token") for token in pair if token
    ]

    assert len(tokens) == len(set(tokens)) == 3
    # token_urlsafe(32): 43 characters of 6 bits each, 256 bits from the CSPRNG.
    assert all(len(token) == 43 for token in tokens)


def test_one_reminder_after_m_hours_only_to_those_who_have_not_answered(world):
    sent = world["event"].ends_at + datetime.timedelta(hours=2)
    services.send_due_feedback_mail(now=sent)
    person = Invitation.objects.get(registration=world["person"])
    services.submit_answers(
        token=person.token,
        answers=[],
        now=sent + datetime.timedelta(hours=1),
    )
    OutgoingEmail.objects.all().delete()

    early = services.send_due_feedback_mail(now=sent + datetime.timedelta(hours=47, minutes=59))
    due = services.send_due_feedback_mail(now=sent + datetime.timedelta(hours=48))
    later = services.send_due_feedback_mail(now=sent + datetime.timedelta(hours=96))
    deliver_all()

    assert (early, due, later) == (
        {"invited": 0, "reminded": 0},
        {"invited": 0, "reminded": 1},
        {"invited": 0, "reminded": 0},
    )
    [reminder] = django_mail.outbox
    assert reminder.to == ["nauczycielka@example.org"]
    assert reminder.subject == f"Przypomnienie: krótka ankieta — {world['event'].title}"


def test_nothing_is_sent_after_closing_and_a_late_checked_in_person_is_not_invited(world):
    closes = world["event_survey"].closes_at
    services.send_due_feedback_mail(now=closes - datetime.timedelta(days=6, hours=23))
    checked_in(world["event"], email="spozniona@example.org")
    OutgoingEmail.objects.all().delete()

    assert services.send_due_feedback_mail(now=closes) == {"invited": 0, "reminded": 0}
    assert OutgoingEmail.objects.count() == 0
    assert Invitation.objects.filter(registration__email="spozniona@example.org").exists() is False


def test_a_mail_queued_before_closing_and_sent_after_it_is_dropped(world):
    services.send_due_feedback_mail(now=world["event"].ends_at + datetime.timedelta(hours=2))
    world["event_survey"].send_after_hours = 0
    world["event_survey"].closes_after_days = 0  # closed when the event ended, before delivery
    world["event_survey"].save()
    deliver_all()

    assert django_mail.outbox == []
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {OutgoingEmail.Status.DROPPED}


def test_the_periodic_task_is_registered():
    assert (tasks.send_feedback_mail, 15 * 60) in periodic_tasks()
