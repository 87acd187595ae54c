from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.i18n import LanguageFallbackMixin
from cms.models import SeoMixin, require_alt_text
from cms.pages import page_context
from cms.places.fields import Address

from .access import keep_minutes_private, public_view_of
from .page_forms import EventPageForm


class EventKind(models.TextChoices):
    FESTIVAL = "festival", _("festival")
    FAIR = "fair", _("fair")
    CONFERENCE = "conference", _("conference")
    WORKSHOP = "workshop", _("partner morning / workshop")
    MEETING = "meeting", _("WZK team meeting")
    WEBINAR = "webinar", _("webinar")
    OTHER = "other", _("other")


class Audience(models.TextChoices):
    PUPILS = "pupils", _("pupils")
    STUDENTS = "students", _("students")
    ADULTS = "adults", _("adults")
    TEACHERS = "teachers", _("teachers")
    EMPLOYERS = "employers", _("employers")
    CAREER_ADVISERS = "career_advisers", _("career advisers")


class EventIndexPage(LanguageFallbackMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["events.EventPage"]

    @path("")
    def upcoming(self, request):
        return self.render(request, context_overrides=page_context(self, request))

    @path("archiwum/", name="archive")
    def archive(self, request):
        return self.render(request, context_overrides=page_context(self, request, archive=True))

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")


class EventPage(LanguageFallbackMixin, SeoMixin, Address, Page):
    """One event of any kind; the kind decides what the page shows (venue or online link, zones, minutes)."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.OTHER)
    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image alternative text"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all-day event"), default=False)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Only invited members may register (e.g. a WZK meeting)."),
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registration_enabled = models.BooleanField(_("registration open"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Date")),
        FieldPanel("all_day"),
        FieldPanel("body"),
        InlinePanel("audiences", label=_("Audience")),
        InlinePanel("sessions", label=_("Programme")),
    ]
    place_panels = [
        FieldPanel("venue_name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("municipality")]),
        FieldRowPanel([FieldPanel("voivodeship"), FieldPanel("county"), FieldPanel("municipality_code")]),
        FieldPanel("place_unmapped"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("online_url"),
        FieldPanel("organiser"),
    ]
    fair_panels = [InlinePanel("zones", label=_("Zones"))]
    registration_panels = [
        FieldPanel("registration_enabled"),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
        FieldPanel("members_only"),
        InlinePanel(
            "ticket_types",
            label=_("Ticket type"),
            heading=_("Ticket types"),
            help_text=_(
                "Registration needs at least one active ticket type. Sessions and zones of this event "
                "can be chosen once the page with them has been saved."
            ),
        ),
        FieldPanel("minutes"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(place_panels, heading=_("Place")),
            ObjectList(fair_panels, heading=_("Fair zones")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    # Lead and body as the public sees them (events.access): a members-only agenda is not indexed.
    search_fields = Page.search_fields + [
        index.SearchField("public_lead"),
        index.SearchField("public_body_text"),
        index.SearchField("venue_name"),
        index.SearchField("municipality"),
        index.FilterField("kind"),
        index.FilterField("starts_at"),
        index.FilterField("county"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["fairs.StandPage"]
    base_form_class = EventPageForm
    social_image_field = "image"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["kind", "starts_at"])]

    def clean(self):
        super().clean()
        require_alt_text(self, "image", "image_alt")
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end must not be before the start.")})
        if self.kind == EventKind.WEBINAR and not self.online_url:
            raise ValidationError({"online_url": _("A webinar needs an online link.")})

    def save(self, *args, **kwargs):
        if self.pk:
            self._keep_ticket_types_with_registrations()
        result = super().save(*args, **kwargs)
        keep_minutes_private(self)
        return result

    def _keep_ticket_types_with_registrations(self):
        """Ticket types made outside the page's form (the WZK's invited type, a fair's exhibitor
        type for its stand staff passes) are missing from revisions saved before them; publishing
        such a revision (or its edit form) must not delete them: a ticket type with registrations
        stays. Only when the page's ticket types are about to be written (modelcluster keeps them
        in ``_cluster_related_objects``); the form itself refuses to remove one with registrations."""
        pending = getattr(self, "_cluster_related_objects", {}).get("ticket_types")
        if pending is None:
            return
        listed = [ticket_type.pk for ticket_type in pending if ticket_type.pk]
        kept = (
            self.ticket_types.model.objects.filter(event_id=self.pk, registrations__isnull=False)
            .exclude(pk__in=listed)
            .distinct()
        )
        pending.extend(kept)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    @property
    def meta_description(self):
        """The page's search description, else its public lead: a members-only lead is no one's meta tag."""
        return self.search_description or self.public_lead

    @property
    def public_lead(self):
        """The lead as anyone may see it (empty for a members-only event): cards and search."""
        return public_view_of(self).lead

    def public_body_text(self):
        if not public_view_of(self).show_body:
            return ""
        return " ".join(self._meta.get_field("body").get_searchable_content(self.body))

    @property
    def is_online(self):
        return self.kind == EventKind.WEBINAR or (bool(self.online_url) and not self.venue_name)


class EventAudience(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)

    panels = [FieldPanel("audience")]

    class Meta(Orderable.Meta):
        verbose_name = _("audience")
        constraints = [models.UniqueConstraint(fields=["page", "audience"], name="event_audience_unique")]

    def __str__(self):
        return self.get_audience_display()


class Zone(Orderable):
    """A fair zone (e.g. "Universities", zone 3, blue); stands belong to zones."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="zones")
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=120)
    colour = models.CharField(_("colour"), max_length=30, blank=True, help_text=_("e.g. blue or #0b4f8a"))
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("stands in the zone"),
        null=True,
        blank=True,
        help_text=_("How many stands the zone holds; empty: no limit."),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("colour"),
        FieldPanel("description"),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self):
        return f"{self.number}. {self.name}" if self.number else self.name


class Session(Orderable):
    """A time slot of the programme; it may have its own capacity (used by registration)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room or zone"), max_length=120, blank=True)
    capacity = models.PositiveIntegerField(_("own capacity"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("room"),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title


class Stand(ClusterableModel):
    """An exhibitor's stand at a fair; imported by staff from CSV/XLSX."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="stands", verbose_name=_("event")
    )
    zone = models.ForeignKey(
        Zone, on_delete=models.SET_NULL, null=True, blank=True, related_name="stands", verbose_name=_("zone")
    )
    number = models.CharField(_("stand number"), max_length=20, blank=True)
    size = models.CharField(_("stand size"), max_length=40, blank=True, help_text=_("e.g. 3 x 2 m"))
    institution = models.CharField(_("institution"), max_length=255)
    description = models.TextField(_("short description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)

    panels = [
        FieldPanel("event"),
        FieldPanel("zone"),
        FieldPanel("number"),
        FieldPanel("size"),
        FieldPanel("institution"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("url"),
    ]

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["event", "zone__sort_order", "number", "institution"]
        indexes = [models.Index(fields=["event", "zone"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"],
                condition=~models.Q(number=""),
                name="stand_number_unique_per_event",
                violation_error_message=_("This fair already has a stand with this number."),
            )
        ]

    def __str__(self):
        return f"{self.number} {self.institution}".strip()
