"""Data-subject requests find and delete a person's invitations (the answers stay, anonymous);
retention deletes invitations and answers after their periods; the demo gives about 40 answers
once."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.feedback import privacy, retention, services
from events.feedback.models import Answer, Invitation, Response

from .factories import attach, checked_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    event_survey = attach(send_after_hours=0)
    checked_in(event_survey.event, email="Osoba@Example.org")
    checked_in(event_survey.event, email="inna@example.org")
    services.send_due_feedback_mail(now=timezone.now())
    invitation = Invitation.objects.get(registration__email="Osoba@Example.org")
    services.submit_answers(token=invitation.token, answers=[], now=timezone.now())
    return event_survey


def test_the_export_lists_the_invitations_of_the_address(answered):
    [row] = privacy.export("osoba@example.org")["feedback_invitations"]

    assert (row["event"], row["answered"], row["reminder_sent_at"]) == (answered.event.title, True, None)


def test_erasure_deletes_the_invitations_and_keeps_the_anonymous_answers(answered):
    erasure = privacy.erase("osoba@example.org")

    assert erasure.done == {"usunięte zaproszenia do ankiet": 1}
    assert list(Invitation.objects.values_list("registration__email", flat=True)) == ["inna@example.org"]
    assert Response.objects.count() == 1


def test_retention_deletes_invitations_after_180_days_and_answers_after_730(answered):
    invitations, responses = retention.rules()
    now = timezone.now()

    assert invitations.due(now - datetime.timedelta(days=180)).count() == 0
    assert invitations.due(now + datetime.timedelta(minutes=1)).count() == 2
    assert responses.due(answered.event.ends_at).count() == 0
    rows = list(responses.due(answered.event.ends_at + datetime.timedelta(minutes=1)))
    assert responses.process(rows, now) == 1
    assert (Response.objects.count(), Answer.objects.count()) == (0, 0)


def test_the_demo_attaches_a_survey_with_about_40_varied_answers_once():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    [event_survey] = Response.objects.values_list("event_survey__event__slug", flat=True).distinct()
    assert event_survey == "poranek-partnerski-archiwum"
    assert Response.objects.count() == 40
    scale_values = set(Answer.objects.filter(number__isnull=False).values_list("number", flat=True))
    assert len(scale_values) >= 4
    assert Answer.objects.exclude(text="").exists()
    assert Invitation.objects.filter(reminder_sent_at__isnull=True).count() == 0  # nothing to mail
