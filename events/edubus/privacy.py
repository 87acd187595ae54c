"""Personal data of the Edubus for data-subject requests: visit requests and stops' contact persons."""

from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from .models import Stop, VisitRequest


def export(email):
    return {
        "visit_requests": [
            {
                "id": request.pk,
                "institution": request.institution,
                "contact_name": request.contact_name,
                "contact_email": request.contact_email,
                "contact_phone": request.contact_phone,
                "municipality": request.municipality,
                "preferred_dates": request.preferred_dates,
                "expected_audience": request.expected_audience,
                "message": request.message,
                "status": request.status,
                "decision": request.decision_reason,
                "privacy_notice_version": request.privacy_notice_version,
                "privacy_acknowledged_at": request.privacy_acknowledged_at,
                "received_at": request.created_at,
            }
            for request in VisitRequest.objects.filter(contact_email__iexact=email).order_by(
                "created_at", "pk"
            )
        ],
        "stops": [
            {
                "id": stop.pk,
                "place": stop.place_name,
                "arrival": stop.arrival,
                "departure": stop.departure,
                "contact_name": stop.contact_name,
                "contact_email": stop.contact_email,
                "contact_phone": stop.contact_phone,
                "status": stop.status,
            }
            for stop in Stop.objects.filter(contact_email__iexact=email).order_by("arrival", "pk")
        ],
    }


def erase(email):
    requests = VisitRequest.objects.filter(contact_email__iexact=email).update(
        contact_name="", contact_email="", contact_phone="", message="", decision_reason=""
    )
    stops = Stop.objects.filter(contact_email__iexact=email).update(
        contact_name="", contact_email="", contact_phone=""
    )
    return Erasure(
        done={
            _("Edubus visit requests anonymised"): requests,
            _("Edubus stops' contact details removed"): stops,
        }
    )


def source():
    return DataSource(
        key="edubus",
        label=_("Edubus"),
        export=export,
        erase=erase,
        retention_note=_(
            "Visit requests and stops keep the institution, the place and the numbers of visitors, "
            "without a contact person."
        ),
    )
