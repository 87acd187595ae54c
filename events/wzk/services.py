"""State changes of the WZK: each a verb-first, keyword-only function in one transaction."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import queries
from .models import Recommendation, new_token

# --- recs: recommendations, study visits, the member's calendar feed --------------------------

NUMBER = re.compile(r"^R/(\d{4})/(\d+)$")
# The order of the statuses: a later one keeps what the earlier ones needed.
STATUS_ORDER = [status for status, _label in Recommendation.Status.choices]


def suggest_recommendation_number(*, year=None):
    """``R/<year>/<n>``: one more than the highest ``n`` used in the year (gaps are not refilled)."""
    year = year or timezone.localdate().year
    used = [
        int(match.group(2))
        for number in queries.recommendation_numbers(year)
        if (match := NUMBER.match(number))
    ]
    return f"R/{year}/{max(used, default=0) + 1}"


def _reached(status, step):
    return STATUS_ORDER.index(status) >= STATUS_ORDER.index(step)


def recommendation_problems(
    *,
    status,
    adopted_at,
    sent_on,
    board_answer,
    answered_on,
    implemented_on,
    is_public,
    source_morning=None,
    source_meeting=None,
    source_visit=None,
):
    """``{field: message}`` of what the status and its dates lack (empty: consistent).

    Adopted needs the meeting; sent needs the date it went to the board; answered needs the board's
    answer and its date; implemented needs the date. Dates follow each other; only an adopted (or
    later) recommendation may be shown on the public site; there is exactly one source.
    """
    Status = Recommendation.Status
    problems = {}
    sources = [source for source in (source_morning, source_meeting, source_visit) if source is not None]
    if len(sources) != 1:
        problems["source_morning"] = _(
            "Choose the one source of the recommendation: a partner morning, a meeting or a study visit."
        )
    if _reached(status, Status.ADOPTED) and adopted_at is None:
        problems["adopted_at"] = _("An adopted recommendation needs the meeting at which the WZK adopted it.")
    if _reached(status, Status.SENT) and sent_on is None:
        problems["sent_on"] = _("Give the date the recommendation was sent to the board.")
    if _reached(status, Status.ANSWERED):
        if not (board_answer or "").strip():
            problems["board_answer"] = _("An answered recommendation needs the board's answer.")
        if answered_on is None:
            problems["answered_on"] = _("Give the date of the board's answer.")
    if _reached(status, Status.IMPLEMENTED) and implemented_on is None:
        problems["implemented_on"] = _("Give the date the recommendation was implemented.")
    if adopted_at is not None and sent_on is not None:
        adopted_day = timezone.localtime(adopted_at.event.starts_at).date()
        if sent_on < adopted_day and "sent_on" not in problems:
            problems["sent_on"] = _(
                "The recommendation cannot be sent to the board before the meeting that adopted it."
            )
    if sent_on and answered_on and answered_on < sent_on and "answered_on" not in problems:
        problems["answered_on"] = _("The board cannot answer before the recommendation was sent.")
    if answered_on and implemented_on and implemented_on < answered_on and "implemented_on" not in problems:
        problems["implemented_on"] = _("The implementation date cannot be before the board's answer.")
    if is_public and not _reached(status, Status.ADOPTED):
        problems["is_public"] = _(
            "Only a recommendation the WZK has adopted can be shown on the public site."
        )
    return problems


def _check(recommendation):
    problems = recommendation_problems(
        status=recommendation.status,
        adopted_at=recommendation.adopted_at,
        sent_on=recommendation.sent_on,
        board_answer=recommendation.board_answer,
        answered_on=recommendation.answered_on,
        implemented_on=recommendation.implemented_on,
        is_public=recommendation.is_public,
        source_morning=recommendation.source_morning,
        source_meeting=recommendation.source_meeting,
        source_visit=recommendation.source_visit,
    )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def save_recommendation(*, recommendation):
    """Save a recommendation whose status and dates are consistent (else ``ValidationError``)."""
    _check(recommendation)
    if not recommendation.number:
        recommendation.number = suggest_recommendation_number()
    recommendation.save()
    return recommendation


def recommendation_draft_from_conclusion(*, conclusion):
    """What a recommendation made from a conclusion starts with (the form's initial data)."""
    morning = conclusion.morning
    first_line = conclusion.text.strip().splitlines()[0] if conclusion.text.strip() else morning.topic
    return {
        "number": suggest_recommendation_number(),
        "title": first_line[:255],
        "text": conclusion.text,
        "source_morning": morning.pk,
        "conclusion": conclusion.pk,
        "status": Recommendation.Status.DRAFTED,
    }


@transaction.atomic
def turn_on_calendar_feed(*, member):
    """Give the member a private feed address if they have none yet (the existing one stays)."""
    if not member.calendar_token:
        member.calendar_token = new_token()
        member.save(update_fields=["calendar_token", "updated_at"])
    return member.calendar_token


@transaction.atomic
def revoke_calendar_feed(*, member):
    """A new private feed address; the old one answers 404 from now on."""
    member.calendar_token = new_token()
    member.save(update_fields=["calendar_token", "updated_at"])
    return member.calendar_token
