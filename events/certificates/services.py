"""State changes of certificates: issuing them to the checked-in, revoking, mailing again."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.outbox.services import queue_composed_email
from cms.verification import services as verification
from events.dates import format_event_dates

from . import queries
from .models import Certificate, CertificateSettings

COMPOSER = "certificate"


class CertificateError(Exception):
    """A rule of certificates was broken; the message is shown to staff."""


def document_texts(*, event, holder_name, is_class, people, school_name, issuer, language):
    """What the verification page says of a certificate, in its language."""
    with translation.override(language):
        holder = holder_name
        if is_class:
            holder = _("%(teacher)s on behalf of the class (%(people)s people present)") % {
                "teacher": holder_name,
                "people": people,
            }
            if school_name:
                holder = f"{holder}, {school_name}"
        return {
            "kind_label": _("Certificate of attendance"),
            "title": _("taking part in the event “%(event)s” (%(dates)s)")
            % {
                "event": event.title,
                "dates": format_event_dates(event.starts_at, event.ends_at, event.all_day),
            },
            "holder_name": holder,
            "issuer": issuer,
        }


@transaction.atomic
def issue_certificates(*, event, now=None, mail=True):
    """One certificate for every checked-in registration of the event that has none yet (a person:
    their name; a class: its teacher, with the head-count checked in), each mailed with its PDF.
    Idempotent; returns how many were issued. The settings must be switched on. (``mail=False``
    only for the demo content, whose addresses are fictional.)"""
    now = now or timezone.now()
    settings = CertificateSettings.objects.select_for_update().filter(event=event).first()
    if settings is None or not settings.enabled:
        raise CertificateError(_("Certificates are not switched on for this event."))
    issuer = settings.issuer or event.organiser or "Edufest"
    issued = 0
    for registration in queries.present_registrations(event):
        is_class = registration.is_group
        language = registration.language if registration.language in ("pl", "en") else "pl"
        holder_name = registration.name
        document = verification.issue(
            **document_texts(
                event=event,
                holder_name=holder_name,
                is_class=is_class,
                people=registration.present,
                school_name=registration.school_name,
                issuer=issuer,
                language=language,
            ),
            issued_at=now,
            language=language,
        )
        certificate = Certificate.objects.create(
            registration=registration,
            event=event,
            document=document,
            holder_name=holder_name,
            email=registration.email,
            teacher=registration.teacher,
            is_class=is_class,
            school_name=registration.school_name,
            people=registration.present,
            language=language,
            issued_at=now,
        )
        if mail:
            _mail(certificate, now=now)
        issued += 1
    settings.issued_at = now
    settings.save(update_fields=["issued_at"])
    return issued


def issue_due_certificates(*, now=None):
    """The periodic run: the events that have ended since their certificates were last issued."""
    now = now or timezone.now()
    return sum(issue_certificates(event=settings.event, now=now) for settings in queries.due_settings(now))


@transaction.atomic
def revoke_certificate(*, certificate, reason, by):
    """The verification page then says "revoked", with the reason; the holder can no longer download it."""
    if not reason.strip():
        raise CertificateError(_("Give the reason for revoking."))
    verification.revoke(certificate.document, reason=reason, by=by)


@transaction.atomic
def resend_certificate(*, certificate, now=None):
    certificate.document.refresh_from_db(fields=["revoked_at"])
    if certificate.is_revoked:
        raise CertificateError(_("A revoked certificate is not sent."))
    if not certificate.email:
        raise CertificateError(_("This certificate has no e-mail address."))
    _mail(certificate, now=now or timezone.now())


def _mail(certificate, *, now):
    if not certificate.email:
        return
    queue_composed_email(to=[certificate.email], composer=COMPOSER, args={"certificate": certificate.pk})
    Certificate.objects.filter(pk=certificate.pk).update(mailed_at=now)


@transaction.atomic
def delete_certificates(*, ids):
    """Certificates and their verification records (retention, erasure): their codes become unknown."""
    rows = list(Certificate.objects.filter(pk__in=list(ids)).values_list("pk", "document_id"))
    Certificate.objects.filter(pk__in=[pk for pk, _document in rows]).delete()
    verification.delete_documents(ids=[document for _pk, document in rows])
    return len(rows)
