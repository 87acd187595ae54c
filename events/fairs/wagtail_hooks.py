"""What the fairs register with Wagtail (the "Fairs" menu group inside "Events", viewsets, admin
pages) and with ``cms``'s hooks. Each part of the app keeps its registrations in its own block."""

from django import forms
from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from cms.accounts.auth import is_staff_member
from cms.dashboard import AttentionItem, MenuGroup
from cms.hooks import (
    ACCOUNT_HOME,
    ADMIN_MENU_EVENTS,
    ATTENTION_ITEMS,
    DEMO_LOGINS,
    LOGIN_LANDING,
    MAIL_COMPOSERS,
    PERSONAL_DATA,
    REACH_FIGURES,
    RETENTION_RULES,
    SEED_DEMO,
    TICKET_SECTIONS,
)

from . import admin_urls, demo, mails, privacy, queries, reach, retention, services
from .access import is_exhibitor_person
from .admin_views import ExhibitorCallViewSet
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


# ---- Passes ----


@hooks.register(MAIL_COMPOSERS)
def register_pass_mail():
    return {services.PASS_MAIL: mails.compose_exhibitor_pass}


# ---- Visitor's plan ----
# The ticket page and ticket mails of a fair's registration show its visit plan.
hooks.register(TICKET_SECTIONS, queries.plan_ticket_section)


# ---- Demo and privacy ----


@hooks.register(SEED_DEMO, order=22)
def seed_fair_exhibitors(*, home, stdout):
    """After events (10: the university fair and its stands) and registration (20)."""
    demo.seed_exhibitors(stdout=stdout)


@hooks.register(DEMO_LOGINS, order=80)  # printed after the other apps' logins
def fair_exhibitor_demo_logins():
    return demo.exhibitor_demo_logins()


@hooks.register(PERSONAL_DATA, order=55)
def fairs_personal_data():
    return privacy.source()


@hooks.register(RETENTION_RULES)
def fairs_retention_rules():
    return retention.rules()


# ---- Applications ----


@hooks.register("register_admin_viewset")
def register_exhibitor_call_viewset():
    viewset = ExhibitorCallViewSet()
    viewset.menu_hook = FAIRS_MENU
    return viewset


@hooks.register(LOGIN_LANDING)
@hooks.register(ACCOUNT_HOME)
def exhibitor_account_home(user):
    """ "My account" of an exhibitor's person opens the exhibitor area, where they also land after logging in."""
    return reverse("fairs:area") if is_exhibitor_person(user) else None


@hooks.register(MAIL_COMPOSERS)
def application_mail_composers():
    return mails.application_composers()


# ---- Review -----------------------------------------------------------------------------------


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(FAIRS_MENU)
def review_menu_item():
    return StaffMenuItem(
        _("Exhibitor applications"), reverse("fairs_admin:review_calls"), icon_name="tasks", order=10
    )


@hooks.register(ATTENTION_ITEMS)
def review_attention(request):
    if not is_staff_member(request.user):
        return None
    return AttentionItem(
        label=_("Exhibitor applications to decide"),
        count=queries.submitted_count(),
        url=reverse("fairs_admin:review_calls"),
        order=45,
    )


@hooks.register(MAIL_COMPOSERS)
def review_composers():
    return {services.STAND_COMPOSER: mails.compose_stand_assigned}


# ---- Visits ----------------------------------------------------------------------------------


@hooks.register(FAIRS_MENU)
def register_visits_menu_item():
    return StaffMenuItem(_("Stand visits"), reverse("fairs_admin:visits_index"), icon_name="view", order=60)


@hooks.register(REACH_FIGURES)
def stand_visit_reach(*, start, end):
    """Fair visitors seen only by the stands' visit codes (basis "counted"; see ``reach``)."""
    return reach.reach_rows(start=start, end=end)


@hooks.register(SEED_DEMO, order=95)  # after the exhibitors' demo, which makes the call
def seed_stand_visits(*, home, stdout):
    demo.seed_visits(stdout=stdout)


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
