"""Jury: rounds with criteria, jurors and their declared ties, assignments (score sheets), scores,
approved results, the public vote and diplomas. The arithmetic lives in ``scoring.py``."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from . import scoring


def new_code():
    """128 bits from the OS CSPRNG, URL-safe: nobody can guess a diploma's address."""
    return secrets.token_urlsafe(16)


class Round(ClusterableModel):
    class Kind(models.TextChoices):
        PASS_FAIL = "pass_fail", _("qualifying (pass / fail)")
        SCORING = "scoring", _("scoring")
        FINAL = "final", _("final")

    class Aggregation(models.TextChoices):
        MEAN = scoring.MEAN, _("mean")
        MEDIAN = scoring.MEDIAN, _("median")
        TRIMMED = scoring.TRIMMED, _("trimmed mean (highest and lowest dropped from 3 scores up)")

    class Intake(models.TextChoices):
        ACCEPTED = "accepted", _("all accepted entries")
        PASSED = "passed", _("entries that passed the previous round")

    class CompositeMode(models.TextChoices):
        RAW = scoring.RAW, _("raw figures, each scaled so the best gets 100")
        POINTS = scoring.POINTS, _("rank points (N for first place, 1 for last)")

    contest = models.ForeignKey(
        "contests.ContestPage",
        on_delete=models.CASCADE,
        related_name="jury_rounds",
        verbose_name=_("contest"),
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SCORING)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    normalise = models.BooleanField(
        _("normalise per juror (z-score)"),
        default=False,
        help_text=_("Evens out strict and lenient jurors: each juror's totals are standardised."),
    )
    intake = models.CharField(_("entries"), max_length=10, choices=Intake.choices, default=Intake.ACCEPTED)
    advance_count = models.PositiveSmallIntegerField(
        _("places that advance per category"),
        null=True,
        blank=True,
        help_text=_("Scoring round: how many top entries of each category pass to the next round."),
    )
    laureate_places = models.PositiveSmallIntegerField(
        _("laureate places per category"),
        default=3,
        help_text=_("Final round: places announced as laureates."),
    )
    jury_weight = models.DecimalField(_("weight of the jury"), max_digits=6, decimal_places=2, default=100)
    public_weight = models.DecimalField(
        _("weight of the public vote"), max_digits=6, decimal_places=2, default=0
    )
    external_weight = models.DecimalField(
        _("weight of the external figure"), max_digits=6, decimal_places=2, default=0
    )
    composite_mode = models.CharField(
        _("composite score"), max_length=10, choices=CompositeMode.choices, default=CompositeMode.RAW
    )
    approved_at = models.DateTimeField(_("results approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldPanel("contest"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("order")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("intake"), FieldPanel("advance_count"), FieldPanel("laureate_places")]),
        FieldRowPanel([FieldPanel("aggregation"), FieldPanel("normalise")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("jury_weight"), FieldPanel("public_weight"), FieldPanel("external_weight")]
                ),
                FieldPanel("composite_mode"),
            ],
            heading=_("Final score"),
        ),
        InlinePanel("criteria", label=_("Criteria"), min_num=1),
    ]

    class Meta:
        verbose_name = _("jury round")
        verbose_name_plural = _("jury rounds")
        ordering = ["contest", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["contest", "order"], name="jury_round_order_unique")]

    def __str__(self):
        return f"{self.contest.title}: {self.name}"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A round must close after it opens.")})

    @property
    def is_approved(self):
        return self.approved_at is not None

    @property
    def uses_composite(self):
        return bool(self.public_weight or self.external_weight)


