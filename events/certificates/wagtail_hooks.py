"""Certificates in the admin (settings per event, the lists of certificates) and in cms's hooks."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from cms.accounts.auth import is_staff_member
from cms.hooks import (
    ACCOUNT_SECTIONS,
    ADMIN_MENU_EVENTS,
    MAIL_COMPOSERS,
    PERIODIC_TASKS,
    PERSONAL_DATA,
    RETENTION_RULES,
    SCHOOL_AREA,
    SEED_DEMO,
)

from . import admin_views, demo, mails, privacy, retention, school_area, services, tasks
from .models import CertificateSettings

ISSUE_EVERY = 3600  # seconds: certificates go out within an hour of the event's end


class CertificateSettingsViewSet(ModelViewSet):
    model = CertificateSettings
    icon = "doc-full"
    menu_label = _("Certificate settings")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 40
    list_display = ["event", "enabled", "signatory_name", "issued_at"]
    list_filter = ["enabled"]
    search_fields = ["event__title"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("enabled"),
            MultiFieldPanel([FieldPanel("text_pl"), FieldPanel("text_en")], heading=_("Text")),
            MultiFieldPanel(
                [
                    FieldPanel("issuer"),
                    FieldPanel("signatory_name"),
                    FieldPanel("signatory_function"),
                    FieldPanel("logo"),
                ],
                heading=_("Issuer and signatory"),
            ),
        ]
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [CertificateSettingsViewSet("certificate_settings")]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(ADMIN_MENU_EVENTS)
def certificates_menu_item():
    return StaffMenuItem(
        _("Certificates of attendance"), reverse("certificates_admin:events"), icon_name="doc-full", order=41
    )


admin_urlpatterns = [
    path("", admin_views.event_list, name="events"),
    path("<int:event_id>/", admin_views.event_certificates, name="event"),
    path("<int:event_id>/wystaw/", admin_views.issue_now, name="issue"),
    path("zaswiadczenie/<int:pk>/uniewaznij/", admin_views.revoke, name="revoke"),
    path("zaswiadczenie/<int:pk>/wyslij/", admin_views.resend, name="resend"),
    path("zaswiadczenie/<int:pk>.pdf", admin_views.certificate_pdf, name="pdf"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("certificates/", include((admin_urlpatterns, "certificates_admin")))]


@hooks.register(MAIL_COMPOSERS)
def certificate_composer():
    return {services.COMPOSER: mails.compose}


@hooks.register(PERIODIC_TASKS)
def certificate_tasks():
    return [(tasks.issue_due_certificates, ISSUE_EVERY)]


@hooks.register(ACCOUNT_SECTIONS)
def certificates_account_section(request):
    return school_area.account_section(request)


@hooks.register(SCHOOL_AREA)
def certificates_school_area(request):
    return school_area.school_section(request)


@hooks.register(PERSONAL_DATA, order=35)
def certificates_personal_data():
    return privacy.source()


@hooks.register(RETENTION_RULES)
def certificates_retention_rules():
    return retention.rules()


@hooks.register(SEED_DEMO, order=70)
def seed_certificates(*, home, stdout):
    """A past festival with check-ins and its certificates (``demo.seed``)."""
    demo.seed(stdout=stdout)
