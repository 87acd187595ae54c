from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An e-mail in the outbox.

    Lifecycle: the row is written ``queued`` in the same transaction as the change that causes
    the mail, and a task is enqueued after commit. Delivery claims the row (``select_for_update``
    with ``skip_locked``, then ``sending`` with a lease until ``locked_until``) in its own short
    transaction, talks to the SMTP server outside any transaction and records the outcome: ``sent``,
    or ``retry`` with ``next_attempt_at`` pushed back exponentially, or ``failed`` once
    ``EDUFEST_OUTBOX_MAX_ATTEMPTS`` attempts have failed. The periodic task
    ``cms.outbox.tasks.requeue_due_emails`` enqueues the rows that are due again, and also rows left
    ``sending`` past their lease by a worker that died. Staff resend ``failed`` rows from the
    outbox page in the admin.

    A row queued as a recipe (``composer`` and ``composer_args``) has no subject or body until the
    first attempt renders and stores them (``composed_at``); if the composer finds the mail no
    longer needed, the row ends ``dropped``.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        RETRY = "retry", _("waiting for retry")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        DROPPED = "dropped", _("not needed any more")

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    composer = models.CharField(_("composed by"), max_length=100, blank=True)
    composer_args = models.JSONField(_("composer arguments"), default=dict, blank=True)
    composed_at = models.DateTimeField(_("composed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    locked_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "cms"
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "next_attempt_at"], name="cms_outbox_due_idx"),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
