"""The public answer page: one answer per personal link, a class link up to the class's head-count
and once per device, rate-limited; errors in Polish keep the input; closed and thank-you pages;
answers stored without any link to a registration."""

import datetime

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events.feedback import services
from events.feedback.models import Answer, Invitation, Question, Response
from events.feedback.views import device_cookie_name

from .factories import attach, checked_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations():
    event_survey = attach(send_after_hours=0)
    event = event_survey.event
    checked_in(event, email="osoba@example.org")
    checked_in(event, group=True, pupils=2, email="nauczyciel@example.org")
    services.send_due_feedback_mail(now=timezone.now())
    questions = {q.kind: q for q in Question.objects.filter(survey=event_survey.survey)}
    person = Invitation.objects.get(class_token__isnull=True)
    group = Invitation.objects.get(class_token__isnull=False)
    return {"event_survey": event_survey, "questions": questions, "person": person, "group": group}


def valid(questions, **extra):
    data = {
        f"q{questions[Question.Kind.SCALE].pk}": "4",
        f"q{questions[Question.Kind.SINGLE].pk}": "Warsztaty",
        f"q{questions[Question.Kind.MULTIPLE].pk}": ["Szkoła", "Znajomi"],
        f"q{questions[Question.Kind.LONG_TEXT].pk}": "Więcej warsztatów",
    }
    data.update(extra)
    return data


def test_a_personal_link_takes_one_answer_then_says_it_was_used(client, invitations):
    url = f"/ankieta/{invitations['person'].token}/"

    form = client.get(url)
    first = client.post(url, valid(invitations["questions"]))
    thanks = client.get(first["Location"])
    second = client.post(url, valid(invitations["questions"]))

    assert form.status_code == 200
    assert first.status_code == 302
    assert first["Location"] == f"/ankieta/{invitations['person'].token}/dziekujemy/"
    assert "Dziękujemy za odpowiedzi" in thanks.text
    assert second.status_code == 200
    assert "Ten link został już wykorzystany do odpowiedzi." in second.text
    assert Response.objects.count() == 1
    answers = {
        a.question.kind: (a.number, a.text, a.choices) for a in Answer.objects.select_related("question")
    }
    assert answers == {
        "scale": (4, "", []),
        "single": (None, "", ["Warsztaty"]),
        "multiple": (None, "", ["Szkoła", "Znajomi"]),
        "long_text": (None, "Więcej warsztatów", []),
    }
    invitation = Invitation.objects.get(pk=invitations["person"].pk)
    assert invitation.answered_at is not None


def test_errors_are_in_polish_and_keep_what_was_typed(client, invitations):
    questions = invitations["questions"]
    url = f"/ankieta/{invitations['person'].token}/"
    data = valid(questions)
    del data[f"q{questions[Question.Kind.SCALE].pk}"]
    data[f"q{questions[Question.Kind.SINGLE].pk}"] = "Nie ma takiej"

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Odpowiedz na to pytanie." in response.text
    assert "Wybierz jedną z opcji." in response.text
    assert "Więcej warsztatów</textarea>" in response.text
    assert 'value="Znajomi" id="id_q' in response.text and "checked" in response.text
    assert "<legend>Ocena ogólna (wymagane)</legend>" in response.text
    assert Response.objects.count() == 0


def test_a_class_link_takes_one_answer_per_device_up_to_the_head_count(invitations):
    url = f"/ankieta/{invitations['group'].class_token}/"
    data = valid(invitations["questions"])
    pupils = [Client(), Client(), Client()]

    first = pupils[0].post(url, data)
    same_device = pupils[0].get(url)
    second = pupils[1].post(url, data)
    third = pupils[2].post(url, data)

    assert first.status_code == 302
    assert first.cookies[device_cookie_name(invitations["group"].class_token)]["httponly"]
    assert "Z tego urządzenia wysłano już odpowiedź." in same_device.text
    assert second.status_code == 302
    assert "Z tego linku klasowego odpowiedziało już tylu uczniów, ilu liczyła klasa." in third.text
    assert Response.objects.count() == 2
    assert Invitation.objects.get(pk=invitations["group"].pk).class_uses == 2
    # The teacher's own link is separate and still open.
    assert Invitation.objects.get(pk=invitations["group"].pk).answered_at is None


def test_answers_are_rate_limited_per_client(client, invitations, settings):
    settings.EDUFEST_FEEDBACK_RATE_LIMIT = 1
    cache.clear()  # the windows of earlier tests
    url = f"/ankieta/{invitations['group'].class_token}/"
    Client().post(url, valid(invitations["questions"]))  # the same address (127.0.0.1) as ``client``

    refused = client.post(url, valid(invitations["questions"]))

    assert refused.status_code == 429
    assert "Zbyt wiele odpowiedzi z tej sieci; spróbuj ponownie za minutę." in refused.text
    assert Response.objects.count() == 1


def test_a_closed_survey_shows_the_closed_page_and_takes_no_answer(client, invitations):
    event_survey = invitations["event_survey"]
    event_survey.closes_after_days = 0
    event_survey.save()
    url = f"/ankieta/{invitations['person'].token}/"

    page = client.get(url)
    post = client.post(url, valid(invitations["questions"]))

    assert "Ankieta zamknięta" in page.text
    assert 'data-state="closed"' in post.text
    assert Response.objects.count() == 0


def test_an_unknown_link_is_404(client, invitations):
    assert client.get(f"/ankieta/{invitations['person'].token[:-2]}xx/").status_code == 404
    assert client.get(f"/ankieta/{'a' * 80}/").status_code == 404


def test_answers_have_no_link_to_registrations_or_invitations(invitations):
    """Anonymity by design: no foreign key, one-to-one or many-to-many from a response or an
    answer leads to a registration, an invitation or a person; a response keeps the day only."""
    registration_models = set(apps.get_app_config("registration").get_models())
    forbidden = registration_models | {Invitation, apps.get_model("auth", "User")}

    for model in (Response, Answer):
        targets = {
            field.related_model for field in model._meta.get_fields() if field.is_relation and field.concrete
        }
        assert targets & forbidden == set()
    assert [field.name for field in Response._meta.concrete_fields] == ["id", "event_survey", "submitted_on"]
    services.submit_answers(token=invitations["person"].token, answers=[], now=timezone.now())
    assert isinstance(Response.objects.get().submitted_on, datetime.date)
