"""Check-in: lists of who may enter, the check-in state of each ticket per list, and the scan log.

A ticket is identified by its secret only at the door; the log keeps a SHA-256 of what was scanned,
never the secret itself. Staff scanners authenticate with a session or a Wagtail ``APIToken`` (stored hashed).
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def secret_hash(secret):
    """Hex SHA-256 of a ticket secret (or API token): what logs and offline devices keep."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class CheckInList(models.Model):
    """Who may enter through one door: an event, optionally one day, one session, one fair zone,
    some ticket types.

    A registration chosen with sessions passes a day (session) list only if one of its sessions is
    on that day (is that session); a registration without sessions is valid for the whole event.
    A zone list stands at the zone's entrance and counts its visitors: it admits the tickets whose
    type names that zone or names no zone at all (valid in every zone). A zone removed from the
    event page leaves its lists, with their counts and scan log, as lists of the whole event.
    """

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="checkin_lists", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=120)
    day = models.DateField(_("day"), null=True, blank=True, help_text=_("Only tickets valid on this day."))
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkin_lists",
        verbose_name=_("session"),
        help_text=_("Only tickets for this session."),
    )
    zone = models.ForeignKey(
        "events.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkin_lists",
        verbose_name=_("zone"),
        help_text=_("Only tickets valid in this fair zone; the list counts the zone's visitors."),
    )
    all_ticket_types = models.BooleanField(_("all ticket types"), default=True)
    ticket_types = models.ManyToManyField(
        "registration.TicketType",
        blank=True,
        related_name="checkin_lists",
        verbose_name=_("ticket types"),
        help_text=_("Used when “all ticket types” is off."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in list")
        verbose_name_plural = _("check-in lists")
        ordering = ["event", "day", "name", "pk"]

    def __str__(self):
        return f"{self.event.title}: {self.name}"

    def clean(self):
        super().clean()
        if self.session_id and self.event_id and self.session.page_id != self.event_id:
            raise ValidationError({"session": _("Choose a session of this event.")})
        if self.zone_id and self.event_id and self.zone.page_id != self.event_id:
            raise ValidationError({"zone": _("Choose a zone of this event.")})


class CheckIn(models.Model):
    """How many people of one ticket have entered through one list (a group may arrive in parts)."""

    wagtail_reference_index_ignore = True  # no page or snippet links to a scan

    ticket = models.ForeignKey("registration.Ticket", on_delete=models.CASCADE, related_name="checkins")
    checkin_list = models.ForeignKey(CheckInList, on_delete=models.CASCADE, related_name="checkins")
    people = models.PositiveIntegerField(_("people checked in"), default=0)
    first_at = models.DateTimeField(_("first checked in"))
    first_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_at = models.DateTimeField(_("last checked in"))

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["ticket", "checkin_list"], name="checkin_unique")]

    def __str__(self):
        return f"{self.ticket_id} @ {self.checkin_list_id}: {self.people}"


class ScanResult(models.TextChoices):
    OK = "ok", _("checked in")
    PARTIAL = "partial", _("partly checked in")
    ALREADY_CHECKED_IN = "already_checked_in", _("already checked in")
    CANCELLED = "cancelled", _("cancelled")
    WAITLISTED = "waitlisted", _("on the waiting list")
    UNKNOWN = "unknown", _("unknown ticket")
    WRONG_EVENT = "wrong_event", _("another event")
    WRONG_LIST = "wrong_list", _("not valid for this list")
    WRONG_ZONE = "wrong_zone", _("not valid in this zone")
    WRONG_DAY = "wrong_day", _("ticket for another day")


class Scan(models.Model):
    """Every scan, admitted or refused. ``scan_id`` (from the device) makes retries idempotent."""

    wagtail_reference_index_ignore = True  # no page or snippet links to a scan

    checkin_list = models.ForeignKey(
        CheckInList, on_delete=models.CASCADE, null=True, blank=True, related_name="scans"
    )
    ticket = models.ForeignKey(
        "registration.Ticket", on_delete=models.SET_NULL, null=True, blank=True, related_name="scans"
    )
    secret_hash = models.CharField(_("SHA-256 of the scanned code"), max_length=64)
    result = models.CharField(_("result"), max_length=20, choices=ScanResult.choices)
    people = models.PositiveIntegerField(_("people admitted"), default=0)
    checked_in = models.PositiveIntegerField(_("people checked in after the scan"), default=0)
    scanned_at = models.DateTimeField(_("received"), db_index=True)
    device_time = models.DateTimeField(_("scanned on the device"), null=True, blank=True)
    offline = models.BooleanField(_("scanned offline"), default=False)
    other_day = models.BooleanField(
        _("admitted on another day"),
        default=False,
        help_text=_("Staff let the ticket in although the list is for another day."),
    )
    device = models.CharField(_("device"), max_length=100, blank=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scan_id = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-scanned_at", "-pk"]
        indexes = [models.Index(fields=["checkin_list", "scanned_at"])]

    def __str__(self):
        return f"{self.scanned_at:%Y-%m-%d %H:%M} {self.result}"

    @property
    def is_conflict(self):
        """An offline scan the device admitted but the server refused (e.g. scanned on two devices)."""
        return self.offline and self.result not in (ScanResult.OK, ScanResult.PARTIAL)
