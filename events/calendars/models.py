from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.i18n import LanguageFallbackMixin
from cms.pages import QueriedContext


class ItemSequence(models.Model):
    """The iCalendar ``SEQUENCE`` of one calendar item, raised when its time or status changes.

    ``fingerprint`` is a digest of the item's start, end and status as last published; a publish
    with a different fingerprint raises ``sequence`` by one (see ``services.record_item_change``).
    """

    uid = models.CharField(_("UID"), max_length=255, unique=True)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("calendar item sequence")
        verbose_name_plural = _("calendar item sequences")

    def __str__(self):
        return f"{self.uid} #{self.sequence}"


class CalendarPage(QueriedContext, LanguageFallbackMixin, Page):
    """The site calendar: every public event, Edubus stop and contest date, as a list or a month grid."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types: list = []

    class Meta:
        verbose_name = _("calendar page")
        verbose_name_plural = _("calendar pages")
