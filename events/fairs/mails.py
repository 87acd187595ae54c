"""The fairs' mails, queued as outbox recipes (``cms.outbox``) and rendered by the worker when sent."""

from django.urls import reverse
from django.utils import translation

from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated

from . import queries, services

# ---- Application mails ----


def _application_mail(template, *, application, status, language):
    application = queries.application_for_mail(application)
    if not services.application_mail_applies(application, status):
        return None  # decided otherwise meanwhile, or deleted: this mail no longer applies
    with translation.override(language):
        url = absolute_url(
            reverse("fairs:application", kwargs={"call_id": application.call_id, "pk": application.pk})
        )
        context = {
            "application": application,
            "call": application.call,
            "fair": application.call.event,
            "exhibitor": application.exhibitor,
            "stand": application.stand,
            "url": url,
        }
        subject, body_text, body_html = render_templated(
            template=template, context=context, language=language
        )
    return ComposedEmail(subject=subject, body_text=body_text, body_html=body_html)


def compose_application_submitted(*, application, status, language="pl"):
    """To the contact and the exhibitor's people: the application has been sent to staff."""
    return _application_mail(
        "fairs/apply/email/submitted", application=application, status=status, language=language
    )


def compose_application_decided(*, application, status, language="pl"):
    """Staff's decision: accepted (with the stand if assigned), waitlisted, or declined with the reason."""
    return _application_mail(
        "fairs/apply/email/decided", application=application, status=status, language=language
    )


def application_composers():
    return {
        services.SUBMITTED_COMPOSER: compose_application_submitted,
        services.DECIDED_COMPOSER: compose_application_decided,
    }
