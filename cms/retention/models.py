"""Retention periods staff set per kind of data, and the log of what each run anonymised or deleted.

The kinds themselves are the rules the apps register (``cms.retention.rules``); a policy row is
created for each with the rule's default period the first time the rules are synced
(``services.sync_policies``: on every run, in the admin list and by ``seed_demo``).
"""

from django.conf import settings
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import ACTIONS, rule_for


class RetentionPolicy(models.Model):
    kind = models.CharField(_("kind of data"), max_length=80, unique=True, editable=False)
    days = models.PositiveIntegerField(
        _("retention period (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(36500)],
        help_text=_("Counted from the moment named beside the kind, e.g. the end of the event."),
    )
    enabled = models.BooleanField(
        _("apply automatically"),
        default=True,
        help_text=_("When off, nothing of this kind is anonymised or deleted until it is on again."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["kind"]

    def __str__(self):
        return str(self.label)

    @property
    def rule(self):
        return rule_for(self.kind)

    @property
    @admin.display(description=_("kind of data"))
    def label(self):
        rule = self.rule
        return rule.label if rule else self.kind

    @property
    @admin.display(description=_("counted from"))
    def anchor(self):
        rule = self.rule
        return rule.anchor if rule else ""

    @property
    @admin.display(description=_("then"))
    def action_label(self):
        rule = self.rule
        return rule.action_label if rule else ""

    @property
    @admin.display(description=_("legal basis"))
    def legal_basis(self):
        rule = self.rule
        return rule.legal_basis if rule else ""

    @property
    @admin.display(description=_("default (days)"))
    def default_days(self):
        rule = self.rule
        return rule.default_days if rule else None


class RetentionRun(models.Model):
    """What one run did to one kind of data: how many rows, when, up to which cut-off.

    ``complete`` is false when the run stopped at its batch limit with rows still due; the next
    run carries on. No row ever records whose data it was.
    """

    kind = models.CharField(_("kind of data"), max_length=80, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=list(ACTIONS.items()))
    cutoff = models.DateTimeField(_("data older than"))
    days = models.PositiveIntegerField(_("retention period (days)"))
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    batches = models.PositiveIntegerField(_("batches"), default=0)
    complete = models.BooleanField(_("nothing left due"), default=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.label}: {self.processed} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    @admin.display(description=_("kind of data"))
    def label(self):
        rule = rule_for(self.kind)
        return rule.label if rule else self.kind
