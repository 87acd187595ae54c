"""Results for staff: counts, a chart and a table per question from five responses on (below that
only the count), text answers listed, the XLSX exactly, a constant number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from events.checkin.tests.factories import staff_user
from events.feedback import services
from events.feedback.models import Invitation, Question

from .factories import attach, checked_in

pytestmark = pytest.mark.django_db

SCALES = [5, 4, 4, 2, 5, 3, 5, 1, 4, 5]
SINGLES = ["Stoiska", "Warsztaty"]


def answer(event_survey, n, token):
    questions = {q.kind: q for q in Question.objects.filter(survey=event_survey.survey)}
    values = [
        services.AnswerValue(question_id=questions["scale"].pk, number=SCALES[n % len(SCALES)]),
        services.AnswerValue(question_id=questions["single"].pk, choices=[SINGLES[n % 2]]),
    ]
    if n % 3 == 0:
        values.append(
            services.AnswerValue(question_id=questions["multiple"].pk, choices=["Szkoła", "Znajomi"])
        )
    if n in (1, 2):
        values.append(
            services.AnswerValue(
                question_id=questions["long_text"].pk, text=["Zimno w sali", "brak map"][n - 1]
            )
        )
    services.submit_answers(token=token, answers=values, now=timezone.now())


def survey_with(responses):
    event_survey = attach(send_after_hours=0)
    event = event_survey.event
    event.title = "Poranek logistyczny"
    event.save()
    event_survey.survey.title = "Jak było?"
    event_survey.survey.save()
    for n in range(2):
        checked_in(event, email=f"osoba{n}@example.org")
    checked_in(event, group=True, pupils=30, email="klasa@example.org")
    services.send_due_feedback_mail(now=timezone.now())
    invitations = Invitation.objects.filter(event_survey=event_survey)
    group = invitations.get(class_token__isnull=False)
    person = invitations.filter(class_token__isnull=True).order_by("pk").first()
    tokens = [person.token] + [group.class_token] * (responses - 1)
    for n, token in enumerate(tokens[:responses]):
        answer(event_survey, n, token)
    return event_survey


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user())
    return client


def test_with_fewer_than_five_responses_only_the_count_is_shown(staff_client):
    event_survey = survey_with(4)

    page = staff_client.get(f"/admin/feedback/{event_survey.pk}/")

    assert page.status_code == 200
    assert '<dd id="feedback-responses">4</dd>' in page.text
    assert 'id="feedback-no-breakdown"' in page.text
    assert "chart-q" not in page.text
    assert "Zimno w sali" not in page.text
    book = load_workbook(
        io.BytesIO(staff_client.get(f"/admin/feedback/{event_survey.pk}/wyniki.xlsx").content)
    )
    assert [list(row) for row in book["Wyniki"].iter_rows(values_only=True)][-2:] == [
        ["Mniej niż 5 wypełnionych ankiet: bez zestawienia odpowiedzi.", None, None],
        ["Pytanie", "Odpowiedź", "Liczba"],
    ]
    assert list(book["Odpowiedzi tekstowe"].iter_rows(values_only=True)) == [("Pytanie", "Odpowiedź")]


def test_from_five_responses_each_question_has_a_chart_a_table_and_the_texts(staff_client):
    event_survey = survey_with(6)

    page = staff_client.get(f"/admin/feedback/{event_survey.pk}/")

    assert page.status_code == 200
    counts = {
        name: page.text.split(f'<dd id="feedback-{name}">')[1].split("</dd>")[0]
        for name in ("sent", "answered", "not-answered", "class", "responses")
    }
    assert counts == {"sent": "3", "answered": "1", "not-answered": "2", "class": "5", "responses": "6"}
    assert page.text.count('role="img"') == 3  # scale, single and multiple choice
    assert '<th scope="row">4</th><td>2</td>' in page.text
    assert "<li>brak map</li>" in page.text and "<li>Zimno w sali</li>" in page.text
    assert 'id="feedback-charts"' in page.text


def test_the_xlsx_holds_exactly_the_counts_and_the_sorted_texts(staff_client):
    event_survey = survey_with(6)

    response = staff_client.get(f"/admin/feedback/{event_survey.pk}/wyniki.xlsx")
    book = load_workbook(io.BytesIO(response.content))

    assert response["Content-Disposition"] == 'attachment; filename="ankieta-poranek-logistyczny.xlsx"'
    assert book.sheetnames == ["Wyniki", "Odpowiedzi tekstowe"]
    assert [list(row) for row in book["Wyniki"].iter_rows(values_only=True)] == [
        ["Ankieta", "Jak było?", None],
        ["Wydarzenie", "Poranek logistyczny", None],
        ["Wysłane zaproszenia", 3, None],
        ["Odpowiedzi z linku osobistego", 1, None],
        ["Jeszcze bez odpowiedzi", 2, None],
        ["Odpowiedzi z linków klasowych", 5, None],
        ["Wypełnione ankiety", 6, None],
        ["Pytanie", "Odpowiedź", "Liczba"],
        ["Ocena ogólna", "1", 0],
        ["Ocena ogólna", "2", 1],
        ["Ocena ogólna", "3", 1],
        ["Ocena ogólna", "4", 2],
        ["Ocena ogólna", "5", 2],
        ["Ocena ogólna", "średnia", 3.83],
        ["Co najciekawsze?", "Stoiska", 3],
        ["Co najciekawsze?", "Warsztaty", 3],
        ["Skąd wiesz?", "Szkoła", 2],
        ["Skąd wiesz?", "Internet", 0],
        ["Skąd wiesz?", "Znajomi", 2],
    ]
    assert list(book["Odpowiedzi tekstowe"].iter_rows(values_only=True)) == [
        ("Pytanie", "Odpowiedź"),
        ("Co poprawić?", "brak map"),
        ("Co poprawić?", "Zimno w sali"),
    ]


def test_the_results_page_runs_the_same_number_of_queries_for_6_and_25_responses(staff_client):
    small, large = survey_with(6), survey_with(25)
    staff_client.get(f"/admin/feedback/{small.pk}/")  # warm the session and the admin's caches

    with CaptureQueriesContext(connection) as few:
        staff_client.get(f"/admin/feedback/{small.pk}/")
    with CaptureQueriesContext(connection) as many:
        staff_client.get(f"/admin/feedback/{large.pk}/")

    assert len(many) == len(few)


def test_staff_open_the_survey_builder_and_the_attach_form(staff_client):
    event_survey = survey_with(0)

    pages = [
        staff_client.get("/admin/feedback_surveys/new/"),
        staff_client.get(f"/admin/feedback_surveys/edit/{event_survey.survey.pk}/"),
        staff_client.get("/admin/feedback_event_surveys/new/"),
        staff_client.get(f"/admin/feedback_event_surveys/edit/{event_survey.pk}/"),
        staff_client.get("/admin/feedback/"),
    ]

    assert [page.status_code for page in pages] == [200, 200, 200, 200, 200]
    assert "Ocena ogólna" in pages[1].text
    assert "Poranek logistyczny" in pages[4].text
