import django_filters
from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from cms import i18n
from cms.hooks import ADMIN_MENU_EVENTS, HOME_SECTIONS, SEED_DEMO

from . import demo, queries
from .admin_views import StandImportView
from .models import EventIndexPage, EventPage, Stand, Zone


class ZoneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.page.title}: {obj}"


class ZoneFilter(django_filters.ModelChoiceFilter):
    field_class = ZoneChoiceField


class StandFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"),
        queryset=EventPage.objects.filter(stands__isnull=False).distinct().order_by("-starts_at"),
    )
    zone = ZoneFilter(
        label=_("Zone"), queryset=Zone.objects.select_related("page").order_by("page", "sort_order")
    )

    class Meta:
        model = Stand
        fields = ["event", "zone"]


class StandIndexView(IndexView):
    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            event = self.request.GET.get("event", "")
            url = reverse(self.import_url_name) + (f"?event={event}" if event.isdigit() else "")
            buttons.append(HeaderButton(_("Import from CSV/XLSX"), url=url, icon_name="upload"))
        return buttons


class StandViewSet(SnippetViewSet):
    model = Stand
    icon = "table"
    menu_label = _("Fair stands")
    menu_order = 40
    menu_hook = ADMIN_MENU_EVENTS
    index_view_class = StandIndexView
    list_display = ["institution", "number", "zone", "event"]
    list_per_page = 50
    filterset_class = StandFilterSet
    search_fields = ["institution", "number", "description"]
    ordering = ["event", "zone__sort_order", "number"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_queryset(self, request):
        return Stand.objects.select_related("zone", "event")

    @property
    def import_view(self):
        return StandImportView.as_view(index_url_name=self.get_url_name("list"))

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", self.import_view, name="import")]


register_snippet(StandViewSet)


@hooks.register(HOME_SECTIONS)
def upcoming_events_section(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.localized
    index = i18n.descendants_of(EventIndexPage.objects.live(), root).order_by("path").first()
    return {
        "order": 10,
        "template": "events/includes/home_upcoming.html",
        "context": {
            "events": queries.events_for_home(root=root),
            "index_url": index.get_url(request) if index else "",
        },
    }


@hooks.register(SEED_DEMO, order=10)
def seed_events(*, home, stdout):
    demo.seed(home=home, stdout=stdout)
