"""Personal data of registrations for data-subject requests (``PERSONAL_DATA`` hook, see cms.privacy)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from . import services
from .models import Answer, Registration, Ticket, TicketType, new_secret

ERASED_NAME = "—"


def _registrations(email):
    return (
        Registration.objects.filter(Q(email__iexact=email) | Q(teacher__email__iexact=email))
        .select_related("event", "ticket_type")
        .order_by("created_at", "pk")
    )


def export(email):
    registrations = list(_registrations(email).prefetch_related("sessions"))
    answers = Answer.objects.filter(registration__in=registrations).select_related("question")
    tickets = Ticket.objects.filter(registration__in=registrations)
    return {
        "registrations": [
            {
                "id": registration.pk,
                "event": registration.event.title,
                "event_starts_at": registration.event.starts_at,
                "ticket_type": registration.ticket_type.name,
                "status": registration.status,
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "language": registration.language,
                "places": registration.places,
                "pupils": registration.pupils,
                "adults": registration.adults,
                "school": registration.school_name,
                "school_rspo": registration.school_rspo,
                "school_municipality": registration.school_municipality,
                "sessions": [session.title for session in registration.sessions.all()],
                "privacy_notice_version": registration.privacy_notice_version,
                "privacy_acknowledged_at": registration.privacy_acknowledged_at,
                "registered_at": registration.created_at,
                "cancelled_at": registration.cancelled_at,
            }
            for registration in registrations
        ],
        "answers": [
            {
                "registration": answer.registration_id,
                "question": answer.question.label,
                "answer": answer.value,
            }
            for answer in answers.order_by("registration_id", "question__position", "pk")
        ],
        "tickets": [
            {"registration": ticket.registration_id, "issued_at": ticket.created_at}
            for ticket in tickets.order_by("pk")
        ],
    }


def erase(email):
    """Anonymise the registrations; a registration for an event still to come is cancelled first
    (its places go to the waiting list). Status, places, school and event stay for the reach figures."""
    now = timezone.now()
    registrations = list(_registrations(email))
    cancelled, ticket_types = 0, set()
    for registration in registrations:
        if registration.status != Registration.Status.CANCELLED and registration.event.ends_at > now:
            registration.status = Registration.Status.CANCELLED
            registration.cancelled_at = now
            ticket_types.add(registration.ticket_type_id)
            cancelled += 1
        registration.name = ERASED_NAME
        registration.email = ""
        registration.phone = ""
        registration.teacher = None
        registration.idempotency_key = None
        registration.idempotency_request_hash = ""
        registration.cancel_token = new_secret()
        registration.save()
    answers, _detail = Answer.objects.filter(registration__in=registrations).delete()
    tickets = list(Ticket.objects.filter(registration__in=registrations))
    for ticket in tickets:  # the QR codes in old e-mails stop working
        ticket.secret = new_secret()
        ticket.save(update_fields=["secret"])
    for ticket_type in TicketType.objects.filter(pk__in=ticket_types):
        services.promote_waitlist(ticket_type=ticket_type, now=now)
    return Erasure(
        done={
            _("registrations anonymised"): len(registrations),
            _("registrations for events still to come cancelled"): cancelled,
            _("answers to event questions deleted"): answers,
            _("ticket codes invalidated"): len(tickets),
        }
    )


def source():
    return DataSource(
        key="registrations",
        label=_("Event registrations"),
        export=export,
        erase=erase,
        retention_note=_(
            "Each anonymised registration keeps its event, status, number of places and school (no "
            "name, e-mail or phone), so that the reach figures reported to the funder stay correct."
        ),
    )
