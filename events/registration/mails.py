"""The registrant's mails, queued as outbox recipes and rendered by the worker when sent.

``compose`` reads the registration as it is at sending time: a mail that the registration has
outgrown meanwhile (a confirmation for a registration already cancelled or erased, a waiting-list
notice for one already promoted, a reminder for one no longer confirmed) is dropped instead of sent.
"""

from django.urls import reverse
from django.utils import translation
from wagtail import hooks

from cms.hooks import TICKET_SECTIONS
from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated

from . import queries
from .calendar_file import registration_ics
from .models import Registration
from .qr import qr_png

COMPOSER = "registration"
CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
CANCELLED = Registration.Status.CANCELLED
SECTION_KINDS = ("confirmed", "promoted", "reminder")  # the mails with the ticket show TICKET_SECTIONS
KINDS = ("confirmed", "waitlisted", "promoted", "cancelled", "reminder", "size_changed", "already_registered")


def ticket_path(registration):
    """The ticket page of a confirmed registration, else its confirmation page."""
    ticket = getattr(registration, "ticket", None) if registration.status == CONFIRMED else None
    if ticket is not None:
        return reverse("registration:ticket", args=[ticket.secret])
    return reverse("registration:detail", args=[registration.cancel_token])


def registration_links(registration):
    with translation.override(registration.language or "pl"):
        return {
            "detail_url": absolute_url(reverse("registration:detail", args=[registration.cancel_token])),
            "ticket_url": absolute_url(ticket_path(registration)),
            "cancel_url": absolute_url(reverse("registration:cancel", args=[registration.cancel_token])),
        }


def ticket_sections(registration, *, for_mail=False):
    """What the apps built on tickets add below a ticket (``cms.hooks.TICKET_SECTIONS``: a fair
    visitor's plan), in their order; the ticket page and the ticket mails show them."""
    sections = [
        section
        for build in hooks.get_hooks(TICKET_SECTIONS)
        if (section := build(registration, for_mail=for_mail)) is not None
    ]
    return sorted(sections, key=lambda section: section.get("order", 0))


def attachments(registration, kind):
    """The ticket's .ics (its sessions, else the event) and QR code; a cancellation's METHOD:CANCEL."""
    if kind == "cancelled" and registration.status == CANCELLED:
        return [("anulowanie.ics", registration_ics(registration), "text/calendar; method=CANCEL")]
    if kind not in ("confirmed", "promoted", "reminder") or registration.status != CONFIRMED:
        return []
    files = [("wydarzenie.ics", registration_ics(registration), "text/calendar; method=PUBLISH")]
    ticket = getattr(registration, "ticket", None)
    if ticket is not None:
        files.append(("bilet-qr.png", qr_png(ticket.secret), "image/png"))
    return files


def current_kind(registration, kind):
    """The mail to send now for a ``kind`` queued earlier, or ``None`` if it is outdated."""
    if registration is None or not registration.email:
        return None
    if registration.status == CANCELLED:
        return kind if kind == "cancelled" else None
    if kind in ("confirmed", "promoted") and registration.status == WAITLISTED:
        return "waitlisted"
    if kind == "waitlisted" and registration.status != WAITLISTED:
        return None
    if kind == "reminder" and registration.status != CONFIRMED:
        return None
    return kind


def compose(*, registration, kind):
    """Render one of the registrant's mails (``KINDS``) for the registration with id ``registration``."""
    registration = (
        Registration.objects.select_related("event", "ticket_type", "ticket").filter(pk=registration).first()
    )
    kind = current_kind(registration, kind)
    if kind is None:
        return None
    context = {
        "registration": registration,
        "event": registration.event,
        "ticket_type": registration.ticket_type,
        "position": queries.waitlist_position(registration),
        "sections": ticket_sections(registration, for_mail=True) if kind in SECTION_KINDS else [],
        **registration_links(registration),
    }
    subject, body_text, body_html = render_templated(
        template=f"registration/email/{kind}", context=context, language=registration.language or "pl"
    )
    return ComposedEmail(
        subject=subject, body_text=body_text, body_html=body_html, attachments=attachments(registration, kind)
    )
