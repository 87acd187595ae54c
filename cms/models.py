import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

# Models of the platform services live in their sub-packages and keep the app label "cms" (and so
# their tables); importing them here is what registers them with Django when it loads cms.models.
from .accounts.models import MFAEnrolmentLink  # noqa: F401 — registers the model (app label cms)
from .blocks import BaseStreamBlock
from .i18n import LanguageFallbackMixin, route_with_fallback
from .jobs.models import TaskWorker  # noqa: F401 — registers the model (app label cms)
from .outbox.models import OutgoingEmail  # noqa: F401 — registers the model (app label cms)
from .pages import QueriedContext, page_context, page_response
from .places.models import County, Municipality, Voivodeship  # noqa: F401 — registers the models (app label cms)


def require_alt_text(instance, image_field, alt_field):
    """Model validation: an image needs its alternative text (WCAG 1.1.1)."""
    if getattr(instance, f"{image_field}_id") and not getattr(instance, alt_field).strip():
        raise ValidationError({alt_field: _("Describe the image: alternative text is required.")})


def _image_fk(verbose_name):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class SeoMixin:
    """What the base layout needs for the description and OpenGraph tags of a page."""

    social_image_field = None

    @property
    def meta_description(self):
        return self.search_description or getattr(self, "lead", "") or ""

    @property
    def social_image(self):
        return getattr(self, self.social_image_field) if self.social_image_field else None


