"""Outbox services: queue an e-mail with the current transaction, deliver it from a task."""

import base64

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail


def queue_email(*, to, subject, body_text, body_html="", attachments=(), headers=None):
    """Write the mail to the outbox now and send it from the worker once the transaction commits.

    ``attachments`` holds ``(filename, content_bytes, mimetype)`` tuples.
    """
    from .tasks import send_outgoing_email

    email = OutgoingEmail.objects.create(
        to=list(to) if not isinstance(to, str) else [to],
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
        attachments=[
            {"filename": name, "content": base64.b64encode(content).decode("ascii"), "mimetype": mimetype}
            for name, content, mimetype in attachments
        ],
        headers=headers or {},
    )
    transaction.on_commit(lambda: send_outgoing_email.enqueue(email.pk))
    return email


def queue_templated_email(*, to, template, context, language=None, attachments=(), headers=None):
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in ``language``."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body_text = render_to_string(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
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


def deliver_email(email):
    """Send one outbox row. Sent rows are never sent again, so a repeated task does no harm."""
    email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
    if email.status == OutgoingEmail.Status.SENT:
        return email
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, to=email.to, headers=email.headers or None
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    email.attempts += 1
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - any transport error keeps the row for a retry
        email.status = OutgoingEmail.Status.FAILED
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        email.save(update_fields=["status", "attempts", "last_error"])
        return email
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return email
