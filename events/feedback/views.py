"""The public answer page at a personal or class link: the form, then the thank-you page; a closed
survey, a used link or a full class link get a page that says so. Works without JavaScript."""

import hashlib

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.accounts.network import client_ip
from cms.accounts.ratelimit import over_limit

from . import queries, services
from .forms import AnswerForm

DEVICE_COOKIE_DAYS = 365
# Answers a minute from one address: a classroom behind one school router shares it.
DEFAULT_RATE_LIMIT = 60


def device_cookie_name(token):
    """A class link's cookie: one answer per device (the token itself never goes in a cookie name)."""
    return "ankieta_" + hashlib.sha256(token.encode()).hexdigest()[:16]


def _link(token):
    invitation, is_class = queries.link(token)
    if invitation is None:
        raise Http404
    return invitation, is_class


def _state(request, token, invitation, is_class):
    """Why the form cannot be shown (``closed``, ``used``, ``full``, ``device``) or None."""
    if not invitation.event_survey.is_open(timezone.now()):
        return "closed"
    if is_class:
        if request.COOKIES.get(device_cookie_name(token)):
            return "device"
        if invitation.class_uses >= invitation.class_limit:
            return "full"
    elif invitation.answered_at is not None:
        return "used"
    return None


def _done_page(request, invitation, state, status=200):
    messages = {
        "closed": services.FeedbackRefused.MESSAGES["closed"],
        "used": services.FeedbackRefused.MESSAGES["used"],
        "full": services.FeedbackRefused.MESSAGES["full"],
        "device": _("An answer has already been sent from this device. Thank you!"),
    }
    return render(
        request,
        "feedback/done.html",
        {"event": invitation.event_survey.event, "state": state, "message": messages[state]},
        status=status,
    )


@never_cache
def answer(request, token):
    invitation, is_class = _link(token)
    state = _state(request, token, invitation, is_class)
    if state is not None:
        return _done_page(request, invitation, state)
    event_survey = invitation.event_survey
    questions = queries.questions(event_survey.survey)
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions)
        limit = getattr(settings, "EDUFEST_FEEDBACK_RATE_LIMIT", DEFAULT_RATE_LIMIT)
        if over_limit("feedback-answer", client_ip(request), limit=limit, seconds=60):
            form.is_valid()
            form.add_error(None, _("Too many answers from this network; please try again in a minute."))
            status = 429
        elif form.is_valid():
            try:
                services.submit_answers(token=token, answers=form.answers())
            except services.FeedbackRefused as refusal:
                return _done_page(request, invitation, refusal.code)
            response = redirect("feedback:thanks", token)
            if is_class:
                response.set_cookie(
                    device_cookie_name(token),
                    "1",
                    max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
    else:
        form = AnswerForm(questions=questions)
    return render(
        request,
        "feedback/answer.html",
        {"event": event_survey.event, "survey": event_survey.survey, "form": form, "is_class": is_class},
        status=status,
    )


def thanks(request, token):
    invitation, _is_class = _link(token)
    return render(request, "feedback/thanks.html", {"event": invitation.event_survey.event})
