"""Retention of the Edubus contact data (``cms.retention``).

The institution, its address, the dates, the audience and every visit report stay: the schedule's
history and the reach dashboard (visitors per municipality and county) need them. What goes is
what identifies a contact person: name, e-mail, phone and the free-text message and reply.
"""

from django.db.models import DateField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.retention.rules import ANONYMISE, RetentionRule

from .models import Stop, VisitRequest


def rules():
    return [
        RetentionRule(
            key="edubus.visit_requests",
            label=_("Edubus visit requests: contact persons and messages"),
            anchor=_(
                "after the visit, or after the decision for a declined request "
                "(after the last preferred date for one never scheduled)"
            ),
            action=ANONYMISE,
            default_days=2 * 365,
            legal_basis=_("Art. 6(1)(e) GDPR: arranging the visit and answering questions about it."),
            model=VisitRequest,
            due=visit_requests_due,
            process=anonymise_visit_requests,
            order=50,
        ),
        RetentionRule(
            key="edubus.stop_contacts",
            label=_("Edubus stops: contact persons"),
            anchor=_("after the visit"),
            action=ANONYMISE,
            default_days=2 * 365,
            legal_basis=_("Art. 6(1)(e) GDPR: arranging the visit on site."),
            model=Stop,
            due=stop_contacts_due,
            process=anonymise_stop_contacts,
            order=51,
        ),
    ]


def visit_requests_due(cutoff):
    last_visit = Stop.objects.filter(request=OuterRef("pk")).order_by("-departure").values("departure")[:1]
    last_preferred = Greatest(
        "preferred_date_1",
        Coalesce("preferred_date_2", "preferred_date_1"),
        Coalesce("preferred_date_3", "preferred_date_1"),
        output_field=DateField(),
    )
    cutoff_day = timezone.localdate(cutoff)
    return (
        VisitRequest.objects.exclude(contact_email="", contact_name="", contact_phone="")
        .alias(last_visit=Subquery(last_visit), last_preferred=last_preferred)
        .filter(
            Q(last_visit__lt=cutoff)
            | Q(last_visit__isnull=True, status=VisitRequest.Status.DECLINED, decided_at__lt=cutoff)
            | (
                Q(last_visit__isnull=True, last_preferred__lt=cutoff_day)
                & ~Q(status=VisitRequest.Status.DECLINED)
            )
        )
    )


def anonymise_visit_requests(rows, now):
    for visit_request in rows:
        visit_request.contact_name = ""
        visit_request.contact_email = ""
        visit_request.contact_phone = ""
        visit_request.message = ""
        visit_request.decision_reason = ""
        visit_request.decided_by = None
    VisitRequest.objects.bulk_update(
        rows, ["contact_name", "contact_email", "contact_phone", "message", "decision_reason", "decided_by"]
    )
    return len(rows)


def stop_contacts_due(cutoff):
    return Stop.objects.filter(departure__lt=cutoff).exclude(
        contact_name="", contact_email="", contact_phone=""
    )


def anonymise_stop_contacts(rows, now):
    for stop in rows:
        stop.contact_name = ""
        stop.contact_email = ""
        stop.contact_phone = ""
    Stop.objects.bulk_update(rows, ["contact_name", "contact_email", "contact_phone"])
    return len(rows)
