"""What the fairs register with Wagtail (the "Fairs" menu group inside "Events", viewsets, admin
pages) and with ``cms``'s hooks. Each part of the app keeps its registrations in its own block."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.accounts.auth import is_staff_member
from cms.dashboard import AttentionItem, MenuGroup
from cms.hooks import ADMIN_MENU_EVENTS, ATTENTION_ITEMS, MAIL_COMPOSERS

from . import admin_urls, mails, queries, services

# The "Fairs" group of the admin menu, inside "Events": every fairs viewset sets ``menu_hook = FAIRS_MENU``.
FAIRS_MENU = "edufest_admin_menu_fairs"
FAIRS_GROUP = MenuGroup(
    label=_("Fair exhibitors"), name="edufest-fairs", icon="site", order=40, hook=FAIRS_MENU
)
hooks.register(ADMIN_MENU_EVENTS, FAIRS_GROUP.get_menu_item)


@hooks.register("register_admin_urls")
def register_fairs_admin_urls():
    return [path("fairs/", include((admin_urls.urlpatterns, "fairs_admin"), namespace="fairs_admin"))]


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
    return {
        services.DECISION_COMPOSER: mails.compose_application_decided,
        services.STAND_COMPOSER: mails.compose_stand_assigned,
    }
