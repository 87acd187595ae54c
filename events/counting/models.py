"""Counted visitors: head-counts of people who come in without a ticket (fair zones, walk-in
visitors of an event, an Edubus stop), one row per tap batch sent by a counter.

A row adds ``delta`` people (negative: a correction) of one category to an hour (Europe/Warsaw) of
an event (optionally one of its fair zones) or of an Edubus stop. The ``client_id`` is made by the
device, so a batch sent twice (offline, retried) is counted once. The sum of a bucket (target,
zone, hour, category, school) never goes below 0: the service trims a correction that would.
Nothing personal is held: a school is an institution, ``recorded_by`` a staff member or volunteer.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.accounts import roles

# The role (a group, like cms.accounts.roles) staff give volunteers who only count; created by a
# data migration. Staff and Edubus coordinators count too (``COUNTING_ROLES``).
COUNTER = "Counter"
COUNTING_ROLES = (roles.STAFF, roles.EDUBUS_COORDINATOR, COUNTER)


class Category(models.TextChoices):
    PUPILS = "pupils", _("Pupils")
    TEACHERS = "teachers", _("Teachers and career advisers")
    ADULTS = "adults", _("Parents and adults")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class HeadCount(models.Model):
    wagtail_reference_index_ignore = True  # no page or snippet links to a count

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="head_counts",
        verbose_name=_("event"),
    )
    stop = models.ForeignKey(
        "edubus.Stop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="head_counts",
        verbose_name=_("Edubus stop"),
    )
    zone = models.ForeignKey(
        "events.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="head_counts",
        verbose_name=_("zone"),
    )
    hour = models.DateTimeField(_("hour"), help_text=_("The start of the hour (Europe/Warsaw) counted in."))
    category = models.CharField(_("who"), max_length=10, choices=Category.choices, default=Category.UNKNOWN)
    school_rspo = models.CharField(_("school RSPO number"), max_length=20, blank=True)
    school_name = models.CharField(_("school"), max_length=200, blank=True)
    delta = models.IntegerField(_("people"), help_text=_("Negative for a correction."))
    client_id = models.UUIDField(_("submission id"), unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    offline = models.BooleanField(_("counted offline"), default=False)

    class Meta:
        verbose_name = _("head-count")
        verbose_name_plural = _("head-counts")
        ordering = ["hour", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, stop__isnull=True)
                | Q(event__isnull=True, stop__isnull=False),
                name="headcount_event_or_stop",
            ),
            models.CheckConstraint(
                condition=Q(zone__isnull=True) | Q(event__isnull=False), name="headcount_zone_of_event"
            ),
        ]
        indexes = [models.Index(fields=["event", "hour"]), models.Index(fields=["stop", "hour"])]

    def __str__(self):
        return f"{self.hour:%Y-%m-%d %H:00} {self.category} {self.delta:+d}"
