"""Personal data (RODO): versioned privacy notices, consent records, data-subject requests, their log.

Notice versions are never changed: staff editing a notice create the next version, so every consent
record keeps pointing at the exact text that was shown. Consent records are kept after an erasure
(art. 7(1) RODO: the controller must be able to prove consent and the notice given).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField


def new_secret():
    """256 bits from the OS CSPRNG, URL-safe."""
    return secrets.token_urlsafe(32)


class Purpose(models.TextChoices):
    EVENT_REGISTRATION = "event_registration", _("event registration")
    EDUBUS_REQUEST = "edubus_request", _("Edubus visit request")
    CONTEST_ENTRY = "contest_entry", _("contest entry")
    PUPIL_CONSENT = "pupil_consent", _("pupils' publication consents")
    ACCOUNT_SIGNUP = "account_signup", _("account sign-up")
    PUBLIC_VOTE = "public_vote", _("public vote")


class NoticeVersion(models.Model):
    """One immutable version of the privacy notice (and optional consent text) of a purpose."""

    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    number = models.PositiveIntegerField(_("version"))
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_pl = models.TextField(
        _("short notice (Polish)"), help_text=_("Shown next to the form, a few sentences.")
    )
    summary_en = models.TextField(_("short notice (English)"), blank=True)
    body_pl = RichTextField(_("full notice (Polish)"))
    body_en = RichTextField(_("full notice (English)"), blank=True)
    consent_label_pl = models.CharField(
        _("optional consent (Polish)"),
        max_length=300,
        blank=True,
        help_text=_("If filled in, the form offers an unticked checkbox with this text."),
    )
    consent_label_en = models.CharField(_("optional consent (English)"), max_length=300, blank=True)
    change_note = models.CharField(_("what changed"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["purpose", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "number"], name="privacy_notice_version_unique")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return f"{self.purpose}-v{self.number}"

    def text(self, field, language):
        """``title``, ``summary``, ``body`` or ``consent_label`` in ``language``, else in Polish."""
        if language == "en":
            value = getattr(self, f"{field}_en")
            if value or (field == "consent_label" and not self.consent_label_pl):
                return value
        return getattr(self, f"{field}_pl")


class ConsentRecord(models.Model):
    """That a notice was shown and acknowledged, or that an optional consent was given (and withdrawn)."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("notice acknowledged")
        CONSENT = "consent", _("optional consent given")

    class Channel(models.TextChoices):
        FORM = "form", _("web form")
        API = "api", _("API")
        STAFF = "staff", _("entered by staff")
        PAPER = "paper", _("signed form (scan or paper)")

    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTICE)
    consent_key = models.CharField(
        _("consent"), max_length=40, blank=True, help_text=_("Which optional consent, e.g. photos.")
    )
    notice = models.ForeignKey(
        NoticeVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("notice version"),
    )
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    subject = models.CharField(
        _("record"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("e.g. registration.Registration:12"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.FORM)
    language = models.CharField(_("language"), max_length=8, default="pl")
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.CharField(_("withdrawal note"), max_length=255, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at", "-pk"]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.email or self.subject} ({self.get_kind_display()})"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class DataSubjectRequest(models.Model):
    """A request for an export or an erasure of everything held about an e-mail address.

    Lifecycle: ``unverified`` (the link was mailed; only its SHA-256 is stored) → ``pending`` (the
    requester opened the link; the request is in the staff queue) → ``completed`` (staff ran it in
    one action: an export is kept for download until ``download_expires_at``, then purged).
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("export of my data")
        ERASURE = "erasure", _("erasure of my data")

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("waiting for e-mail verification")
        PENDING = "pending", _("verified, waiting for staff")
        COMPLETED = "completed", _("completed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    email = models.EmailField(_("e-mail"), db_index=True)
    language = models.CharField(_("language"), max_length=8, default="pl")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNVERIFIED, db_index=True
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    report = models.JSONField(_("report"), default=list, blank=True)
    # The export as JSON text (not jsonb, which would reorder the columns), deleted when the link expires.
    export_json = models.TextField(blank=True, editable=False)
    download_expires_at = models.DateTimeField(_("download link valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email}"


class RequestLogEntry(models.Model):
    """Who did what to a data-subject request, and when."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("requested, verification link sent")
        VERIFIED = "verified", _("e-mail verified")
        EXPORTED = "exported", _("export prepared and link sent")
        ERASED = "erased", _("data erased")
        DOWNLOADED = "downloaded", _("export downloaded")
        PURGED = "purged", _("export deleted after the link expired")

    request = models.ForeignKey(
        DataSubjectRequest, on_delete=models.PROTECT, related_name="log", verbose_name=_("request")
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("request log entry")
        verbose_name_plural = _("request log")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.get_action_display()}"
