"""What the fairs register with Wagtail (the "Fairs" menu group inside "Events", viewsets, admin
pages) and with ``cms``'s hooks. Each part of the app keeps its registrations in its own block."""

from django import forms
from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from cms.dashboard import MenuGroup
from cms.hooks import ADMIN_MENU_EVENTS, SEED_DEMO

from . import admin_urls, demo
from .forms import FloorPlanForm
from .models import FloorPlan

# The "Fairs" group of the admin menu, inside "Events": every fairs viewset sets ``menu_hook = FAIRS_MENU``.
FAIRS_MENU = "edufest_admin_menu_fairs"
FAIRS_GROUP = MenuGroup(
    label=_("Fair exhibitors"), name="edufest-fairs", icon="site", order=40, hook=FAIRS_MENU
)
hooks.register(ADMIN_MENU_EVENTS, FAIRS_GROUP.get_menu_item)


@hooks.register("register_admin_urls")
def register_fairs_admin_urls():
    return [path("fairs/", include((admin_urls.urlpatterns, "fairs_admin"), namespace="fairs_admin"))]


# ---- Floor plan ----


class PlaceStandsColumn(Column):
    cell_template_name = "fairs/admin/place_stands_cell.html"


class FloorPlanIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event").annotate(placed=Count("placements"))

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            ListingMenuItem(
                _("Place the stands"),
                url=reverse("fairs_admin:place_stands", args=[instance.pk]),
                icon_name="pick",
                priority=5,
            )
        )
        return buttons


class FloorPlanCreateView(generic.CreateView):
    def get_success_url(self):
        """A new hall's plan goes on to placing its stands."""
        return reverse("fairs_admin:place_stands", args=[self.object.pk])


class FloorPlanEditView(generic.EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Place the stands"),
                url=reverse("fairs_admin:place_stands", args=[self.object.pk]),
                icon_name="pick",
            )
        )
        return buttons


class FloorPlanViewSet(ModelViewSet):
    name = "fairs_floor_plan"
    url_prefix = "fairs/plany"
    model = FloorPlan
    icon = "table"
    menu_label = _("Hall plans")
    menu_hook = FAIRS_MENU
    menu_order = 60
    index_view_class = FloorPlanIndexView
    add_view_class = FloorPlanCreateView
    edit_view_class = FloorPlanEditView
    edit_handler = ObjectList(
        [
            FieldPanel("event", widget=forms.Select),
            FieldPanel("name"),
            FieldPanel("image"),
            FieldPanel("description"),
            FieldPanel("position"),
        ],
        base_form_class=FloorPlanForm,
    )
    list_display = ["name", "event", "position", PlaceStandsColumn("place", label=_("Stands on the plan"))]
    list_filter = ["event"]
    search_fields = ["name", "event__title"]
    ordering = ["event", "position", "name"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_floor_plan_viewsets():
    return [FloorPlanViewSet()]


@hooks.register(SEED_DEMO, order=82)
def seed_fair_floor_plans(*, home, stdout):
    demo.seed_floor_plans(stdout=stdout)
