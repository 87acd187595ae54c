"""The fairs' mails (``MAIL_COMPOSERS``), rendered by the worker when sent. Each part of the app
keeps its composers in its own block."""

from django.urls import reverse
from django.utils import translation

from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated
from events.registration.calendar_file import registration_ics
from events.registration.qr import qr_png

from . import queries

# ---- Pass mails ----


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
