"""What the WZK registers with Wagtail and with cms's hooks."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.accounts.auth import is_staff_member
from cms.hooks import ADMIN_MENU_EVENTS, MAIL_COMPOSERS, SEED_DEMO

from . import admin_urls, demo, mails

# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_wzk_admin_urls():
    return [path("wzk/", include((admin_urls.urlpatterns, "wzk_admin"), namespace="wzk_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(ADMIN_MENU_EVENTS)
def wzk_attendance_menu_item():
    return StaffMenuItem(
        _("WZK attendance and minutes"),
        reverse("wzk_admin:attendance_meetings"),
        icon_name="list-ul",
        order=510,
    )


@hooks.register(MAIL_COMPOSERS)
def wzk_minutes_mail_composers():
    return mails.composers()


@hooks.register(SEED_DEMO, order=72)
def seed_wzk_minutes(*, home, stdout):
    demo.seed_minutes(stdout=stdout)
