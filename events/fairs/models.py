"""A fair run by its exhibitors.

A fair is an ``events.EventPage`` of kind ``fair`` with zones (``events.Zone``) and stands
(``events.Stand``). Beside it: the call for exhibitors (``ExhibitorCall``); institutions that
exhibit (``Exhibitor``) with the accounts of their people (``ExhibitorMember``); their
``Application`` to a call, which staff accept (and give a stand: ``Application.stand``), put on
the waiting list or decline; the stand's public page (``StandPage``, a Wagtail page under the
fair's page) with its workshops; the stand staff's passes (``ExhibitorPass``: a registration
with a ticket of the "exhibitor" kind); the halls' floor plans with the stands placed on them;
a visitor's own plan of stands and workshops; and anonymous counts of visits to a stand.

Application lifecycle: draft → submitted → accepted | waitlisted | declined; a waitlisted one
may still be accepted or declined; the exhibitor may withdraw a draft or a submitted one.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.i18n import LanguageFallbackMixin, active_language, default_language
from cms.models import SeoMixin
from cms.pages import QueriedContext
from events.models import EventKind

# The role of an exhibitor's people (a group made by migration 0002): their own area, nothing of staff.
EXHIBITOR = "Exhibitor"

# What an erased or retained contact person's e-mail becomes (``kontakt-<application>@…``): never delivered.
ANONYMISED_DOMAIN = "anonim.invalid"
ERASED_NAME = "—"


def new_token():
    """256 bits, URL-safe: a visitor's plan and a stand's visit code."""
    return secrets.token_urlsafe(32)


class InstitutionKind(models.TextChoices):
    UNIVERSITY = "university", _("university")
    PAN_INSTITUTE = "pan_institute", _("institute of the Polish Academy of Sciences")
    LUKASIEWICZ_INSTITUTE = "lukasiewicz", _("Łukasiewicz institute")
    SKILLS_CENTRE = "skills_centre", _("sector skills centre")
    SCHOOL = "school", _("school")
    EMPLOYER = "employer", _("employer")
    LABOUR_MARKET = "labour_market", _("labour-market institution")
    NGO = "ngo", _("non-governmental organisation")
    OTHER = "other", _("other")


class ExhibitorCall(models.Model):
    """A fair's call for exhibitors: open from ``opens_at`` to ``closes_at`` for the zones offered
    (none chosen: every zone of the fair)."""

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="exhibitor_call", verbose_name=_("fair")
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    intro = models.TextField(_("what the call says"), blank=True)
    zones = models.ManyToManyField(
        "events.Zone",
        blank=True,
        related_name="+",
        verbose_name=_("zones offered"),
        help_text=_("None chosen: every zone of the fair."),
    )
    staff_allowance = models.PositiveSmallIntegerField(
        _("stand staff per exhibitor"),
        default=4,
        help_text=_("How many passes an accepted exhibitor may name."),
    )
    edits_need_moderation = models.BooleanField(
        _("stand page edits need approval"),
        default=False,
        help_text=_("Off: an exhibitor's edits are published at once. On: staff approve them first."),
    )
    stand_visits_enabled = models.BooleanField(
        _("stand visit codes"),
        default=False,
        help_text=_("Each stand gets a QR code visitors scan for its material; the stand sees the counts."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call for exhibitors")
        verbose_name_plural = _("calls for exhibitors")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="exhibitor_call_window"
            )
        ]

    def __str__(self):
        return str(self.event)


class Exhibitor(models.Model):
    """An institution that exhibits at fairs; several people, each with an own account."""

    name = models.CharField(_("institution"), max_length=255)
    kind = models.CharField(_("type of institution"), max_length=20, choices=InstitutionKind.choices)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("town"), max_length=120, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ExhibitorMember",
        through_fields=("exhibitor", "user"),
        related_name="exhibitors",
        verbose_name=_("people"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ExhibitorMember(models.Model):
    """A person who acts for an exhibitor (applies, edits the stand page, names stand staff)."""

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exhibitor_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The language of the person's mails (the site's language they signed up or were invited in).
    language = models.CharField(_("language of mails"), max_length=8, default="pl")

    class Meta:
        verbose_name = _("exhibitor's person")
        verbose_name_plural = _("exhibitor's people")
        constraints = [models.UniqueConstraint(fields=["exhibitor", "user"], name="exhibitor_member_unique")]

    def __str__(self):
        return f"{self.user} ({self.exhibitor})"


class Application(models.Model):
    class Status(models.TextChoices):
        # With a context: "declined" and "withdrawn" of other apps are translated for other nouns.
        DRAFT = "draft", pgettext_lazy("exhibitor application", "draft")
        SUBMITTED = "submitted", pgettext_lazy("exhibitor application", "submitted")
        ACCEPTED = "accepted", pgettext_lazy("exhibitor application", "accepted")
        WAITLISTED = "waitlisted", pgettext_lazy("exhibitor application", "waiting list")
        DECLINED = "declined", pgettext_lazy("exhibitor application", "declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("exhibitor application", "withdrawn")

    call = models.ForeignKey(
        ExhibitorCall, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="applications", verbose_name=_("exhibitor")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    preferred_zone = models.ForeignKey(
        "events.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred zone"),
    )
    tables = models.PositiveSmallIntegerField(_("tables"), default=1)
    chairs = models.PositiveSmallIntegerField(_("chairs"), default=2)
    power = models.BooleanField(_("power socket"), default=False)
    screen = models.BooleanField(_("screen"), default=False)
    internet = models.BooleanField(_("internet"), default=False)
    floor_space = models.PositiveSmallIntegerField(_("floor space (m²)"), null=True, blank=True)
    other_needs = models.TextField(_("other needs"), blank=True)
    showcase = models.TextField(_("what you will show"), blank=True)
    stand_staff = models.PositiveSmallIntegerField(_("stand staff"), default=2)
    decision_reason = models.TextField(_("reason"), blank=True)
    # The language of the contact's mails: the site's language the application was written in.
    language = models.CharField(_("language of mails"), max_length=8, default="pl")
    stand = models.OneToOneField(
        "events.Stand",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("stand"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("exhibitor application")
        verbose_name_plural = _("exhibitor applications")
        ordering = ["call", "submitted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "exhibitor"], name="application_one_per_call")]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return f"{self.exhibitor} - {self.call}"

    @property
    def anonymised_contact_email(self):
        """What the contact's e-mail becomes when erased or past its retention period."""
        return f"kontakt-{self.pk}@{ANONYMISED_DOMAIN}"


