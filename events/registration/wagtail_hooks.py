"""Wagtail admin of registration (ticket types, questions, codes, per-event lists), demo content."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
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
from .models import InvitationCode, Question, TicketType


class TicketTypeForm(WagtailAdminModelForm):
    """Sessions and zones must be the chosen event's own (the public form would offer them)."""

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        if event is None:
            return cleaned
        if any(session.page_id != event.pk for session in cleaned.get("sessions") or ()):
            self.add_error("sessions", _("Choose only sessions of this event."))
        if any(zone.page_id != event.pk for zone in cleaned.get("zones") or ()):
            self.add_error("zones", _("Choose only zones of this event."))
        return cleaned


class TicketTypeViewSet(ModelViewSet):
    model = TicketType
    icon = "tag"
    menu_label = _("Ticket types")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 20
    list_display = [
        "name",
        "event",
        "kind",
        "capacity",
        "max_group_size",
        "school_cap",
        "waitlist_enabled",
        "is_active",
    ]
    list_filter = ["kind", "waitlist_enabled", "invitation_required", "is_active"]
    search_fields = ["name", "event__title"]
    edit_handler = ObjectList([FieldPanel("event"), *TicketType.panels], base_form_class=TicketTypeForm)
    copy_view_enabled = False


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Registration questions")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 21
    list_display = ["label", "event", "kind", "required"]
    list_filter = ["kind", "required"]
    search_fields = ["label", "event__title"]
    form_fields = ["event", "label", "kind", "choices", "required", "position"]


class InvitationCodeViewSet(ModelViewSet):
    model = InvitationCode
    icon = "key"
    menu_label = _("Invitation codes")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 22
    list_display = ["code", "event", "ticket_type", "max_uses", "note"]
    search_fields = ["code", "note", "event__title"]
    form_fields = ["event", "ticket_type", "code", "max_uses", "note"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_viewsets():
    """In the admin menu's "Events" group, after the registrations themselves."""
    return [TicketTypeViewSet("ticket_types"), QuestionViewSet("questions"), InvitationCodeViewSet("codes")]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(ADMIN_MENU_EVENTS)
def registrations_menu_item():
    return StaffMenuItem(
        _("Registrations"), reverse("registration_admin:events"), icon_name="group", order=10
    )


admin_urlpatterns = [
    path("", admin_views.event_list, name="events"),
    path("<int:event_id>/", admin_views.event_registrations, name="event"),
    path("<int:event_id>/export.csv", admin_views.export_csv, name="export_csv"),
    path("<int:event_id>/export.xlsx", admin_views.export_xlsx, name="export_xlsx"),
    path("<int:event_id>/message/", admin_views.message_all, name="message"),
    path("<int:event_id>/codes/", admin_views.generate_codes, name="codes"),
    path("<int:event_id>/<int:pk>/resend/", admin_views.resend, name="resend"),
    path("<int:event_id>/<int:pk>/cancel/", admin_views.cancel, name="cancel"),
    path("<int:event_id>/capacity/<int:ticket_type_id>/", admin_views.change_capacity, name="capacity"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("registrations/", include((admin_urlpatterns, "registration_admin")))]


@hooks.register(SEED_DEMO, order=20)
def seed_demo(*, home, stdout):
    demo.seed(stdout=stdout)


@hooks.register(PERIODIC_TASKS)
def registration_periodic_tasks():
    """Reminders are checked every 15 minutes; marking each registration keeps them single."""
    return [(tasks.send_reminders, 15 * 60)]


@hooks.register(PERSONAL_DATA, order=20)
def registration_personal_data():
    return privacy.source()


@hooks.register(RETENTION_RULES)
def registration_retention_rules():
    return retention.rules()


@hooks.register(MAIL_COMPOSERS)
def registration_mails():
    return {mails.COMPOSER: mails.compose}


@hooks.register(ACCOUNT_SECTIONS)
def registration_account_section(request):
    return school_area.account_section(request)


@hooks.register(SCHOOL_AREA)
def registration_school_area(request):
    return school_area.section(request)


@hooks.register("after_publish_page")
def after_event_published(request, page):
    """Places added on the page promote from the waiting list; registration switched on with no
    active ticket type publishes a page with no form: say so."""
    specific = page.specific_deferred
    if not hasattr(specific, "registration_enabled"):
        return
    for ticket_type in TicketType.objects.filter(event_id=page.pk, waitlist_enabled=True):
        services.promote_waitlist(ticket_type=ticket_type)  # places added on the page fill at once
    if not specific.registration_enabled:
        return
    if not TicketType.objects.filter(event_id=page.pk, is_active=True).exists():
        messages.warning(
            request,
            _(
                "Registration is open but the event has no active ticket type, so its page shows no "
                "registration form. Add a ticket type on the Registration tab."
            ),
        )
