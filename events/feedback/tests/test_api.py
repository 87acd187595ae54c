"""The survey in the JSON API: read it by token, post one answer; errors in the cms.api shape."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from events.feedback import services
from events.feedback.models import Answer, Invitation, Question, Response

from .factories import attach, checked_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.EDUFEST_API_RATE_LIMIT = 0
    event_survey = attach(send_after_hours=0)
    checked_in(event_survey.event, group=True, pupils=1, email="nauczyciel@example.org")
    services.send_due_feedback_mail(now=timezone.now())
    questions = {q.kind: q for q in Question.objects.filter(survey=event_survey.survey)}
    return {"event_survey": event_survey, "invitation": Invitation.objects.get(), "questions": questions}


def body(questions):
    return {
        "answers": {
            str(questions["scale"].pk): 5,
            str(questions["single"].pk): "Stoiska",
            str(questions["multiple"].pk): ["Internet"],
        }
    }


def test_the_survey_is_read_by_its_token(client, world):
    response = client.get(f"/api/v1/feedback/{world['invitation'].token}")

    data = response.json()
    assert response.status_code == 200
    assert (data["status"], data["class_link"], data["event"]) == (
        "open",
        False,
        world["event_survey"].event.title,
    )
    assert [(q["kind"], q["required"], q["options"]) for q in data["questions"]] == [
        ("scale", True, ["1", "2", "3", "4", "5"]),
        ("single", True, ["Stoiska", "Warsztaty"]),
        ("multiple", False, ["Szkoła", "Internet", "Znajomi"]),
        ("short_text", False, []),
        ("long_text", False, []),
    ]


def test_one_answer_per_link_through_the_api(client, world):
    url = f"/api/v1/feedback/{world['invitation'].token}/answers"

    first = client.post(url, body(world["questions"]), content_type="application/json")
    second = client.post(url, body(world["questions"]), content_type="application/json")

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json() == {
        "code": "used",
        "message": "Ten link został już wykorzystany do odpowiedzi. Dziękujemy!",
        "fields": {},
    }
    assert sorted(Answer.objects.values_list("number", flat=True), key=str) == sorted(
        [5, None, None], key=str
    )
    assert client.get(url.removesuffix("/answers")).json()["status"] == "used"


def test_a_class_link_is_full_after_the_head_count(client, world):
    url = f"/api/v1/feedback/{world['invitation'].class_token}/answers"

    first = client.post(url, body(world["questions"]), content_type="application/json")
    second = client.post(url, body(world["questions"]), content_type="application/json")

    assert (first.status_code, second.status_code, second.json()["code"]) == (201, 409, "full")
    assert Response.objects.count() == 1


def test_invalid_answers_get_a_message_per_question(client, world):
    questions = world["questions"]
    url = f"/api/v1/feedback/{world['invitation'].token}/answers"

    wrong = client.post(url, {"answers": {str(questions["scale"].pk): 9}}, content_type="application/json")
    unknown = client.post(url, {"answers": {"999999": "x"}}, content_type="application/json")

    assert wrong.status_code == 422
    assert wrong.json()["fields"] == {
        f"answers.{questions['scale'].pk}": ["Wybierz jedną z opcji."],
        f"answers.{questions['single'].pk}": ["Odpowiedz na to pytanie."],
    }
    assert unknown.json()["fields"] == {"answers.999999": ["W tej ankiecie nie ma takiego pytania."]}
    assert Response.objects.count() == 0


def test_an_unknown_token_is_404_and_too_many_posts_429(client, world, settings):
    assert client.get("/api/v1/feedback/nieznany").json()["code"] == "not_found"
    settings.EDUFEST_API_RATE_LIMIT = 1
    cache.clear()
    url = f"/api/v1/feedback/{world['invitation'].token}/answers"
    client.post(url, {"answers": {}}, content_type="application/json")

    limited = client.post(url, {"answers": {}}, content_type="application/json")

    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
