"""Admin: the counted visitors' staff views and menu item; the reach figures of counted visitors;
the demo counts."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.accounts.auth import is_staff_member
from cms.hooks import ADMIN_MENU_EVENTS, REACH_FIGURES, SEED_DEMO

from . import admin_urls, demo, reach


@hooks.register("register_admin_urls")
def register_counting_admin_urls():
    return [
        path("counting/", include((admin_urls.urlpatterns, "counting_admin"), namespace="counting_admin"))
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(ADMIN_MENU_EVENTS)
def register_counting_menu_item():
    return StaffMenuItem(_("Counted visitors"), reverse("counting_admin:index"), icon_name="group", order=33)


@hooks.register(REACH_FIGURES)
def counted_reach(*, start, end):
    """Head-counts of visitors who came in without a ticket (basis "counted")."""
    return reach.reach_rows(start=start, end=end)


@hooks.register(SEED_DEMO, order=50)
def seed_counts(*, home, stdout):
    demo.seed(stdout=stdout)
