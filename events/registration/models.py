"""Registration: ticket types with capacity, registrations (individuals and school groups), tickets.

Places are never counted by a stored counter: what remains of a ticket type is its capacity minus
the ``places`` of its confirmed registrations, computed under a lock (see ``services.py``).
"""

import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from cms.places.fields import CountyCodeField, MunicipalityCodeField, VoivodeshipCodeField
from cms.places.queries import register


def new_secret():
    """256 bits from the OS CSPRNG, URL-safe; never derived from ids or personal data."""
    return secrets.token_urlsafe(32)


class TicketType(ClusterableModel):
    """A kind of place at an event; edited on the event page's Registration tab (an inline panel).

    ``event`` is a ParentalKey and the sessions and zones ParentalManyToManyFields so that the
    page's revisions carry them; their ``add``/``set`` take effect when the ticket type is saved.
    """

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("individual")
        GROUP = "group", _("school group")
        # A fair exhibitor's stand staff (events.fairs passes): never on the public form.
        EXHIBITOR = "exhibitor", _("exhibitor's stand staff")

    event = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="ticket_types", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INDIVIDUAL)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), help_text=_("A group takes as many places as people.")
    )
    max_group_size = models.PositiveSmallIntegerField(_("largest group"), default=1)
    school_cap = models.PositiveIntegerField(
        _("places per school"),
        null=True,
        blank=True,
        help_text=_(
            "Groups only: at most this many places for one school (its confirmed and waiting groups "
            "together, and those of one teacher's account). Empty: no limit."
        ),
    )
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    invitation_required = models.BooleanField(_("invitation code required"), default=False)
    sessions = ParentalManyToManyField(
        "events.Session", blank=True, related_name="ticket_types", verbose_name=_("sessions to choose")
    )
    zones = ParentalManyToManyField(
        "events.Zone",
        blank=True,
        related_name="ticket_types",
        verbose_name=_("zones"),
        help_text=_("Fair zones this ticket lets in. None chosen: every zone."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_group_size"), FieldPanel("school_cap")]),
        FieldPanel("position"),
        FieldRowPanel(
            [FieldPanel("waitlist_enabled"), FieldPanel("invitation_required"), FieldPanel("is_active")]
        ),
        FieldPanel("sessions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("zones", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.pk and self.capacity is not None:
            taken = (
                Registration.objects.filter(
                    ticket_type_id=self.pk, status=Registration.Status.CONFIRMED
                ).aggregate(taken=models.Sum("places"))["taken"]
                or 0
            )
            if self.capacity < taken:
                raise ValidationError(
                    {"capacity": _("The capacity cannot be lower than the places already confirmed.")}
                )
        if self.pk and self.event_id:
            # Saved choices only: the page form checks what is being chosen (see events.forms).
            if self.sessions.exclude(page_id=self.event_id).exists():
                raise ValidationError({"sessions": _("Choose only sessions of this event.")})
            if self.zones.exclude(page_id=self.event_id).exists():
                raise ValidationError({"zones": _("Choose only zones of this event.")})

    @property
    def is_group(self):
        return self.kind == self.Kind.GROUP

    @property
    def is_exhibitor(self):
        return self.kind == self.Kind.EXHIBITOR


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        CHOICE = "choice", _("choice")
        YES_NO = "yes_no", _("yes / no")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    label = models.CharField(_("question"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line."))
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class InvitationCode(models.Model):
    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="invitation_codes", verbose_name=_("event")
    )
    ticket_type = models.ForeignKey(
        TicketType, on_delete=models.CASCADE, null=True, blank=True, related_name="invitation_codes"
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    max_uses = models.PositiveIntegerField(_("uses allowed"), default=1)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("e.g. the school it is for"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")

    def __str__(self):
        return self.code


class Registration(models.Model):
    """One registration: a person, or a teacher with a class (``places`` = pupils + adults)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    ticket_type = models.ForeignKey(
        TicketType, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("ticket type")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8, default="pl")
    places = models.PositiveIntegerField(_("places"), default=1)
    pupils = models.PositiveIntegerField(_("pupils"), default=0)
    adults = models.PositiveIntegerField(_("accompanying adults"), default=0)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("teacher"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    school_name = models.CharField(_("school"), max_length=255, blank=True)
    school_rspo = models.CharField(_("RSPO number"), max_length=12, blank=True)
    school_municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    school_county = CountyCodeField(_("county"), max_length=40, blank=True)
    school_voivodeship = VoivodeshipCodeField(_("voivodeship"), max_length=40, blank=True)
    school_municipality_code = MunicipalityCodeField(_("gmina"), max_length=7, blank=True)
    school_place_unmapped = models.CharField(_("former place to check"), max_length=200, blank=True)
    sessions = models.ManyToManyField("events.Session", blank=True, related_name="registrations")
    invitation_code = models.ForeignKey(
        InvitationCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=40)
    privacy_acknowledged_at = models.DateTimeField(_("privacy notice acknowledged"))
    cancel_token = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True, editable=False)
    # SHA-256 of the request that came with ``idempotency_key`` (the API): a replay must match it.
    idempotency_request_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
        editable=False,
    )
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["ticket_type", "status"]),
            models.Index(fields=["event", "status"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def school_county_name(self):
        return register().county_label(self.school_county)

    @property
    def is_group(self):
        return self.ticket_type.is_group

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["registration", "question"], name="answer_unique")]

    def __str__(self):
        return self.value


class Ticket(models.Model):
    """The ticket of a confirmed registration. The QR code holds ``secret``; regenerating replaces it."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="ticket")
    secret = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    regenerated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")

    def __str__(self):
        return f"{_('Ticket')} #{self.pk}"
