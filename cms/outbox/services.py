"""Outbox services: queue an e-mail with the current transaction, deliver it from a task.

A mail is queued either rendered (``queue_email``, ``queue_templated_email``) or as a recipe
(``queue_composed_email``): a composer's name and its JSON arguments, rendered by the worker on
the first delivery attempt and stored, so that every later attempt sends the same content. The
recipe keeps templates, QR codes and calendar files off the request that causes the mail, and
out of the transaction that holds its locks. Apps register composers under the ``MAIL_COMPOSERS``
hook (``cms.hooks``); a composer that returns ``None`` (the mail is no longer needed, e.g. the
registration was cancelled or erased meanwhile) leaves the row ``dropped``.

Delivery is at-least-once towards the SMTP server and never concurrent: a row is claimed (status
``sending`` with a lease) before the SMTP conversation, so two workers never send the same row.
Only a worker that dies after the server accepted the mail and before the row is marked ``sent``
can cause a second copy, once the lease has run out (see docs/security.md, "E-mail outbox").
"""

import base64
import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail import hooks

from cms.hooks import MAIL_COMPOSERS

from .models import OutgoingEmail


@dataclass(frozen=True)
class ComposedEmail:
    """What a composer renders: ``attachments`` holds ``(filename, content_bytes, mimetype)``."""

    subject: str
    body_text: str
    body_html: str = ""
    attachments: list = field(default_factory=list)


def queue_email(*, to, subject, body_text, body_html="", attachments=(), headers=None):
    """Write the mail to the outbox now and send it from the worker once the transaction commits.

    ``attachments`` holds ``(filename, content_bytes, mimetype)`` tuples.
    """
    from .tasks import send_outgoing_email  # noqa: PLC0415 — import cycle: cms.outbox.tasks imports these services

    email = OutgoingEmail.objects.create(
        to=list(to) if not isinstance(to, str) else [to],
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
        attachments=_encoded(attachments),
        headers=headers or {},
        # If the task enqueued after commit never runs (the process died in between, the queue
        # was lost), the periodic re-queue picks the row up once this moment has passed.
        next_attempt_at=timezone.now() + _lease(),
    )
    transaction.on_commit(lambda: send_outgoing_email.enqueue(email.pk))
    return email


def queue_composed_email(*, to, composer, args):
    """Write a mail recipe to the outbox now; the worker renders it (see the module docstring)."""
    from .tasks import send_outgoing_email  # noqa: PLC0415 — import cycle: cms.outbox.tasks imports these services

    if composer not in composers():
        raise LookupError(f"No mail composer is registered as {composer!r}.")
    email = OutgoingEmail.objects.create(
        to=list(to) if not isinstance(to, str) else [to],
        composer=composer,
        composer_args=args,
        next_attempt_at=timezone.now() + _lease(),
    )
    transaction.on_commit(lambda: send_outgoing_email.enqueue(email.pk))
    return email


def render_templated(*, template, context, language=None):
    """``(subject, text, html)`` from ``<template>_subject.txt``, ``.txt`` and ``.html`` in ``language``."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body_text = render_to_string(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), body_text, body_html


def _encoded(attachments):
    return [
        {"filename": name, "content": base64.b64encode(content).decode("ascii"), "mimetype": mimetype}
        for name, content, mimetype in attachments
    ]


def queue_templated_email(*, to, template, context, language=None, attachments=(), headers=None):
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in ``language``."""
    subject, body_text, body_html = render_templated(template=template, context=context, language=language)
    return queue_email(
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=attachments,
        headers=headers,
    )


def queue_message(message):
    """Put a rendered Django ``EmailMessage`` (e.g. from allauth) into the outbox."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    body_text = message.body
    if getattr(message, "content_subtype", "plain") == "html":
        html, body_text = message.body, ""
    return queue_email(to=message.to, subject=message.subject, body_text=body_text, body_html=html)


logger = logging.getLogger(__name__)

DUE_STATUSES = (OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.RETRY)


def _lease():
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
        email.locked_until = now + _lease()
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
    email.attachments = _encoded(composed.attachments)
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


def requeue_due_emails(*, now=None, limit=500):
    """Enqueue a delivery task for every row that is due: waiting for a retry or still queued past
    its grace time, or ``sending`` past its lease (its worker died). Each row's next check is
    pushed one lease ahead, so a slow queue is not flooded with copies of the same task; a copy
    that runs anyway finds the row claimed or sent and does nothing. Returns the ids."""
    from .tasks import send_outgoing_email  # noqa: PLC0415 — import cycle: cms.outbox.tasks imports these services

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
            next_attempt_at=now + _lease()
        )
        for pk in due:
            transaction.on_commit(lambda pk=pk: send_outgoing_email.enqueue(pk))
    return due


def resend_email(*, email_id, now=None):
    """Staff action: put a failed (or waiting) row back in the queue with a fresh count of attempts
    and send it at once. Sent rows are never sent again; returns whether the row was queued."""
    return bool(_resend(OutgoingEmail.objects.filter(pk=email_id), now=now))


def resend_failed_emails(*, now=None):
    """Staff action: queue every ``failed`` row again; returns how many."""
    return len(_resend(OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED), now=now))


def _resend(queryset, *, now):
    from .tasks import send_outgoing_email  # noqa: PLC0415 — import cycle: cms.outbox.tasks imports these services

    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            queryset.select_for_update(skip_locked=True)
            .filter(status__in=[*DUE_STATUSES, OutgoingEmail.Status.FAILED])
            .values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(
            status=OutgoingEmail.Status.QUEUED, attempts=0, next_attempt_at=now + _lease()
        )
        for pk in ids:
            transaction.on_commit(lambda pk=pk: send_outgoing_email.enqueue(pk))
    return ids
