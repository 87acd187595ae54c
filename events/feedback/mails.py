"""The invitation and the reminder, queued as outbox recipes and rendered when the worker sends
them: a mail whose survey has closed meanwhile, a reminder for a link already used, or a mail to a
registration erased since is dropped instead of sent."""

from django.urls import reverse
from django.utils import timezone, translation

from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated

from .models import Invitation

KINDS = ("invitation", "reminder")


def links(invitation):
    with translation.override(invitation.registration.language or "pl"):
        return {
            "answer_url": absolute_url(reverse("feedback:answer", args=[invitation.token])),
            "class_url": (
                absolute_url(reverse("feedback:answer", args=[invitation.class_token]))
                if invitation.class_token
                else ""
            ),
        }


def compose(*, invitation, kind):
    invitation = (
        Invitation.objects.select_related("registration", "event_survey__event", "event_survey__survey")
        .filter(pk=invitation)
        .first()
    )
    if invitation is None or kind not in KINDS or invitation.registration is None:
        return None
    registration = invitation.registration
    event_survey = invitation.event_survey
    if not registration.email or not event_survey.is_open(timezone.now()):
        return None
    if kind == "reminder" and invitation.answered_at is not None:
        return None
    context = {
        "registration": registration,
        "event": event_survey.event,
        "survey": event_survey.survey,
        "closes_at": event_survey.closes_at,
        "class_limit": invitation.class_limit,
        **links(invitation),
    }
    subject, body_text, body_html = render_templated(
        template=f"feedback/email/{kind}", context=context, language=registration.language or "pl"
    )
    return ComposedEmail(subject=subject, body_text=body_text, body_html=body_html)
