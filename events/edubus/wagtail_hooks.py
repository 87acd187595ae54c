from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cms.accounts import roles
from cms.accounts.auth import is_staff_member
from cms.dashboard import AttentionItem
from cms.hooks import (
    ATTENTION_ITEMS,
    CALENDAR_ITEMS,
    HOME_SECTIONS,
    PERSONAL_DATA,
    REACH_FIGURES,
    RETENTION_RULES,
    SCHOOL_AREA,
    SEED_DEMO,
)

from . import admin_urls, demo, feeds, privacy, queries, retention, school_area, services
from .forms import StopAdminForm
from .models import Blackout, CrewMember, Stop, StopReport, Vehicle, VisitRequest, address_panel


class ScheduledSaveMixin:
    """Save through ``services.schedule_stop`` so the rules, the override and SEQUENCE all apply."""

    def save_instance(self):
        return services.schedule_stop(
            stop=self.form.instance,
            override_reason=self.form.cleaned_data.get("override_reason", ""),
            by=self.request.user,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.ScheduleConflict as conflict:
            for violation in conflict.violations:
                form.add_error(None, str(violation))
            return self.form_invalid(form)


class StopCreateView(ScheduledSaveMixin, generic.CreateView):
    pass


class StopEditView(ScheduledSaveMixin, generic.EditView):
    pass


STOP_PANELS = [
    FieldRowPanel([FieldPanel("vehicle"), FieldPanel("kind"), FieldPanel("status")]),
    FieldPanel("place_name"),
    address_panel(),
    MultiFieldPanel(
        [
            FieldPanel("host_institution"),
            FieldRowPanel(
                [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")]
            ),
            FieldPanel("language"),
        ],
        heading=_("Host"),
    ),
    FieldRowPanel([FieldPanel("arrival"), FieldPanel("departure")]),
    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
    FieldRowPanel([FieldPanel("expected_audience"), FieldPanel("is_public")]),
    FieldPanel("notes"),
    FieldPanel("override_reason"),
]


class StopViewSet(ModelViewSet):
    name = "edubus_stop"
    url_prefix = "edubus/stop"
    model = Stop
    icon = "date"
    menu_label = _("Stops")
    add_view_class = StopCreateView
    edit_view_class = StopEditView
    edit_handler = ObjectList(STOP_PANELS, base_form_class=StopAdminForm)
    list_display = ["place_name", "municipality", "arrival", "vehicle", "status", "is_public"]
    list_filter = ["vehicle", "status", "kind", "is_public"]
    search_fields = ["place_name", "municipality", "host_institution"]
    ordering = ["-arrival"]
    inspect_view_enabled = True


class VehicleViewSet(ModelViewSet):
    name = "edubus_vehicle"
    url_prefix = "edubus/vehicle"
    model = Vehicle
    icon = "site"
    menu_label = _("Vehicles")
    list_display = ["name", "registration_plate", "base_name", "is_active"]


class CrewViewSet(ModelViewSet):
    name = "edubus_crewmember"
    url_prefix = "edubus/crewmember"
    model = CrewMember
    icon = "group"
    menu_label = _("Crew")
    form_fields = ["vehicle", "name", "phone", "qualifications", "is_active"]
    list_display = ["name", "vehicle", "is_active"]


class BlackoutViewSet(ModelViewSet):
    name = "edubus_blackout"
    url_prefix = "edubus/blackout"
    model = Blackout
    icon = "warning"
    menu_label = _("Blackout days")
    form_fields = ["vehicle", "starts_on", "ends_on", "reason", "note"]
    list_display = ["starts_on", "ends_on", "vehicle", "reason", "note"]


class StopReportViewSet(ModelViewSet):
    name = "edubus_stopreport"
    url_prefix = "edubus/stopreport"
    model = StopReport
    icon = "doc-full"
    menu_label = _("Stop reports")
    list_display = ["stop", "visitors", "groups_reached"]


class VisitRequestViewSet(ModelViewSet):
    name = "edubus_visitrequest"
    url_prefix = "edubus/visitrequest"
    model = VisitRequest
    icon = "mail"
    menu_label = _("Visit requests")
    list_display = ["institution", "municipality", "preferred_date_1", "status", "created_at"]
    list_filter = ["status", "institution_kind"]
    search_fields = ["institution", "municipality", "contact_name"]
    inspect_view_enabled = True


EDUBUS_MENU = "edufest_admin_menu_edubus"  # the Edubus group's own submenu hook


class EdubusGroup(ViewSetGroup):
    menu_label = _("Edubus")
    menu_icon = "site"
    menu_order = 220
    submenu_hook = EDUBUS_MENU
    items = (
        StopViewSet,
        VisitRequestViewSet,
        VehicleViewSet,
        BlackoutViewSet,
        CrewViewSet,
        StopReportViewSet,
    )


@hooks.register("register_admin_viewset")
def register_edubus_viewsets():
    return EdubusGroup()


@hooks.register("register_admin_urls")
def register_edubus_admin_urls():
    return [path("edubus/", include((admin_urls.urlpatterns, "edubus_admin"), namespace="edubus_admin"))]


# Who works on the Edubus in the admin: staff and the Edubus coordinators.
EDUBUS_ROLES = (roles.STAFF, roles.EDUBUS_COORDINATOR)


class RoleMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user, roles=EDUBUS_ROLES)


@hooks.register(EDUBUS_MENU)
def edubus_queue_menu_item():
    return RoleMenuItem(
        _("Edubus requests to review"), reverse("edubus_admin:requests"), icon_name="tasks", order=0
    )


@hooks.register(EDUBUS_MENU)
def edubus_schedule_menu_item():
    return RoleMenuItem(
        _("Edubus schedule"), reverse("edubus_admin:schedules"), icon_name="calendar", order=0
    )


@hooks.register(ATTENTION_ITEMS)
def edubus_requests_attention(request):
    user = request.user
    if not is_staff_member(user, roles=EDUBUS_ROLES):
        return None
    return AttentionItem(
        label=_("Edubus requests to review"),
        count=queries.review_queue().count(),
        url=reverse("edubus_admin:requests"),
        order=10,
    )


hooks.register(CALENDAR_ITEMS, feeds.calendar_items)
hooks.register(REACH_FIGURES, feeds.reach_rows)
hooks.register(HOME_SECTIONS, feeds.home_section)


@hooks.register(SEED_DEMO, order=40)
def seed_edubus(*, home, stdout):
    demo.seed(stdout=stdout)


@hooks.register(PERSONAL_DATA, order=40)
def edubus_personal_data():
    return privacy.source()


@hooks.register(RETENTION_RULES)
def edubus_retention_rules():
    return retention.rules()


@hooks.register(SCHOOL_AREA)
def edubus_school_area(request):
    return school_area.section(request)
