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

from dataclasses import dataclass, field

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .delivery import DUE_STATUSES, composers, encoded_attachments, lease
from .models import OutgoingEmail
from .tasks import send_outgoing_email


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
    email = OutgoingEmail.objects.create(
        to=list(to) if not isinstance(to, str) else [to],
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
        attachments=encoded_attachments(attachments),
        headers=headers or {},
        # If the task enqueued after commit never runs (the process died in between, the queue
        # was lost), the periodic re-queue picks the row up once this moment has passed.
        next_attempt_at=timezone.now() + lease(),
    )
    transaction.on_commit(lambda: send_outgoing_email.enqueue(email.pk))
    return email


def queue_composed_email(*, to, composer, args):
    """Write a mail recipe to the outbox now; the worker renders it (see the module docstring)."""
    if composer not in composers():
        raise LookupError(f"No mail composer is registered as {composer!r}.")
    email = OutgoingEmail.objects.create(
        to=list(to) if not isinstance(to, str) else [to],
        composer=composer,
        composer_args=args,
        next_attempt_at=timezone.now() + lease(),
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


def resend_email(*, email_id, now=None):
    """Staff action: put a failed (or waiting) row back in the queue with a fresh count of attempts
    and send it at once. Sent rows are never sent again; returns whether the row was queued."""
    return bool(_resend(OutgoingEmail.objects.filter(pk=email_id), now=now))


def resend_failed_emails(*, now=None):
    """Staff action: queue every ``failed`` row again; returns how many."""
    return len(_resend(OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED), now=now))


def _resend(queryset, *, now):
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            queryset.select_for_update(skip_locked=True)
            .filter(status__in=[*DUE_STATUSES, OutgoingEmail.Status.FAILED])
            .values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(
            status=OutgoingEmail.Status.QUEUED, attempts=0, next_attempt_at=now + lease()
        )
        for pk in ids:
            transaction.on_commit(lambda pk=pk: send_outgoing_email.enqueue(pk))
    return ids
