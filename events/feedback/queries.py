"""Reads of feedback surveys: who is due an invitation or a reminder, a link's survey, the results."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from events.registration.models import Registration, TicketType

from .models import Answer, EventSurvey, Invitation, Question, Response

MIN_RESPONSES_FOR_BREAKDOWN = 5  # fewer answers than this: only their number is shown


def checked_in_registrations(event_survey):
    """Confirmed registrations of the event with at least one person checked in, not yet invited.
    A fair's stand staff (passes of the "exhibitor" ticket type) work there: they get no survey."""
    return (
        Registration.objects.filter(
            event_id=event_survey.event_id,
            status=Registration.Status.CONFIRMED,
            ticket__checkins__people__gt=0,
        )
        .exclude(ticket_type__kind=TicketType.Kind.EXHIBITOR)
        .exclude(email="")
        .exclude(feedback_invitations__event_survey=event_survey)
        .select_related("ticket_type")
        .distinct()
        .order_by("pk")
    )


def surveys_to_run(now):
    """Attached surveys whose sending time has come and that are not closed yet."""
    return [
        event_survey
        for event_survey in EventSurvey.objects.select_related("event", "survey").filter(
            event__ends_at__lte=now
        )
        if event_survey.send_at <= now < event_survey.closes_at
    ]


def link(token):
    """``(invitation, is_class_link)`` for a personal or class token, or ``(None, False)``."""
    if not token or len(token) > 64:
        return None, False
    invitation = (
        Invitation.objects.select_related("event_survey__event", "event_survey__survey")
        .filter(Q(token=token) | Q(class_token=token))
        .first()
    )
    if invitation is None:
        return None, False
    return invitation, invitation.class_token == token


def questions(survey):
    return list(Question.objects.filter(survey=survey).order_by("sort_order", "pk"))


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    counts: list = field(default_factory=list)  # [(option, count)] in the question's order
    average: float | None = None
    texts: list = field(default_factory=list)  # sorted, never in the order they came

    @property
    def chart(self):
        return {
            "labels": [option for option, _count in self.counts],
            "datasets": [{"label": self.question.label, "data": [count for _option, count in self.counts]}],
        }


@dataclass
class Results:
    event_survey: EventSurvey
    responses: int
    sent: int
    answered: int
    class_answers: int
    questions: list

    @property
    def not_answered(self):
        return self.sent - self.answered

    @property
    def breakdown(self):
        return self.responses >= MIN_RESPONSES_FOR_BREAKDOWN


def results(event_survey):
    """The figures of one attached survey in four queries (invitations, responses, questions, answers), however many questions and answers."""
    invitations = Invitation.objects.filter(event_survey=event_survey).aggregate(
        sent=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        class_answers=Sum("class_uses"),
    )
    responses = Response.objects.filter(event_survey=event_survey).count()
    survey_questions = questions(event_survey.survey)
    rows = {question.pk: QuestionResult(question=question) for question in survey_questions}
    if responses >= MIN_RESPONSES_FOR_BREAKDOWN:
        tallies = {pk: {} for pk in rows}
        sums = dict.fromkeys(rows, 0)
        answers = Answer.objects.filter(response__event_survey=event_survey).values_list(
            "question_id", "number", "text", "choices"
        )
        for question_id, number, text, choices in answers:
            row = rows.get(question_id)
            if row is None:
                continue
            kind = row.question.kind
            if kind == Question.Kind.SCALE and number is not None:
                tallies[question_id][str(number)] = tallies[question_id].get(str(number), 0) + 1
                sums[question_id] += number
                row.answered += 1
            elif row.question.has_choices and choices:
                for choice in choices:
                    tallies[question_id][choice] = tallies[question_id].get(choice, 0) + 1
                row.answered += 1
            elif row.question.is_text and text:
                row.texts.append(text)
                row.answered += 1
        for pk, row in rows.items():
            if row.question.is_text:
                row.texts.sort(key=str.casefold)
                continue
            row.counts = [(option, tallies[pk].get(option, 0)) for option in row.question.options]
            if row.question.kind == Question.Kind.SCALE and row.answered:
                row.average = round(sums[pk] / row.answered, 2)
    return Results(
        event_survey=event_survey,
        responses=responses,
        sent=invitations["sent"],
        answered=invitations["answered"],
        class_answers=invitations["class_answers"] or 0,
        questions=list(rows.values()),
    )


def event_surveys():
    """Every attached survey with its counts, for the staff list (one query)."""
    return EventSurvey.objects.select_related("event", "survey").annotate(
        sent=Count("invitations", distinct=True),
        response_count=Count("responses", distinct=True),
    )
