"""The Edubus: vehicles, crew, blackout days, stops (visits at a place), reports and visit requests.

A stop's ``arrival``..``departure`` is the time the bus serves the host on site; set-up happens
before ``arrival`` and pack-up after ``departure`` (see ``scheduling.py`` for the rules).
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.places.fields import Address

PRIVACY_NOTICE_VERSION = "2026-01"
ADDRESS_FIELDS = (
    "street",
    "postal_code",
    "municipality",
    "voivodeship",
    "county",
    "municipality_code",
    "latitude",
    "longitude",
)


def address_panel():
    """The admin panel of the ``cms.places.fields.Address`` fields, shared by stops and visit requests."""
    return MultiFieldPanel(
        [
            FieldPanel("street"),
            FieldRowPanel([FieldPanel("postal_code"), FieldPanel("municipality")]),
            FieldRowPanel([FieldPanel("voivodeship"), FieldPanel("county"), FieldPanel("municipality_code")]),
            FieldPanel("place_unmapped"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        ],
        heading=_("Address"),
    )


class Vehicle(models.Model):
    name = models.CharField(_("name"), max_length=120)
    registration_plate = models.CharField(_("registration plate"), max_length=20, blank=True)
    length_m = models.DecimalField(_("length (m)"), max_digits=4, decimal_places=1, default=12)
    average_speed_kmh = models.PositiveSmallIntegerField(
        _("average speed (km/h)"), default=50, validators=[MinValueValidator(5), MaxValueValidator(120)]
    )
    road_factor = models.DecimalField(
        _("road factor"),
        max_digits=4,
        decimal_places=2,
        default=1.3,
        validators=[MinValueValidator(1)],
        help_text=_("Road distance divided by straight-line distance, e.g. 1.3."),
    )
    setup_minutes = models.PositiveSmallIntegerField(_("set-up (minutes)"), default=45)
    packup_minutes = models.PositiveSmallIntegerField(_("pack-up (minutes)"), default=30)
    work_starts = models.TimeField(_("working day starts"), default=datetime.time(7, 0))
    work_ends = models.TimeField(_("working day ends"), default=datetime.time(19, 0))
    max_driving_minutes = models.PositiveSmallIntegerField(
        _("maximum driving per day (minutes)"), default=240
    )
    base_name = models.CharField(_("home base"), max_length=120, default="Opole")
    base_latitude = models.DecimalField(_("home base latitude"), max_digits=9, decimal_places=6)
    base_longitude = models.DecimalField(_("home base longitude"), max_digits=9, decimal_places=6)
    nearby_km = models.PositiveSmallIntegerField(
        _("nearby distance (km)"),
        default=30,
        help_text=_("Suggested dates prefer days when the bus is already this close."),
    )
    visit_minutes = models.PositiveSmallIntegerField(_("usual visit length (minutes)"), default=240)
    is_active = models.BooleanField(_("in service"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("registration_plate"), FieldPanel("length_m")]),
        FieldRowPanel([FieldPanel("average_speed_kmh"), FieldPanel("road_factor")]),
        FieldRowPanel(
            [FieldPanel("setup_minutes"), FieldPanel("packup_minutes"), FieldPanel("visit_minutes")]
        ),
        FieldRowPanel(
            [FieldPanel("work_starts"), FieldPanel("work_ends"), FieldPanel("max_driving_minutes")]
        ),
        MultiFieldPanel(
            [
                FieldPanel("base_name"),
                FieldRowPanel([FieldPanel("base_latitude"), FieldPanel("base_longitude")]),
            ],
            heading=_("Home base"),
        ),
        FieldPanel("nearby_km"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CrewMember(models.Model):
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crew",
        verbose_name=_("vehicle"),
    )
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    qualifications = models.TextField(
        _("qualifications"), blank=True, help_text=_("e.g. career adviser, driving licence category D")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("crew member")
        verbose_name_plural = _("crew")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Blackout(models.Model):
    class Reason(models.TextChoices):
        MAINTENANCE = "maintenance", _("maintenance")
        LEAVE = "leave", _("leave")
        OTHER = "other", _("other")

    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blackouts",
        verbose_name=_("vehicle"),
        help_text=_("Empty: every vehicle."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"))
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices, default=Reason.MAINTENANCE)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("blackout")
        verbose_name_plural = _("blackout days")
        ordering = ["starts_on"]

    def __str__(self):
        return f"{self.get_reason_display()} {self.starts_on} - {self.ends_on}"


class StopKind(models.TextChoices):
    SCHOOL = "school", _("school")
    HARVEST_FESTIVAL = "harvest_festival", _("harvest festival (dożynki)")
    FAIR = "fair", _("fair")
    OPEN_EVENT = "open_event", _("open event")
    OTHER = "other", _("other")


class Stop(Address):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        TENTATIVE = "tentative", _("tentative")
        CONFIRMED = "confirmed", _("confirmed")
        CANCELLED = "cancelled", _("cancelled")
        DONE = "done", _("done")

    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="stops", verbose_name=_("vehicle")
    )
    place_name = models.CharField(_("place"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StopKind.choices, default=StopKind.SCHOOL)
    host_institution = models.CharField(_("host institution"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    language = models.CharField(_("host's language"), max_length=8, default="pl")
    arrival = models.DateTimeField(_("arrival"), help_text=_("The bus is ready on site (set-up is before)."))
    opens_at = models.DateTimeField(_("open from"), null=True, blank=True)
    closes_at = models.DateTimeField(_("open until"), null=True, blank=True)
    departure = models.DateTimeField(_("departure"), help_text=_("End of the visit (pack-up is after)."))
    expected_audience = models.PositiveIntegerField(_("expected audience"), default=0)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("A closed stop shows only the town and the day.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    notes = models.TextField(_("notes"), blank=True)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    override_reason = models.TextField(_("reason for overriding the rules"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("rules overridden by"),
    )
    cancellation_reason = models.TextField(_("reason for the cancellation"), blank=True)
    postponed = models.BooleanField(_("postponed"), default=False)
    replacement = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="replaces",
        verbose_name=_("moved to"),
    )
    request = models.ForeignKey(
        "VisitRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stops",
        verbose_name=_("visit request"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["arrival"]
        indexes = [models.Index(fields=["vehicle", "arrival"]), models.Index(fields=["status", "arrival"])]

    def __str__(self):
        return f"{self.place_name}, {self.municipality} {self.arrival:%Y-%m-%d}"

    @property
    def title(self):
        return f"Edubus: {self.municipality or self.place_name}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def starts_at(self):
        return self.opens_at or self.arrival

    @property
    def ends_at(self):
        return self.closes_at or self.departure


class StopReport(ClusterableModel):
    stop = models.OneToOneField(Stop, on_delete=models.CASCADE, related_name="report", verbose_name=_("stop"))
    visitors = models.PositiveIntegerField(_("visitors"))
    groups_reached = models.PositiveIntegerField(_("groups reached"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("stop"),
        FieldRowPanel([FieldPanel("visitors"), FieldPanel("groups_reached")]),
        FieldPanel("notes"),
        InlinePanel("photos", label=_("Photos")),
    ]

    class Meta:
        verbose_name = _("stop report")
        verbose_name_plural = _("stop reports")

    def __str__(self):
        return str(self.stop)


class StopReportPhoto(Orderable):
    report = ParentalKey(StopReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("photo")
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class VisitRequest(Address):
    class InstitutionKind(models.TextChoices):
        SCHOOL = "school", _("school")
        MUNICIPALITY = "municipality", _("municipality")
        NGO = "ngo", _("non-governmental organisation")

    class Setting(models.TextChoices):
        OUTDOOR = "outdoor", _("outdoors")
        INDOOR = "indoor", _("indoors")
        BOTH = "both", _("indoors or outdoors")

    class LocationStatus(models.TextChoices):
        UNKNOWN = "", _("not located yet")
        FOUND = "found", _("found from the place name")
        AMBIGUOUS = "ambiguous", _("several places of that name: check the point")
        NOT_FOUND = "not_found", _("place not found")
        STAFF = "staff", _("set by staff on the map")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        APPROVED = "approved", _("approved")
        PROPOSED = "proposed", _("other dates proposed")
        DECLINED = "declined", _("declined")

    institution = models.CharField(_("institution"), max_length=200)
    institution_kind = models.CharField(
        _("kind of institution"),
        max_length=12,
        choices=InstitutionKind.choices,
        default=InstitutionKind.SCHOOL,
    )
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    preferred_date_1 = models.DateField(_("preferred date"))
    preferred_date_2 = models.DateField(_("second preferred date"), null=True, blank=True)
    preferred_date_3 = models.DateField(_("third preferred date"), null=True, blank=True)
    expected_audience = models.PositiveIntegerField(_("expected audience"))
    parking_ok = models.BooleanField(_("parking for the bus"), default=False)
    power_available = models.BooleanField(_("power socket (230 V) available"), default=False)
    setting = models.CharField(_("where"), max_length=10, choices=Setting.choices, default=Setting.OUTDOOR)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="pl")
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=40)
    privacy_acknowledged_at = models.DateTimeField(_("privacy notice acknowledged"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    location_status = models.CharField(
        _("location"), max_length=12, choices=LocationStatus.choices, default="", blank=True
    )
    located_as = models.CharField(
        _("located as"), max_length=200, blank=True, help_text=_("The place the coordinates were taken from.")
    )
    decision_reason = models.TextField(_("reason / message to the host"), blank=True)
    proposed_dates = models.JSONField(_("proposed dates"), default=list, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("institution"), FieldPanel("institution_kind")]),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")]),
        address_panel(),
        FieldRowPanel(
            [FieldPanel("preferred_date_1"), FieldPanel("preferred_date_2"), FieldPanel("preferred_date_3")]
        ),
        FieldRowPanel([FieldPanel("expected_audience"), FieldPanel("setting")]),
        FieldRowPanel([FieldPanel("parking_ok"), FieldPanel("power_available")]),
        FieldPanel("message"),
    ]

    class Meta:
        verbose_name = _("visit request")
        verbose_name_plural = _("visit requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.institution} ({self.municipality})"

    @property
    def preferred_dates(self):
        return [d for d in (self.preferred_date_1, self.preferred_date_2, self.preferred_date_3) if d]
