"""Personal data of certificates for data-subject requests: those issued to the address."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from . import services
from .models import Certificate


def _certificates(email):
    return Certificate.objects.filter(
        Q(email__iexact=email) | Q(teacher__email__iexact=email)
    ).select_related("event", "document")


def export(email):
    return {
        "certificates": [
            {
                "event": certificate.event.title,
                "holder": certificate.holder_name,
                "school": certificate.school_name,
                "people": certificate.people,
                "code": certificate.document.display_code,
                "issued_at": certificate.issued_at,
                "revoked_at": certificate.document.revoked_at,
                "mailed_at": certificate.mailed_at,
            }
            for certificate in _certificates(email).order_by("issued_at", "pk")
        ]
    }


def erase(email):
    """The certificates go with their verification records: their codes no longer verify."""
    ids = list(_certificates(email).values_list("pk", flat=True))
    deleted = services.delete_certificates(ids=ids)
    return Erasure(done={str(_("certificates of attendance")): deleted} if deleted else {})


def source():
    return DataSource(
        key="certificates",
        label=_("Certificates of attendance"),
        export=export,
        erase=erase,
        retention_note=_("Erased certificates no longer verify; the event's attendance figures stay."),
    )
