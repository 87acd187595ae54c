"""The composers of the fairs' mails (``MAIL_COMPOSERS`` recipes, rendered by the worker when the
mail goes out). Each part of the app keeps its composers in its own block."""

from django.utils import translation

from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated
from events.dates import format_event_dates

from . import queries
from .models import Application

# ---- Decision mails ---------------------------------------------------------------------------

# The exhibitor's area (area "applyer" serves it); the mail links there to see the application.
EXHIBITOR_AREA_PATH = "/wystawca/"
DECIDED = (Application.Status.ACCEPTED, Application.Status.WAITLISTED, Application.Status.DECLINED)


def _context(application):
    event = application.call.event
    return {
        "application": application,
        "exhibitor": application.exhibitor,
        "event": event,
        "event_dates": format_event_dates(event.starts_at, event.ends_at, event.all_day),
        "stand": application.stand,
        "area_url": absolute_url(EXHIBITOR_AREA_PATH),
    }


def compose_application_decided(*, application, language="pl"):
    """The decision as it stands when the mail goes out: accepted (with the stand, if it has one
    by then), waiting list, or declined with the reason. None if the application is gone or
    undecided again."""
    application = queries.application_for_review(application)
    if application is None or application.status not in DECIDED:
        return None
    with translation.override(language):
        context = _context(application)
    subject, text, html = render_templated(
        template="fairs/email/application_decided", context=context, language=language
    )
    return ComposedEmail(subject=subject, body_text=text, body_html=html)


def compose_stand_assigned(*, application, language="pl"):
    """The stand staff gave an accepted application (zone, number, size)."""
    application = queries.application_for_review(application)
    if application is None or application.status != Application.Status.ACCEPTED or application.stand is None:
        return None
    with translation.override(language):
        context = _context(application)
    subject, text, html = render_templated(
        template="fairs/email/stand_assigned", context=context, language=language
    )
    return ComposedEmail(subject=subject, body_text=text, body_html=html)