class StandPage(QueriedContext, LanguageFallbackMixin, SeoMixin, Page):
    """A stand's public page under its fair's page, kept by the exhibitor (``Application.stand``
    links the stand; ``stand`` here the other way). Polish and English texts side by side: the
    template shows the active language's and falls back to Polish."""

    stand = models.OneToOneField(
        "events.Stand", on_delete=models.SET_NULL, null=True, blank=True, related_name="page"
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fields_of_study = models.TextField(_("fields of study"), blank=True, help_text=_("One per line."))
    professions = models.TextField(_("professions"), blank=True, help_text=_("One per line."))
    website = models.URLField(_("website"), blank=True)
    video_url = models.URLField(_("film"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("stand"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("logo"),
        FieldPanel("fields_of_study"),
        FieldPanel("professions"),
        FieldPanel("website"),
        FieldPanel("video_url"),
        InlinePanel("workshops", label=_("workshops at the stand")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("description_en"),
        index.SearchField("fields_of_study"),
        index.SearchField("professions"),
    ]
    parent_page_types = ["events.EventPage"]
    subpage_types: list = []
    social_image_field = "logo"

    class Meta:
        verbose_name = _("stand page")
        verbose_name_plural = _("stand pages")

    @classmethod
    def can_create_at(cls, parent):
        """Only under a fair's page (an event of the kind "fair")."""
        return super().can_create_at(parent) and getattr(parent.specific, "kind", None) == EventKind.FAIR

    def description_and_language(self):
        """``(text, lang)``: the description in the active language, English falling back to
        Polish; ``lang`` marks the Polish text shown in another language's layout (WCAG 3.1.2)."""
        if active_language() == default_language():
            return self.description, ""
        if self.description_en.strip():
            return self.description_en, ""
        return self.description, default_language()

    @property
    def meta_description(self):
        text, _lang = self.description_and_language()
        return self.search_description or Truncator(" ".join(text.split())).chars(160)


class StandWorkshop(Orderable):
    """A workshop or demonstration at a stand, at a set time."""

    page = ParentalKey(StandPage, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    description = models.TextField(_("description"), blank=True)
    places = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("description"),
        FieldPanel("places"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stand workshop")
        verbose_name_plural = _("stand workshops")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="stand_workshop_times"
            )
        ]

    def __str__(self):
        return self.title


class ExhibitorPass(models.Model):
    """A named stand staff member's pass: a confirmed registration with a ticket of the
    "exhibitor" kind, so the door's check-in lists and the scanner know it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="passes")
    registration = models.OneToOneField(
        "registration.Registration", on_delete=models.CASCADE, related_name="exhibitor_pass"
    )
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("exhibitor pass")
        verbose_name_plural = _("exhibitor passes")
        ordering = ["application", "name"]

    def __str__(self):
        return self.name


class FloorPlan(models.Model):
    """The plan of one hall of a fair: an image with the stands placed on it (``StandPlacement``)."""

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="floor_plans", verbose_name=_("fair")
    )
    name = models.CharField(_("hall"), max_length=120)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.PROTECT, related_name="+", verbose_name=_("plan image")
    )
    description = models.TextField(
        _("text description"),
        blank=True,
        help_text=_("How the hall is laid out, for people who cannot see the plan."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("floor plan")
        verbose_name_plural = _("floor plans")
        ordering = ["event", "position", "name"]

    def __str__(self):
        return f"{self.event} - {self.name}"


class StandPlacement(models.Model):
    """Where a stand is on a hall's plan: ``x`` and ``y`` in per cent of the image's width and
    height (0-100), so the mark stays in place at any size."""

    stand = models.OneToOneField("events.Stand", on_delete=models.CASCADE, related_name="placement")
    floor_plan = models.ForeignKey(FloorPlan, on_delete=models.CASCADE, related_name="placements")
    x = models.DecimalField(_("across (%)"), max_digits=5, decimal_places=2)
    y = models.DecimalField(_("down (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("stand on the plan")
        verbose_name_plural = _("stands on the plan")
        constraints = [
            models.CheckConstraint(
                condition=Q(x__gte=0, x__lte=100, y__gte=0, y__lte=100), name="stand_placement_in_image"
            )
        ]

    def __str__(self):
        return f"{self.stand} @ {self.x}, {self.y}"


class VisitorPlan(models.Model):
    """A visitor's own list of stands and workshops to visit at a fair. Anonymous: reached by its
    secret ``token``; stored on the registration when the visitor has one."""

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="visitor_plans")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visitor_plan",
    )
    stands = models.ManyToManyField("events.Stand", blank=True, related_name="+")
    workshops = models.ManyToManyField(StandWorkshop, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visitor's plan")
        verbose_name_plural = _("visitors' plans")

    def __str__(self):
        return f"{_('visitor plan')} #{self.pk}"


class StandVisitCode(models.Model):
    """The QR code at a stand that visitors scan for its material (when the call has stand visits on)."""

    stand = models.OneToOneField("events.Stand", on_delete=models.CASCADE, related_name="visit_code")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    material = models.TextField(_("material for visitors"), blank=True)
    material_url = models.URLField(_("link to the material"), blank=True)

    class Meta:
        verbose_name = _("stand visit code")
        verbose_name_plural = _("stand visit codes")

    def __str__(self):
        return str(self.stand)


class StandVisitHour(models.Model):
    """How many times a stand's visit code was opened in one hour (start of the Warsaw hour).
    Numbers only: nothing about who scanned."""

    stand = models.ForeignKey("events.Stand", on_delete=models.CASCADE, related_name="visit_hours")
    hour = models.DateTimeField(_("hour"))
    visits = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("stand visits in an hour")
        verbose_name_plural = _("stand visits by hour")
        ordering = ["stand", "hour"]
        constraints = [models.UniqueConstraint(fields=["stand", "hour"], name="stand_visit_hour_unique")]

    def __str__(self):
        return f"{self.stand} {self.hour:%Y-%m-%d %H}:00 - {self.visits}"