class HomePage(QueriedContext, LanguageFallbackMixin, SeoMixin, Page):
    lead = models.TextField(_("lead"), blank=True)
    hero_image = _image_fk(_("hero image"))
    hero_image_alt = models.CharField(_("hero image alternative text"), max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    social_image_field = "hero_image"

    def clean(self):
        super().clean()
        require_alt_text(self, "hero_image", "hero_image_alt")

    def route(self, request, path_components):
        # Every request starts here: paths the English tree lacks continue in the Polish one.
        return route_with_fallback(self, request, path_components, super().route)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(LanguageFallbackMixin, SeoMixin, Page):
    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class SectionIndexPage(QueriedContext, LanguageFallbackMixin, SeoMixin, Page):
    """A section of the site that lists its child pages (e.g. "For schools")."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("section index page")
        verbose_name_plural = _("section index pages")


class NewsIndexPage(LanguageFallbackMixin, SeoMixin, RoutablePageMixin, Page):
    lead = models.TextField(_("lead"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead")]
    search_fields = Page.search_fields + [index.SearchField("lead")]
    subpage_types = ["cms.NewsPage"]
    per_page = 10

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides=page_context(self, request))

    @path("rss/")
    def rss_feed(self, request):
        return page_response(self, request, "rss")

    @path("atom/")
    def atom_feed(self, request):
        return page_response(self, request, "atom")

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")


class NewsPage(LanguageFallbackMixin, SeoMixin, Page):
    date = models.DateField(_("date"), default=datetime.date.today)
    lead = models.TextField(_("lead"), blank=True)
    image = _image_fk(_("image"))
    image_alt = models.CharField(_("image alternative text"), max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list = []
    social_image_field = "image"

    def clean(self):
        super().clean()
        require_alt_text(self, "image", "image_alt")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-date"]


class AccessibilityStatement(LanguageFallbackMixin, SeoMixin, Page):
    """The accessibility statement (deklaracja dostępności) in the ministry's template.

    The template (``cms/accessibility_statement.html``) carries the element ids the ministry's
    monitoring looks for (``a11y-wstep``, ``a11y-podmiot``, ``a11y-url``, … ``a11y-aplikacje``).
    """

    class Status(models.TextChoices):
        COMPLIANT = "full", _("compliant")
        PARTIAL = "partial", _("partially compliant")
        NON_COMPLIANT = "none", _("not compliant")

    entity_name = models.CharField(_("public body"), max_length=255)
    site_url = models.URLField(_("website address"))
    published_on = models.DateField(_("website published on"))
    updated_on = models.DateField(_("last significant update of the website"))
    status = models.CharField(_("compliance status"), max_length=10, choices=Status.choices)
    non_compliance = RichTextField(
        _("inaccessible content and exemptions"),
        blank=True,
        help_text=_("What is not accessible and why (required unless the site is fully compliant)."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("statement last reviewed on"), null=True, blank=True)
    assessed_by = models.CharField(
        _("assessment carried out by"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty for a self-assessment by the public body."),
    )
    contact_person = models.CharField(_("contact person"), max_length=255)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=50)
    keyboard_shortcuts = models.TextField(_("keyboard shortcuts"), blank=True)
    architecture = RichTextField(_("architectural accessibility"))
    mobile_apps = models.TextField(
        _("mobile applications"), default=_("The public body does not publish mobile applications.")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldPanel("site_url"),
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")]),
            ],
            heading=_("Introduction"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("non_compliance")], heading=_("Compliance")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessed_by"),
                FieldPanel("keyboard_shortcuts"),
            ],
            heading=_("Preparation"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_person"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("architecture"),
        FieldPanel("mobile_apps"),
    ]
    search_fields = Page.search_fields + [index.SearchField("architecture")]
    subpage_types: list = []

    def clean(self):
        super().clean()
        if self.status and self.status != self.Status.COMPLIANT and not self.non_compliance.strip():
            raise ValidationError(
                {"non_compliance": _("List the inaccessible content when the site is not fully compliant.")}
            )

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")


class NavigationMenu(TranslatableMixin, ClusterableModel):
    """A menu staff edit as a snippet: the main menu in the header, the footer menu."""

    class Kind(models.TextChoices):
        MAIN = "main", _("main menu")
        FOOTER = "footer", _("footer menu")

    kind = models.CharField(_("menu"), max_length=10, choices=Kind.choices)

    panels = [FieldPanel("kind"), InlinePanel("items", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        unique_together = [("translation_key", "locale"), ("kind", "locale")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.locale})"


class NavigationMenuItem(Orderable):
    menu = ParentalKey(NavigationMenu, related_name="items", on_delete=models.CASCADE)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("external address"), blank=True)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Leave empty to use the page title.")
    )

    panels = [PageChooserPanel("link_page"), FieldPanel("link_url"), FieldPanel("label")]

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose a page or enter an external address (one of the two)."))
        if self.link_url and not self.label:
            raise ValidationError({"label": _("An external link needs a label.")})

    def __str__(self):
        return self.label or (self.link_page.title if self.link_page_id else self.link_url)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    select_related = ["logo", "funding_logos"]  # every page shows both: read them with the settings

    organisation_name = models.CharField(
        _("organisation name"), max_length=255, default="Wojewódzki Zespół Koordynacji"
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = _image_fk(_("logo"))
    logo_alt = models.CharField(_("logo alternative text"), max_length=255, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    funding_logos = _image_fk(_("funding logos"))
    funding_logos_alt = models.CharField(
        _("funding logos alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Name every sign in the strip, e.g. the KPO logo, the flag of Poland, the EU emblem."),
    )
    funding_text = RichTextField(
        _("funding statement"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Required text of the KPO / EU funding strip."),
    )
    funding_text_en = RichTextField(
        _("funding statement in English"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown on the English pages; the Polish text is used when empty."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("logo"),
                FieldPanel("logo_alt"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("funding_logos"),
                FieldPanel("funding_logos_alt"),
                FieldPanel("funding_text"),
                FieldPanel("funding_text_en"),
            ],
            heading=_("Funding strip"),
        ),
        MultiFieldPanel(
            [PageChooserPanel("privacy_page"), PageChooserPanel("accessibility_page")],
            heading=_("Legal pages"),
        ),
    ]

    def clean(self):
        super().clean()
        require_alt_text(self, "logo", "logo_alt")
        require_alt_text(self, "funding_logos", "funding_logos_alt")

    @property
    def social_links(self):
        return [
            (name, url)
            for name, url in (
                ("Facebook", self.facebook_url),
                ("Instagram", self.instagram_url),
                ("YouTube", self.youtube_url),
                ("LinkedIn", self.linkedin_url),
            )
            if url
        ]

    class Meta:
        verbose_name = _("site settings")
