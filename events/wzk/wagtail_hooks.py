"""The WZK in the admin (the "WZK" group under Events) and its hooks into cms."""

import django_filters
from django.core.exceptions import ValidationError
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from cms.dashboard import MenuGroup
from cms.hooks import ADMIN_MENU_EVENTS, REACH_FIGURES, SEED_DEMO

from . import admin_urls, demo, queries, reach, services
from .forms import PartnerMorningForm, RecommendationAdminForm, StudyVisitAdminForm
from .models import PartnerMorning, Recommendation, StudyVisit

# --- the WZK group (shared by the WZK's parts) -------------------------------------------------

WZK_MENU = "edufest_admin_menu_wzk"  # the WZK group's own submenu hook
WZK_GROUP = MenuGroup(label=_("WZK"), name="edufest-wzk", icon="group", order=50, hook=WZK_MENU)
hooks.register(ADMIN_MENU_EVENTS, WZK_GROUP.get_menu_item)


@hooks.register("register_admin_urls")
def register_wzk_admin_urls():
    return [path("wzk/", include((admin_urls.urlpatterns, "wzk_admin"), namespace="wzk_admin"))]


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
