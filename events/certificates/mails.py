"""The certificate mail (a ``MAIL_COMPOSERS`` recipe): rendered by the worker with the PDF attached.

A certificate revoked or deleted (erased) before the mail goes out is dropped instead of sent."""

from django.urls import reverse
from django.utils import translation

from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated
from cms.verification.queries import verification_url

from . import queries
from .pdf import render_certificate


def filename(certificate):
    return f"zaswiadczenie-{certificate.document.code}.pdf"


def compose(*, certificate):
    certificate = queries.certificate(certificate)
    if certificate is None or certificate.is_revoked:
        return None
    settings = queries.settings_of(certificate.event)
    language = certificate.language or "pl"
    with translation.override(language):
        account_path = reverse("cms:school_area") if certificate.is_class else reverse("cms:account")
        context = {
            "certificate": certificate,
            "event": certificate.event,
            "verify_url": verification_url(certificate.document),
            "account_url": absolute_url(account_path),
        }
    subject, text, html = render_templated(
        template="certificates/email/certificate", context=context, language=language
    )
    pdf = render_certificate(certificate, settings=settings)
    return ComposedEmail(
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=[(filename(certificate), pdf, "application/pdf")],
    )
