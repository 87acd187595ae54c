"""Delivery of the outbox rows, by the mail worker: claim a due row, compose a recipe once, send
it over SMTP, record the outcome (see ``cms.outbox.services`` for queueing and the guarantees).

The tasks of ``cms.outbox.tasks`` call these functions; ``cms.outbox.services`` enqueues the
tasks, so this module imports neither.
"""

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from cms.hooks import MAIL_COMPOSERS

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def encoded_attachments(attachments):
    return [
        {"filename": name, "content": base64.b64encode(content).decode("ascii"), "mimetype": mimetype}
        for name, content, mimetype in attachments
    ]


DUE_STATUSES = (OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.RETRY)


def lease():
    return datetime.timedelta(seconds=settings.EDUFEST_OUTBOX_LEASE_SECONDS)


def retry_delay(attempts):
    """Exponential back-off after the ``attempts``-th failed attempt: base, twice the base, four times … capped."""
    base = settings.EDUFEST_OUTBOX_RETRY_BASE_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.EDUFEST_OUTBOX_RETRY_MAX_SECONDS)
    return datetime.timedelta(seconds=seconds)


def claim_email(*, email_id, now=None):
    """Mark one due row ``sending`` for this worker and return it, or ``None`` when it is not ours.

    The row is locked with ``skip_locked``, so a second worker asking at the same moment gets
    ``None`` instead of waiting; once committed, ``sending`` keeps every other worker away until
    ``locked_until``.
    """
    now = now or timezone.now()
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id)
            .filter(Q(status__in=DUE_STATUSES) | Q(status=OutgoingEmail.Status.SENDING, locked_until__lt=now))
            .first()
        )
        if email is None:
            return None
        email.status = OutgoingEmail.Status.SENDING
        email.locked_until = now + lease()
        email.attempts += 1
        email.last_attempt_at = now
        email.save(update_fields=["status", "locked_until", "attempts", "last_attempt_at"])
    return email


def message_id(email):
    """The same ``Message-ID`` on every attempt, so that mail clients drop the rare second copy
    (see ``deliver_email``)."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "edufest.invalid"
    return f"<outbox-{email.pk}-{email.created_at:%Y%m%d%H%M%S}@{domain}>"


def build_message(email):
    headers = {"Message-ID": message_id(email), **(email.headers or {})}
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, to=email.to, headers=headers
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


def deliver_email(*, email_id):
    """Claim, send and record one outbox row; returns the row, or ``None`` if another worker has it
    or it needs no sending. Safe to call any number of times for the same row."""
    email = claim_email(email_id=email_id)
    if email is None:
        return None
    try:
        if email.composer and email.composed_at is None and not compose_email(email):
            return email
        build_message(email).send()
    except Exception as exc:  # noqa: BLE001 - any transport error keeps the row for a retry
        return _record_failure(email, exc)
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.locked_until = None
    email.next_attempt_at = None
    email.save(update_fields=["status", "sent_at", "locked_until", "next_attempt_at"])
    logger.info("Outgoing e-mail %s sent after %s attempt(s)", email.pk, email.attempts)
    return email


def composers():
    """``{name: compose(**args) -> ComposedEmail | None}`` from every app's ``MAIL_COMPOSERS`` hook."""
    found = {}
    for fn in hooks.get_hooks(MAIL_COMPOSERS):
        found.update(fn())
    return found


def compose_email(email):
    """Render a recipe row once and store the result; ``False`` when the mail is no longer needed.

    Called after the row is claimed. The stored content is what every later attempt sends, so a
    worker dying between composing and sending changes nothing for the next one.
    """
    composed = composers()[email.composer](**email.composer_args)
    now = timezone.now()
    if composed is None:
        email.status = OutgoingEmail.Status.DROPPED
        email.last_error = (
            "Not sent: no longer needed when the worker came to it (the record changed or was erased)."
        )
        email.locked_until = email.next_attempt_at = None
        email.composed_at = now
        email.save(update_fields=["status", "last_error", "locked_until", "next_attempt_at", "composed_at"])
        return False
    email.subject = composed.subject
    email.body_text = composed.body_text
    email.body_html = composed.body_html
    email.attachments = encoded_attachments(composed.attachments)
    email.composed_at = now
    email.save(update_fields=["subject", "body_text", "body_html", "attachments", "composed_at"])
    return True


def _record_failure(email, exc):
    email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    email.locked_until = None
    if email.attempts >= settings.EDUFEST_OUTBOX_MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
        email.next_attempt_at = None
        logger.error(
            "Outgoing e-mail %s failed for good after %s attempts: %s",
            email.pk,
            email.attempts,
            email.last_error,
        )
    else:
        email.status = OutgoingEmail.Status.RETRY
        email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        logger.warning(
            "Outgoing e-mail %s not sent (attempt %s), next try at %s: %s",
            email.pk,
            email.attempts,
            email.next_attempt_at.isoformat(),
            email.last_error,
        )
    email.save(update_fields=["status", "last_error", "locked_until", "next_attempt_at"])
    return email


def take_due_emails(*, now=None, limit=500):
    """The ids of the rows that are due: waiting for a retry or still queued past their grace time,
    or ``sending`` past their lease (the worker died). Each row's next check is pushed one lease
    ahead, so a slow queue is not flooded with copies of the same delivery task (the periodic task
    ``cms.outbox.tasks.requeue_due_emails`` enqueues one per id); a copy that runs anyway finds the
    row claimed or sent and does nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status__in=DUE_STATUSES, next_attempt_at__lte=now)
                | Q(status__in=DUE_STATUSES, next_attempt_at__isnull=True)
                | Q(status=OutgoingEmail.Status.SENDING, locked_until__lt=now)
            )
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        OutgoingEmail.objects.filter(pk__in=due).exclude(status=OutgoingEmail.Status.SENDING).update(
            next_attempt_at=now + lease()
        )
    return due
