"""What the WZK registers with Wagtail (its admin menu group, viewsets, admin pages) and with
``cms``'s hooks. Each part of the app keeps its registrations in its own block."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
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
    REACH_FIGURES,
    RETENTION_RULES,
    SEED_DEMO,
)

from . import admin_urls, demo, mails, privacy, queries, reach, retention, services
from .forms import MemberAdminForm, PartnerMorningForm, RecommendationAdminForm, StudyVisitAdminForm
from .models import Meeting, Member, MemberRole, PartnerMorning, Pillar, Recommendation, StudyVisit

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


@hooks.register(PERSONAL_DATA, order=49)
def wzk_invitations_personal_data():
    return privacy.invitations_source()


@hooks.register(RETENTION_RULES)
def wzk_invitation_retention_rules():
    return retention.invitation_rules()


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


# --- the WZK group (shared by the WZK's parts) -------------------------------------------------


# --- recs: partner mornings, recommendations, study visits, reach, demo -------------------------


class ConclusionLinksPanel(Panel):
    """Beside the conclusions: "make a recommendation from this conclusion" for each saved one."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wzk/recs/admin/conclusion_links_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            conclusions = []
            if self.instance is not None and self.instance.pk:
                conclusions = [
                    {
                        "conclusion": conclusion,
                        "url": reverse("wzk_admin:recommendation_from_conclusion", args=[conclusion.pk]),
                        "recommendations": list(conclusion.recommendations.all()),
                    }
                    for conclusion in self.instance.conclusions.prefetch_related("recommendations")
                ]
            context["conclusions"] = conclusions
            return context


class PartnerMorningViewSet(ModelViewSet):
    name = "wzk_partnermorning"
    url_prefix = "wzk/poranki"
    model = PartnerMorning
    icon = "group"
    menu_label = _("Partner mornings")
    menu_order = 40
    menu_hook = WZK_MENU
    list_display = ["topic", "event", "presented_at"]
    search_fields = ["topic", "event__title"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("topic"),
            FieldPanel("notes"),
            FieldPanel("presented_at"),
            InlinePanel("conclusions", heading=_("Conclusions"), label=_("conclusion")),
            ConclusionLinksPanel(heading=_("Recommendations from the conclusions")),
        ],
        base_form_class=PartnerMorningForm,
    )

    def get_queryset(self, request):
        return PartnerMorning.objects.select_related("event", "presented_at__event")


class RecommendationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Recommendation.Status.choices)
    source = django_filters.ChoiceFilter(
        label=_("Source"),
        method="filter_source",
        choices=[
            ("morning", _("partner morning")),
            ("meeting", _("meeting")),
            ("visit", _("study visit")),
        ],
    )
    year = django_filters.ChoiceFilter(label=_("Year"), method="filter_year", choices=[])

    class Meta:
        model = Recommendation
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in queries.register_years()]

    def filter_source(self, queryset, name, value):
        return queries.filter_register(queryset, source=value)

    def filter_year(self, queryset, name, value):
        return queries.filter_register(queryset, year=value)


class SavedThroughServiceMixin:
    """Save through ``services.save_recommendation`` (the status rules hold however it is saved)."""

    def save_instance(self):
        return services.save_recommendation(recommendation=self.form.save(commit=False))

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)


class RecommendationCreateView(SavedThroughServiceMixin, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        pk = self.request.GET.get("conclusion", "")
        conclusion = queries.conclusion_with_morning(int(pk)) if pk.isdigit() else None
        if conclusion is not None:
            initial.update(services.recommendation_draft_from_conclusion(conclusion=conclusion))
        return initial


class RecommendationEditView(SavedThroughServiceMixin, generic.EditView):
    pass


class RecommendationIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        query = {key: self.request.GET.get(key, "") for key in ("status", "source", "year")}
        query = {key: value for key, value in query.items() if value}
        url = reverse("wzk_admin:recommendations_xlsx") + (f"?{urlencode(query)}" if query else "")
        buttons.append(HeaderButton(_("Export the register (XLSX)"), url=url, icon_name="download"))
        return buttons


class RecommendationViewSet(ModelViewSet):
    name = "wzk_recommendation"
    url_prefix = "wzk/rekomendacje"
    model = Recommendation
    icon = "doc-full"
    menu_label = _("Recommendations")
    menu_order = 50
    menu_hook = WZK_MENU
    add_view_class = RecommendationCreateView
    edit_view_class = RecommendationEditView
    index_view_class = RecommendationIndexView
    filterset_class = RecommendationFilterSet
    list_display = ["number", "title", "status", "adopted_at", "answered_on", "is_public"]
    search_fields = ["number", "title", "text", "board_answer"]
    ordering = ["-number"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("number"), FieldPanel("status")]),
            FieldPanel("title"),
            FieldPanel("text"),
            MultiFieldPanel(
                [
                    FieldPanel("source_morning"),
                    FieldPanel("conclusion"),
                    FieldPanel("source_meeting"),
                    FieldPanel("source_visit"),
                ],
                heading=_("Source"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("adopted_at"),
                    FieldPanel("sent_on"),
                    FieldRowPanel([FieldPanel("answered_on"), FieldPanel("implemented_on")]),
                    FieldPanel("board_answer"),
                ],
                heading=_("Status and dates"),
            ),
            FieldPanel("is_public"),
        ],
        base_form_class=RecommendationAdminForm,
    )

    def get_queryset(self, request):
        return queries.recommendation_register()


class StudyVisitViewSet(ModelViewSet):
    name = "wzk_studyvisit"
    url_prefix = "wzk/wizyty"
    model = StudyVisit
    icon = "site"
    menu_label = _("Study visits")
    menu_order = 60
    menu_hook = WZK_MENU
    list_display = ["title", "country", "destination", "starts_on", "ends_on"]
    search_fields = ["title", "country", "destination", "institutions"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("country"), FieldPanel("destination")]),
            FieldPanel("institutions"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldPanel("participants"),
            FieldPanel("report"),
        ],
        base_form_class=StudyVisitAdminForm,
    )


@hooks.register("register_admin_viewset")
def register_recs_viewsets():
    return [PartnerMorningViewSet(), RecommendationViewSet(), StudyVisitViewSet()]


hooks.register(REACH_FIGURES, reach.reach_rows)


@hooks.register(SEED_DEMO, order=73)
def seed_recs(*, home, stdout):
    demo.seed_recs(home=home, stdout=stdout)
