"""Feedback services: mail the invitations and the one reminder, take an anonymous answer."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.outbox.services import queue_composed_email

from . import queries
from .models import Answer as AnswerRow
from .models import EventSurvey, Invitation, Response, new_token

COMPOSER = "feedback"


@dataclass(frozen=True)
class AnswerValue:
    """One question's answer as the form or the API cleaned it (only the matching part is set)."""

    question_id: int
    number: int | None = None
    text: str = ""
    choices: list = field(default_factory=list)


class FeedbackRefused(Exception):
    """An answer that cannot be taken; ``code`` for the API, ``message`` for people."""

    MESSAGES = {
        "closed": _("This survey is closed; thank you for your interest."),
        "used": _("This link has already been used to answer. Thank you!"),
        "full": _("This class link has been used by as many people as the class had pupils."),
    }

    def __init__(self, code):
        self.code = code
        self.message = self.MESSAGES[code]
        super().__init__(str(self.message))


def _mail(invitation, registration, kind):
    queue_composed_email(
        to=[registration.email], composer=COMPOSER, args={"invitation": invitation.pk, "kind": kind}
    )


def invite_checked_in(*, event_survey, now):
    """Create and mail the invitation of every checked-in registration not invited yet (a class's
    teacher also gets the class link, good for as many answers as the class had pupils)."""
    invited = 0
    with transaction.atomic():
        locked = EventSurvey.objects.select_for_update(skip_locked=True).filter(pk=event_survey.pk).first()
        if locked is None:  # another worker is on it
            return 0
        for registration in queries.checked_in_registrations(event_survey):
            group = registration.ticket_type.is_group and registration.pupils > 0
            invitation = Invitation.objects.create(
                event_survey=event_survey,
                registration=registration,
                class_token=new_token() if group else None,
                class_limit=registration.pupils if group else 0,
                sent_at=now,
            )
            _mail(invitation, registration, "invitation")
            invited += 1
    return invited


def remind_unanswered(*, event_survey, now):
    """Mail the one reminder to every invitation not answered ``reminder_after_hours`` after it went."""
    reminded = 0
    due_before = now - datetime.timedelta(hours=event_survey.reminder_after_hours)
    with transaction.atomic():
        due = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("registration")
            .filter(
                event_survey=event_survey,
                reminder_sent_at__isnull=True,
                answered_at__isnull=True,
                sent_at__lte=due_before,
                registration__isnull=False,
            )
            .exclude(registration__email="")
        )
        for invitation in due:
            invitation.reminder_sent_at = now
            invitation.save(update_fields=["reminder_sent_at"])
            _mail(invitation, invitation.registration, "reminder")
            reminded += 1
    return reminded


def send_due_feedback_mail(*, now=None):
    """The periodic job: invitations of surveys whose time has come, then the due reminders.
    A closed survey sends nothing."""
    now = now or timezone.now()
    invited = reminded = 0
    for event_survey in queries.surveys_to_run(now):
        invited += invite_checked_in(event_survey=event_survey, now=now)
        reminded += remind_unanswered(event_survey=event_survey, now=now)
    return {"invited": invited, "reminded": reminded}


def submit_answers(*, token, answers, now=None):
    """Store one anonymous response through a personal or class link.

    The invitation row is locked, checked and marked in the same transaction as the response is
    written, so a link is never used twice (or a class link more often than its limit), even by
    two requests at once. The response carries no trace of the link. Raises ``FeedbackRefused``.
    """
    now = now or timezone.now()
    with transaction.atomic():
        invitation, is_class = queries.link(token)
        if invitation is None:
            raise Invitation.DoesNotExist
        invitation = (
            Invitation.objects.select_for_update().select_related("event_survey__event").get(pk=invitation.pk)
        )
        event_survey = invitation.event_survey
        if not event_survey.is_open(now):
            raise FeedbackRefused("closed")
        if is_class:
            if invitation.class_uses >= invitation.class_limit:
                raise FeedbackRefused("full")
            Invitation.objects.filter(pk=invitation.pk).update(class_uses=F("class_uses") + 1)
        else:
            if invitation.answered_at is not None:
                raise FeedbackRefused("used")
            Invitation.objects.filter(pk=invitation.pk).update(answered_at=now)
        response = Response.objects.create(event_survey=event_survey, submitted_on=timezone.localdate(now))
        AnswerRow.objects.bulk_create(
            AnswerRow(
                response=response,
                question_id=value.question_id,
                number=value.number,
                text=value.text,
                choices=list(value.choices),
            )
            for value in answers
            if value.number is not None or value.text or value.choices
        )
    return response
