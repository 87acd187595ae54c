"""What the WZK registers with Wagtail (its admin menu group, viewsets, admin pages) and with
``cms``'s hooks. Each part of the app keeps its registrations in its own block."""

import django_filters
from django import forms
from django.contrib import messages
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from cms.accounts.auth import is_staff_member
from cms.dashboard import MenuGroup
from cms.hooks import (
    ACCOUNT_HOME,
    ADMIN_MENU_EVENTS,
    DEMO_LOGINS,
    MAIL_COMPOSERS,
    PERSONAL_DATA,
    RETENTION_RULES,
    SEED_DEMO,
)

from . import admin_urls, demo, mails, privacy, queries, retention, services
from .forms import MemberAdminForm
from .models import Meeting, Member, MemberRole, Pillar

# The "WZK" group of the admin menu, inside "Events": every WZK viewset sets ``menu_hook = WZK_MENU``.
WZK_MENU = "edufest_admin_menu_wzk"
WZK_GROUP = MenuGroup(label=_("WZK"), name="edufest-wzk", icon="group", order=50, hook=WZK_MENU)
hooks.register(ADMIN_MENU_EVENTS, WZK_GROUP.get_menu_item)


@hooks.register("register_admin_urls")
def register_wzk_admin_urls():
    return [path("wzk/", include((admin_urls.urlpatterns, "wzk_admin"), namespace="wzk_admin"))]


# ---- Roster -----------------------------------------------------------------------------------


class MemberFilterSet(WagtailFilterSet):
    """Current members by default; "former" is the history (their terms are in the list)."""

    status = django_filters.ChoiceFilter(
        label=_("Members"),
        choices=[
            (queries.CURRENT, _("current")),
            (queries.FORMER, _("former (history)")),
            (queries.ALL, _("all")),
        ],
        empty_label=None,
        method="filter_status",
    )
    pillar = django_filters.ChoiceFilter(label=_("Pillar"), choices=Pillar.choices)
    role = django_filters.ChoiceFilter(label=_("Role"), choices=MemberRole.choices)

    class Meta:
        model = Member
        fields = ["status", "pillar", "role"]

    def filter_status(self, queryset, name, value):
        return queryset  # applied in filter_queryset, also when the filter is left empty

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status") or queries.CURRENT
        return queries.members_by_status(status, queryset=queryset)


class TermColumn(Column):
    def get_value(self, instance):
        end = instance.term_to.strftime("%d.%m.%Y") if instance.term_to else "…"
        return f"{instance.term_from:%d.%m.%Y} \N{EN DASH} {end}"


class AccountColumn(Column):
    def get_value(self, instance):
        if instance.user_id:
            return _("can sign in")
        if instance.invited_at:
            return _("invited")
        return _("no account")


class WarningsMixin:
    """Show the form's warnings (a resolution dated after the term began) once it is saved."""

    def form_valid(self, form):
        response = super().form_valid(form)
        for warning in getattr(form, "warnings", []):
            messages.warning(self.request, warning)
        return response


class MemberCreateView(WarningsMixin, generic.CreateView):
    pass


class MemberEditView(WarningsMixin, generic.EditView):
    pass


class MemberIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Import from CSV/XLSX"), url=reverse("wzk_admin:roster_import"), icon_name="upload"
            )
        )
        buttons.append(
            HeaderButton(
                _("Invite members without an account"),
                url=reverse("wzk_admin:invite_members"),
                icon_name="mail",
            )
        )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not (instance.term_to and instance.term_to < timezone.localdate()):
            buttons.append(
                ListingMenuItem(
                    _("Invite to sign in"),
                    url=reverse("wzk_admin:invite_member", args=[instance.pk]),
                    icon_name="mail",
                    priority=30,
                )
            )
        return buttons


MEMBER_PANELS = [
    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    FieldPanel("institution"),
    FieldRowPanel([FieldPanel("pillar"), FieldPanel("role")]),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("term_from"), FieldPanel("term_to")]),
            FieldRowPanel([FieldPanel("resolution_number"), FieldPanel("resolution_date")]),
        ],
        heading=_("Term and appointing resolution"),
    ),
    MultiFieldPanel(
        [FieldPanel("voivodeship"), FieldPanel("county"), FieldPanel("municipality_code")],
        heading=_("Place (optional)"),
    ),
    InlinePanel("substitutes", heading=_("Substitutes"), label=_("substitute")),
]


