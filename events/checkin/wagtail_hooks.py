"""Admin: check-in lists (staff create them), the scan log, the scanner in the menu; demo lists; the
events' reach figures; the staff's "regenerate" link on the ticket page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.accounts.auth import is_staff_member
from cms.hooks import ADMIN_MENU_EVENTS, PERSONAL_DATA, REACH_FIGURES, RETENTION_RULES, SEED_DEMO
from events.registration.hooks import TICKET_STAFF_LINKS

from . import demo, privacy, reach, retention
from .models import CheckInList, Scan


class CheckInListViewSet(ModelViewSet):
    model = CheckInList
    icon = "tick"
    menu_label = _("Check-in lists")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 31
    list_display = ["name", "event", "day", "session", "zone", "all_ticket_types"]
    list_filter = ["day"]
    search_fields = ["name"]
    panels = [
        FieldPanel("event"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("day"), FieldPanel("session")]),
        FieldPanel("zone"),
        FieldPanel("all_ticket_types"),
        FieldPanel("ticket_types"),
    ]

    def get_queryset(self, request):
        return CheckInList.objects.select_related("event", "session", "zone")


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The scan log is evidence: it can be looked at, never added to or changed by hand."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Scan, ReadOnlyPolicy(Scan))


class ScanViewSet(ModelViewSet):
    model = Scan
    icon = "list-ul"
    menu_label = _("Scan log")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 32
    list_display = [
        "scanned_at",
        "result",
        "checkin_list",
        "ticket",
        "people",
        "device",
        "scanned_by",
        "offline",
    ]
    list_filter = ["result", "offline", "checkin_list"]
    inspect_view_enabled = True
    form_fields = ["result"]

    def get_queryset(self, request):
        return Scan.objects.select_related("checkin_list__event", "ticket", "scanned_by")


@hooks.register("register_admin_viewset")
def register_checkin_viewsets():
    return [CheckInListViewSet("checkin_lists"), ScanViewSet("checkin_scans")]


@hooks.register(ADMIN_MENU_EVENTS)
def register_scanner_menu_item():
    return MenuItem(_("Scanner and live counts"), reverse("checkin:lists"), icon_name="view", order=30)


@hooks.register(SEED_DEMO, order=30)
def seed_checkin_lists(*, home, stdout):
    """Lists "Dzień 1" and "Dzień 2" for the Opolskie festival (``demo.seed``)."""
    demo.seed(stdout=stdout)


@hooks.register(REACH_FIGURES)
def registration_reach(*, start, end):
    """The events' figures: registrations with the head-counts checked in."""
    return reach.reach_rows(start=start, end=end)


@hooks.register(PERSONAL_DATA, order=30)
def checkin_personal_data():
    return privacy.source()


@hooks.register(RETENTION_RULES)
def checkin_retention_rules():
    return retention.rules()


@hooks.register(TICKET_STAFF_LINKS)
def regenerate_ticket_link(request, ticket):
    """Check-in staff may give a ticket a new code (e.g. a photo of it went round)."""
    if not is_staff_member(request.user):
        return []
    return [(reverse("checkin:regenerate", args=[ticket.pk]), _("Staff: regenerate this ticket"))]
