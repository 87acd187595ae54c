"""Retention of certificates of attendance (``cms.retention``): deleted a period after the event.

A certificate is the holder's evidence of attendance (a teacher's professional development, a
pupil's portfolio), so it outlives the registration (anonymised after a year) for five years; then
it goes with its verification record, and its code no longer verifies."""

from django.utils.translation import gettext_lazy as _

from cms.retention.rules import DELETE, RetentionRule

from . import services
from .models import Certificate


def rules():
    return [
        RetentionRule(
            key="certificates.certificates",
            label=_("Certificates of attendance and their verification records"),
            anchor=_("after the event ends"),
            action=DELETE,
            default_days=5 * 365,
            legal_basis=_(
                "Art. 6(1)(e) GDPR: confirming attendance at the event to the holder and to whoever "
                "they show the certificate to."
            ),
            model=Certificate,
            due=certificates_due,
            process=delete_certificates,
            order=25,
        )
    ]


def certificates_due(cutoff):
    return Certificate.objects.filter(event__ends_at__lt=cutoff)


def delete_certificates(rows, now):
    return services.delete_certificates(ids=[certificate.pk for certificate in rows])