class MemberViewSet(ModelViewSet):
    name = "wzk_member"
    url_prefix = "wzk/member"
    model = Member
    icon = "group"
    menu_label = _("Members")
    menu_hook = WZK_MENU
    menu_order = 0
    index_view_class = MemberIndexView
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView
    edit_handler = ObjectList(MEMBER_PANELS, base_form_class=MemberAdminForm)
    list_display = [
        "name",
        "institution",
        "pillar",
        "role",
        TermColumn("term", label=_("Term")),
        AccountColumn("account", label=_("Account")),
    ]
    filterset_class = MemberFilterSet
    search_fields = ["first_name", "last_name", "institution", "email"]
    ordering = ["last_name", "first_name", "-term_from"]
    list_per_page = 50
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_wzk_viewsets():
    return [MemberViewSet()]


@hooks.register(ACCOUNT_HOME)
def wzk_member_account_home(user):
    """ "My account" of a person on the roster (current or former) opens their WZK area."""
    return reverse("wzk:member_area") if queries.is_on_the_roster(user) else None


@hooks.register(SEED_DEMO, order=70)
def seed_wzk_roster(*, home, stdout):
    demo.seed_roster(stdout=stdout)


@hooks.register(DEMO_LOGINS)
def wzk_roster_demo_logins():
    return demo.roster_demo_logins()


@hooks.register(PERSONAL_DATA, order=48)
def wzk_roster_personal_data():
    return privacy.roster_source()


@hooks.register(RETENTION_RULES)
def wzk_roster_retention_rules():
    return retention.roster_rules()


# --- meetings and invitations ------------------------------------------------------------------


class MeetingForm(WagtailAdminModelForm):
    def clean_event(self):
        event = self.cleaned_data["event"]
        if event is not None and event.specific.kind != "meeting":
            raise forms.ValidationError(_("Choose an event page of the kind “meeting”."))
        return event


class KeepDocumentsPrivate:
    """After saving, the documents and attachments go into the members' private collection."""

    def save_instance(self):
        instance = super().save_instance()
        services.keep_documents_private(meeting=instance)
        return instance


class MeetingCreateView(KeepDocumentsPrivate, generic.CreateView):
    pass


class MeetingEditView(KeepDocumentsPrivate, generic.EditView):
    pass


class RepliesColumn(Column):
    cell_template_name = "wzk/meetings/admin/replies_cell.html"


MEETING_PANELS = [
    FieldPanel("event"),
    FieldRowPanel([FieldPanel("number"), FieldPanel("mode"), FieldPanel("quorum_share")]),
    InlinePanel(
        "agenda_items",
        heading=_("Agenda"),
        label=_("agenda item"),
        panels=[
            FieldRowPanel([FieldPanel("title"), FieldPanel("presenter")]),
            FieldPanel("description"),
            FieldPanel("attachment"),
        ],
    ),
    InlinePanel(
        "documents",
        heading=_("Documents for members"),
        label=_("document"),
        panels=[FieldPanel("document"), FieldPanel("is_presentation")],
    ),
]


class MeetingViewSet(ModelViewSet):
    name = "wzk_meeting"
    url_prefix = "wzk/meeting"
    model = Meeting
    icon = "group"
    menu_label = _("Meetings")
    menu_hook = WZK_MENU
    menu_order = 10
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    edit_handler = ObjectList(MEETING_PANELS, base_form_class=MeetingForm)
    list_display = [
        "__str__",
        "event",
        "mode",
        "invitations_sent_at",
        RepliesColumn("replies", label=_("Replies")),
    ]
    list_filter = ["mode"]
    search_fields = ["number", "event__title"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_meeting_viewsets():
    return [MeetingViewSet()]


@hooks.register(MAIL_COMPOSERS)
def wzk_invitation_mails():
    return {services.INVITATION_COMPOSER: services.compose_invitation}


@hooks.register(SEED_DEMO, order=71)
def seed_wzk_meetings(*, home, stdout):
    demo.seed_meetings(stdout=stdout)


# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(WZK_MENU)
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
