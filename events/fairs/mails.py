"""The fairs' mails (``MAIL_COMPOSERS``), rendered by the worker when sent. Each part of the app
keeps its composers in its own block."""

from django.urls import reverse
from django.utils import translation

from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated
from events.dates import format_event_dates
from events.registration.calendar_file import registration_ics
from events.registration.qr import qr_png

from . import queries, services
from .models import Application


def compose_exhibitor_pass(*, exhibitor_pass, email, secret):
    """The stand staff member's pass: the link to the ticket page (QR code, PDF) with the QR code and
    the fair's calendar file attached. Dropped when the pass was removed, or its e-mail or QR code
    changed since it was queued (a newer mail carries the current pass)."""
    found = queries.pass_for_mail(exhibitor_pass)
    if found is None:
        return None
    registration = found.registration
    ticket = getattr(registration, "ticket", None)
    if (
        registration.status != "confirmed"
        or ticket is None
        or found.email != email
        or ticket.secret != secret
    ):
        return None
    application = found.application
    context = {
        "exhibitor_pass": found,
        "registration": registration,
        "event": application.call.event,
        "institution": application.exhibitor.name,
        "stand": queries.stand_line(application),
    }
    with translation.override(registration.language or "pl"):
        context["ticket_url"] = absolute_url(reverse("registration:ticket", args=[ticket.secret]))
    subject, body_text, body_html = render_templated(
        template="fairs/email/exhibitor_pass", context=context, language=registration.language or "pl"
    )
    return ComposedEmail(
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[
            ("przepustka-qr.png", qr_png(ticket.secret), "image/png"),
            ("targi.ics", registration_ics(registration), "text/calendar; method=PUBLISH"),
        ],
    )


"""The fairs' mails, queued as outbox recipes (``cms.outbox``) and rendered by the worker when sent."""


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
