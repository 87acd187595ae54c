"""Staff's pages of the fairs in the Wagtail admin (the "Fair exhibitors" menu group)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import ExhibitorCallAdminForm
from .models import ExhibitorCall

# ---- Applications: the calls for exhibitors ----

EXHIBITOR_CALL_PANELS = [
    FieldPanel("event"),
    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Application window")),
    FieldPanel("intro"),
    FieldPanel("zones", widget=forms.CheckboxSelectMultiple),
    FieldPanel("staff_allowance"),
    FieldPanel("edits_need_moderation"),
    FieldPanel("stand_visits_enabled"),
]


class ExhibitorCallViewSet(ModelViewSet):
    """``/admin/fairs/call/``: a fair's call for exhibitors, its window, zones and switches."""

    name = "fairs_call"
    url_prefix = "fairs/call"
    model = ExhibitorCall
    icon = "form"
    menu_label = _("Calls for exhibitors")
    menu_order = 10
    edit_handler = ObjectList(EXHIBITOR_CALL_PANELS, base_form_class=ExhibitorCallAdminForm)
    list_display = ["event", "opens_at", "closes_at", "staff_allowance", "edits_need_moderation"]
    search_fields = ["event__title"]
    ordering = ["-opens_at"]
    list_per_page = 50
    inspect_view_enabled = True
