"""Retention of registrations (``cms.retention``): anonymised a period after their event ends.

What stays is what the reach dashboard and the event's history count: the event, ticket type,
status, places, pupils and adults, the school (an institution, not a person: name, RSPO number,
municipality, county, voivodeship), the times and the privacy-notice version. Names, e-mail
address, phone, answers and the link to the teacher's account go; the
ticket's secret and the cancel link are replaced, so an old QR code or link opens nothing.
"""

from django.utils.translation import gettext_lazy as _

from cms.retention.rules import ANONYMISE, RetentionRule

from .models import Answer, Registration, Ticket, new_secret


def rules():
    return [
        RetentionRule(
            key="registration.registrations",
            label=_("Event registrations, answers and tickets"),
            anchor=_("after the event ends"),
            action=ANONYMISE,
            default_days=365,
            legal_basis=_(
                "Art. 6(1)(e) GDPR (public task): needed to run the event and answer questions "
                "about it; the funder gets aggregate figures only."
            ),
            model=Registration,
            due=registrations_due,
            process=anonymise_registrations,
            order=10,
        )
    ]


def registrations_due(cutoff):
    return Registration.objects.filter(anonymised_at__isnull=True, event__ends_at__lt=cutoff)


def anonymise_registrations(rows, now):
    for registration in rows:
        registration.name = ""
        registration.email = ""
        registration.phone = ""
        registration.teacher = None
        registration.cancelled_by = None
        registration.idempotency_key = None
        registration.idempotency_request_hash = ""
        registration.cancel_token = new_secret()
        registration.anonymised_at = now
    Registration.objects.bulk_update(
        rows,
        [
            "name",
            "email",
            "phone",
            "teacher",
            "cancelled_by",
            "idempotency_key",
            "idempotency_request_hash",
            "cancel_token",
            "anonymised_at",
        ],
    )
    pks = [registration.pk for registration in rows]
    Answer.objects.filter(registration_id__in=pks).delete()
    tickets = list(Ticket.objects.filter(registration_id__in=pks))
    for ticket in tickets:
        ticket.secret = new_secret()
    Ticket.objects.bulk_update(tickets, ["secret"])
    return len(rows)