class Criterion(Orderable):
    round = ParentalKey(Round, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1))
    scale_min = models.DecimalField(_("lowest score"), max_digits=6, decimal_places=2, default=Decimal(0))
    scale_max = models.DecimalField(_("highest score"), max_digits=6, decimal_places=2, default=Decimal(10))
    labels = models.TextField(
        _("labels of the scale"),
        blank=True,
        help_text=_("One per line, e.g. “0 = weak” and “10 = excellent”."),
    )
    required = models.BooleanField(_("required"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("scale_min"), FieldPanel("scale_max")]),
        FieldPanel("labels"),
        FieldPanel("required"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.scale_min is not None and self.scale_max is not None and self.scale_max <= self.scale_min:
            raise ValidationError({"scale_max": _("The highest score must exceed the lowest.")})
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": _("A weight must be greater than zero.")})

    @property
    def spec(self):
        return scoring.CriterionSpec(self.pk, self.weight, self.scale_min, self.scale_max, self.required)

    @property
    def label_lines(self):
        return [line.strip() for line in self.labels.splitlines() if line.strip()]


class JurorProfile(models.Model):
    """What a juror declares so that conflicts of interest are excluded automatically."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="juror_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(_("name shown in the jury report"), max_length=200, blank=True)
    school = models.ForeignKey(
        "contests.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school the juror works at or is tied to"),
    )
    municipality = models.CharField(
        _("municipality the juror is tied to"),
        max_length=120,
        blank=True,
        help_text=_("Entries from schools in this municipality are not assigned to the juror."),
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("display_name"),
        FieldPanel("school"),
        FieldPanel("municipality"),
    ]

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.display_name or self.user.get_full_name() or self.user.email


def juror_name(user):
    """How a juror is named in the jury's messages, report and exports."""
    profile = getattr(user, "juror_profile", None)
    if profile is not None:
        return profile.name
    return user.get_full_name() or user.email


class Assignment(models.Model):
    """One juror's score sheet for one entry in one round."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("round")
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jury_assignments",
        verbose_name=_("juror"),
    )
    entry = models.ForeignKey(
        "contests.Entry", on_delete=models.CASCADE, related_name="jury_assignments", verbose_name=_("entry")
    )
    recused = models.BooleanField(_("recused"), default=False)
    recusal_reason = models.CharField(_("reason for recusal"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("score sheet submitted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "entry", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "juror", "entry"], name="jury_assignment_unique")
        ]

    def __str__(self):
        return f"{self.juror} → {self.entry}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def is_active(self):
        return not self.recused


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("score sheet")
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assignment", "criterion__sort_order", "criterion"]
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="jury_score_unique")]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ExternalFigure(models.Model):
    """A figure from outside the jury for the composite score (e.g. an activity ranking)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="external_figures")
    entry = models.ForeignKey("contests.Entry", on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("external figure"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("external figure")
        verbose_name_plural = _("external figures")
        constraints = [models.UniqueConstraint(fields=["round", "entry"], name="jury_external_unique")]

    def __str__(self):
        return f"{self.entry}: {self.value}"


class Result(models.Model):
    """The approved outcome of a round for one entry, frozen at approval."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    entry = models.ForeignKey("contests.Entry", on_delete=models.CASCADE, related_name="jury_results")
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("place"))
    tied = models.BooleanField(_("ex aequo"), default=False)
    passed = models.BooleanField(_("passed / laureate"), default=False)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["round", "entry__category__sort_order", "rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "entry"], name="jury_result_unique")]

    def __str__(self):
        return f"{self.entry}: {self.rank}"


class VoteWindow(models.Model):
    """The public vote of a contest: when it runs. Tallies stay hidden until it closes."""

    contest = models.OneToOneField(
        "contests.ContestPage",
        on_delete=models.CASCADE,
        related_name="vote_window",
        verbose_name=_("contest"),
    )
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))

    panels = [FieldPanel("contest"), FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])]

    class Meta:
        verbose_name = _("public vote")
        verbose_name_plural = _("public votes")

    def __str__(self):
        return str(self.contest)

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Voting must close after it opens.")})


class PublicVote(models.Model):
    """One e-mail address's vote in one category; counted once the address is confirmed."""

    category = models.ForeignKey("contests.Category", on_delete=models.CASCADE, related_name="public_votes")
    entry = models.ForeignKey("contests.Entry", on_delete=models.CASCADE, related_name="public_votes")
    email = models.EmailField(_("e-mail"))
    created_at = models.DateTimeField(auto_now_add=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("public vote")
        verbose_name_plural = _("public votes")
        constraints = [models.UniqueConstraint(fields=["category", "email"], name="jury_vote_one_per_email")]

    def __str__(self):
        return f"{self.entry} ({self.email})"


class Diploma(models.Model):
    class Kind(models.TextChoices):
        LAUREATE = "laureate", _("laureate's diploma")
        PARTICIPANT = "participant", _("certificate of participation")
        THANKS = "thanks", _("letter of thanks to the teacher")

    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    entry = models.ForeignKey("contests.Entry", on_delete=models.CASCADE, related_name="diplomas")
    recipient = models.CharField(_("recipient"), max_length=200)
    achievement = models.CharField(_("for"), max_length=255)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    document = models.OneToOneField(
        "verification.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verification record"),
    )

    class Meta:
        verbose_name = _("diploma")
        verbose_name_plural = _("diplomas")
        ordering = ["entry", "kind", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind", "recipient"], name="jury_diploma_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.recipient}"
