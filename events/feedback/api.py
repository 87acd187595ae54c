"""The feedback survey in the JSON API (under /api/v1/): read a survey by its link's token, send
one anonymous answer. No authentication: the token is the capability, as in the mailed link."""

from django.utils import timezone, translation
from ninja import Field, Path, Router, Schema, Status

from cms.accounts import ratelimit
from cms.api import ErrorOut, error, invalid_input

from . import queries, services
from .forms import AnswerForm, field_name
from .models import Question

router = Router(tags=["feedback"])

TOKEN = Path(..., min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="The link's token.")
KINDS = ", ".join(Question.Kind.values)


class QuestionOut(Schema):
    id: int
    label: str
    kind: str = Field(description=f"One of: {KINDS}.")
    required: bool
    options: list[str] = Field(
        description="What can be chosen: 1-5 for a scale, the choices; empty for text."
    )


class SurveyOut(Schema):
    event: str
    title: str
    intro: str
    status: str = Field(
        description="open, closed, used (the personal link was used) or full (the class link)."
    )
    class_link: bool = Field(
        description="A class link: anonymous, one answer per pupil up to the class size."
    )
    closes_at: str = Field(description="ISO 8601; answers after it are refused.")
    questions: list[QuestionOut]


class AnswersIn(Schema):
    answers: dict[str, int | str | list[str]] = Field(
        default_factory=dict,
        description="{question id: answer}: 1-5 for a scale, the choice's text for a single choice, a "
        "list of texts for a multiple choice, text for a text question.",
    )


class Accepted(Schema):
    status: str = Field(description='always "accepted"')
    detail: str


def _status(invitation, is_class):
    if not invitation.event_survey.is_open(timezone.now()):
        return "closed"
    if is_class:
        return "full" if invitation.class_uses >= invitation.class_limit else "open"
    return "used" if invitation.answered_at is not None else "open"


def _not_found():
    return Status(404, error("not_found", translation.gettext("No survey has this link.")))


@router.get(
    "/feedback/{token}", response={200: SurveyOut, 404: ErrorOut, 422: ErrorOut}, summary="A feedback survey"
)
def get_survey(request, token: str = TOKEN):
    invitation, is_class = queries.link(token)
    if invitation is None:
        return _not_found()
    event_survey = invitation.event_survey
    return {
        "event": event_survey.event.title,
        "title": event_survey.survey.title,
        "intro": event_survey.survey.intro,
        "status": _status(invitation, is_class),
        "class_link": is_class,
        "closes_at": event_survey.closes_at.isoformat(),
        "questions": [
            {
                "id": question.pk,
                "label": question.label,
                "kind": question.kind,
                "required": question.required,
                "options": [] if question.is_text else question.options,
            }
            for question in queries.questions(event_survey.survey)
        ],
    }


def _form_data(answers):
    data = {}
    for key, value in answers.items():
        if isinstance(value, list):
            data[f"q{key}"] = [str(item) for item in value]
        else:
            data[f"q{key}"] = str(value)
    return data


@router.post(
    "/feedback/{token}/answers",
    response={201: Accepted, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Answer a feedback survey",
    description=(
        "One answer per personal link; a class link takes as many answers as the class had pupils. "
        "The answer is stored without any link to the person or the registration. 409 when the survey "
        "is closed (`closed`), the personal link was used (`used`) or the class link is used up "
        "(`full`); 422 with a message per question (`answers.<question id>`)."
    ),
)
def answer_survey(request, payload: AnswersIn, token: str = TOKEN):
    if ratelimit.api_over_limit(request, scope="feedback-api"):
        return Status(
            429, error("rate_limited", translation.gettext("Too many requests; try again in a minute."))
        )
    invitation, _is_class = queries.link(token)
    if invitation is None:
        return _not_found()
    questions = queries.questions(invitation.event_survey.survey)
    known = {str(question.pk) for question in questions}
    unknown = sorted(key for key in payload.answers if key not in known)
    if unknown:
        message = translation.gettext("No such question in this survey.")
        return Status(422, invalid_input({f"answers.{key}": [message] for key in unknown}))
    form = AnswerForm(_form_data(payload.answers), questions=questions)
    if not form.is_valid():
        fields = {}
        for question in questions:
            messages = form.errors.get(field_name(question))
            if messages:
                fields[f"answers.{question.pk}"] = [str(message) for message in messages]
        return Status(422, invalid_input(fields))
    try:
        services.submit_answers(token=token, answers=form.answers())
    except services.FeedbackRefused as refusal:
        return Status(409, error(refusal.code, refusal.message))
    return Status(201, {"status": "accepted", "detail": translation.gettext("Thank you for your answers.")})
