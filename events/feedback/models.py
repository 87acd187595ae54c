"""Feedback surveys after an event: the survey and its questions (reusable), a survey attached to
an event with its timing, the personal invitations, and the anonymous responses.

Anonymity: a ``Response`` has no link to an invitation, a registration or a person; the
``Invitation`` only records *that* its link was used (``answered_at``), and a class link how many
times. A response keeps the day it came in, not the time, so it cannot be matched to the moment an
invitation was used.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

SCALE = range(1, 6)  # the scale questions' answers, 1 (worst) to 5 (best)


def new_token():
    """256 bits from the OS CSPRNG, URL-safe (43 characters); never derived from ids or data."""
    return secrets.token_urlsafe(32)


class Survey(ClusterableModel):
    """A short questionnaire staff build once and attach to as many events as they like."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the questions, e.g. how long it takes.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel("questions", label=_("Questions"), min_num=1),
    ]

    class Meta:
        verbose_name = _("feedback survey")
        verbose_name_plural = _("feedback surveys")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class Question(Orderable):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1-5")
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=255)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.SCALE)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("Single and multiple choice: one choice per line.")
    )
    required = models.BooleanField(_("required"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.has_choices and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    @property
    def has_choices(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    @property
    def is_text(self):
        return self.kind in (self.Kind.SHORT_TEXT, self.Kind.LONG_TEXT)

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def options(self):
        """What can be chosen: the scale's 1-5 as strings, or the choices."""
        if self.kind == self.Kind.SCALE:
            return [str(value) for value in SCALE]
        return self.choice_list


class EventSurvey(models.Model):
    """A survey attached to one event: sent ``send_after_hours`` after the event ends, one reminder
    ``reminder_after_hours`` after that, closed ``closes_after_days`` after sending."""

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="feedback_survey", verbose_name=_("event")
    )
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="event_surveys", verbose_name=_("survey")
    )
    send_after_hours = models.PositiveIntegerField(
        _("send after (hours)"), default=2, help_text=_("Hours after the event ends.")
    )
    reminder_after_hours = models.PositiveIntegerField(
        _("reminder after (hours)"),
        default=72,
        validators=[MinValueValidator(1)],
        help_text=_("Hours after the invitation, to those who have not answered."),
    )
    closes_after_days = models.PositiveIntegerField(
        _("closes after (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Days after the invitation; later answers are refused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey of an event")
        verbose_name_plural = _("surveys of events")
        ordering = ["-event__ends_at", "pk"]

    def __str__(self):
        return f"{self.event.title}: {self.survey.title}"

    @property
    def send_at(self):
        return self.event.ends_at + datetime.timedelta(hours=self.send_after_hours)

    @property
    def reminder_at(self):
        return self.send_at + datetime.timedelta(hours=self.reminder_after_hours)

    @property
    def closes_at(self):
        return self.send_at + datetime.timedelta(days=self.closes_after_days)

    def is_open(self, now):
        return now < self.closes_at


class Invitation(models.Model):
    """The personal link of one checked-in registration; a class's teacher also gets a class link
    for the pupils, good for as many answers as the class had pupils."""

    wagtail_reference_index_ignore = True

    event_survey = models.ForeignKey(EventSurvey, on_delete=models.CASCADE, related_name="invitations")
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    class_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    class_limit = models.PositiveIntegerField(_("answers allowed by the class link"), default=0)
    class_uses = models.PositiveIntegerField(_("answers by the class link"), default=0)
    sent_at = models.DateTimeField(_("sent"))
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["event_survey", "registration"], name="feedback_invitation_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(class_uses__lte=models.F("class_limit")),
                name="feedback_class_uses_within_limit",
            ),
        ]

    def __str__(self):
        return f"{_('Invitation')} #{self.pk}"


class Response(models.Model):
    """One anonymous set of answers: no invitation, registration, person, time or address."""

    wagtail_reference_index_ignore = True

    event_survey = models.ForeignKey(EventSurvey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(_("day answered"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{_('Response')} #{self.pk}"


class Answer(models.Model):
    wagtail_reference_index_ignore = True

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="feedback_answer_unique")
        ]

    def __str__(self):
        return self.text or ", ".join(self.choices) or str(self.number or "")
