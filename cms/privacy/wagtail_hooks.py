from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from cms.hooks import PERIODIC_TASKS, PERSONAL_DATA, SEED_DEMO

from . import admin_urls, base_data, demo
from .admin_views import can_manage_privacy
from .tasks import purge_expired_exports


@hooks.register("register_admin_urls")
def privacy_admin_urls():
    return [path("privacy/", include((admin_urls.urlpatterns, "privacy_admin"), namespace="privacy_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_privacy(request.user)


class StaffSubmenuMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return can_manage_privacy(request.user)


privacy_menu = Menu(
    register_hook_name="register_privacy_menu_item", construct_hook_name="construct_privacy_menu"
)


@hooks.register("register_privacy_menu_item")
def requests_menu_item():
    return StaffMenuItem(
        _("Data-subject requests"), reverse("privacy_admin:requests"), icon_name="user", order=10
    )


@hooks.register("register_privacy_menu_item")
def notices_menu_item():
    return StaffMenuItem(
        _("Privacy notices"), reverse("privacy_admin:notices"), icon_name="doc-full", order=20
    )


@hooks.register("register_privacy_menu_item")
def consents_menu_item():
    return StaffMenuItem(_("Consent records"), reverse("privacy_admin:consents"), icon_name="tick", order=30)


@hooks.register("register_admin_menu_item")
def privacy_menu_item():
    return StaffSubmenuMenuItem(_("Personal data"), privacy_menu, icon_name="lock", order=260)


@hooks.register(SEED_DEMO, order=5)
def seed_privacy_notices(*, home, stdout):
    demo.seed(stdout=stdout)


@hooks.register(PERSONAL_DATA, order=900)
def privacy_records_data():
    return base_data.records_source()


@hooks.register(PERSONAL_DATA, order=950)
def outbox_data():
    return base_data.outbox_source()


@hooks.register(PERSONAL_DATA, order=1000)
def account_data():
    return base_data.account_source()


@hooks.register(PERIODIC_TASKS)
def privacy_periodic_tasks():
    return [(purge_expired_exports, 60 * 60)]
