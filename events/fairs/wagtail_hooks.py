"""What the fairs register with Wagtail (the "Fairs" menu group inside "Events", viewsets, admin
pages) and with ``cms``'s hooks. Each part of the app keeps its registrations in its own block."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.accounts.auth import is_staff_member
from cms.dashboard import MenuGroup
from cms.hooks import ADMIN_MENU_EVENTS, REACH_FIGURES, SEED_DEMO

from . import admin_urls, demo, reach

# The "Fairs" group of the admin menu, inside "Events": every fairs viewset sets ``menu_hook = FAIRS_MENU``.
FAIRS_MENU = "edufest_admin_menu_fairs"
FAIRS_GROUP = MenuGroup(
    label=_("Fair exhibitors"), name="edufest-fairs", icon="site", order=40, hook=FAIRS_MENU
)
hooks.register(ADMIN_MENU_EVENTS, FAIRS_GROUP.get_menu_item)


@hooks.register("register_admin_urls")
def register_fairs_admin_urls():
    return [path("fairs/", include((admin_urls.urlpatterns, "fairs_admin"), namespace="fairs_admin"))]


# ---- Visits ----------------------------------------------------------------------------------


class _StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(FAIRS_MENU)
def register_visits_menu_item():
    return _StaffMenuItem(_("Stand visits"), reverse("fairs_admin:visits_index"), icon_name="view", order=60)


@hooks.register(REACH_FIGURES)
def stand_visit_reach(*, start, end):
    """Fair visitors seen only by the stands' visit codes (basis "counted"; see ``reach``)."""
    return reach.reach_rows(start=start, end=end)


@hooks.register(SEED_DEMO, order=95)  # after the exhibitors' demo, which makes the call
def seed_stand_visits(*, home, stdout):
    demo.seed_visits(stdout=stdout)
