import datetime

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from cms import hooks as cms_hooks
from cms import i18n
from cms.calendar import CalendarItem
from cms.dashboard import AttentionItem
from cms.hooks import (
    ADMIN_MENU_CONTESTS,
    ATTENTION_ITEMS,
    CALENDAR_ITEMS,
    HOME_SECTIONS,
    PERIODIC_TASKS,
    PERSONAL_DATA,
    REACH_FIGURES,
    RETENTION_RULES,
    SCHOOL_AREA,
    SEED_DEMO,
)
from cms.links import page_url
from cms.reach.figures import ReachRow

from . import access, admin_views, demo, privacy, queries, retention, school_area
from .models import Entry, Extension, School
from .tasks import remove_abandoned_uploads_task


@hooks.register("register_admin_urls")
def register_admin_urls():
    patterns = [
        path("entries/", admin_views.entry_list, name="entry_list"),
        path("entries/<int:pk>/", admin_views.entry_check, name="entry_check"),
    ]
    return [path("contests/", include((patterns, "contests_admin"), namespace="contests_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_staff(request.user)


@hooks.register(ADMIN_MENU_CONTESTS)
def register_entries_menu_item():
    return StaffMenuItem(
        gettext_lazy("Contest entries"), reverse("contests_admin:entry_list"), icon_name="media", order=10
    )


@hooks.register(ATTENTION_ITEMS)
def entries_to_check_attention(request):
    if not access.is_staff(request.user):
        return None
    status = Entry.Status.SUBMITTED
    return AttentionItem(
        label=gettext_lazy("Contest entries to check"),
        count=Entry.objects.filter(status=status).count(),
        url=reverse("contests_admin:entry_list") + f"?status={status}",
        order=20,
    )


class ExtensionViewSet(ModelViewSet):
    model = Extension
    icon = "time"
    menu_label = gettext_lazy("Extension codes")
    menu_hook = ADMIN_MENU_CONTESTS
    menu_order = 11
    form_fields = ["contest", "school", "closes_at"]
    list_display = ["school", "contest", "code", "closes_at", "redeemed_at"]
    list_filter = ["contest"]


class SchoolViewSet(ModelViewSet):
    model = School
    icon = "home"
    menu_label = gettext_lazy("Schools")
    menu_hook = ADMIN_MENU_CONTESTS
    menu_order = 12
    form_fields = [
        "name",
        "rspo",
        "street",
        "postal_code",
        "municipality",
        "voivodeship",
        "county",
        "municipality_code",
        "place_unmapped",
        "teachers",
    ]
    list_display = ["name", "rspo", "municipality", "county"]
    search_fields = ["name", "rspo", "municipality"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ExtensionViewSet("contest_extensions"), SchoolViewSet("contest_schools")]


@hooks.register(HOME_SECTIONS)
def open_contests_section(request):
    contests = queries.open_contests()
    if not contests:
        return None
    return {"order": 30, "template": "contests/home_section.html", "context": {"contests": contests}}


@hooks.register(SCHOOL_AREA)
def contests_school_area(request):
    return school_area.section(request)


@hooks.register(CALENDAR_ITEMS)
def contest_calendar_items(*, start=None, end=None):
    """The submission deadline and the results date (gala) of every live contest."""
    for contest in queries.live_contests():
        url = page_url(contest)
        moments = [("deadline", _("Submission deadline: %(title)s"), contest.submissions_close_at)]
        if contest.results_published_at:
            moments.append(("results", _("Results: %(title)s"), contest.results_published_at))
        for key, label, moment in moments:
            if (start and moment.date() < start) or (end and moment.date() > end):
                continue
            yield CalendarItem(
                uid=f"contest-{contest.pk}-{key}@edufest",
                kind="contest",
                kind_label=_("contest"),
                title=label % {"title": contest.title},
                url=url,
                starts_at=moment,
                ends_at=moment + datetime.timedelta(minutes=30 if key == "deadline" else 120),
                last_modified=contest.last_published_at
                or contest.latest_revision_created_at
                or timezone.now(),
                description=contest.lead,
                audiences=("pupils", "teachers"),
                language=i18n.page_language(contest),
                title_name=contest.title,
            )


@hooks.register(REACH_FIGURES)
def contest_reach(*, start, end):
    """One row per submitted entry: the school and the team members it reached (named pupils,
    ``basis="participants"``); the records are the contest's entries in the admin."""
    entries_url = reverse("contests_admin:entry_list")
    for entry in queries.submitted_entries(start=start, end=end):
        team = len(entry.team.all())
        yield ReachRow(
            activity_type="contest",
            activity_type_label=_("contest"),
            activity_key=f"contest:{entry.contest_id}",
            activity_name=entry.contest.title,
            registrations=1,
            people=team,
            basis="participants",
            pupils=team,
            school=entry.school.reach_key,
            institution_kind="school" if entry.school.reach_key else "",
            municipality=entry.school.municipality,
            county=entry.school.county,
            voivodeship=entry.school.voivodeship,
            municipality_code=entry.school.municipality_code,
            records_url=f"{entries_url}?contest={entry.contest_id}",
        )


@hooks.register(SEED_DEMO, order=50)
def seed_contests_demo(*, home, stdout):
    demo.seed(home=home, stdout=stdout)


@hooks.register(cms_hooks.DEMO_LOGINS)
def contests_demo_logins():
    return demo.demo_logins()


@hooks.register(PERSONAL_DATA, order=50)
def contests_personal_data():
    return privacy.source()


@hooks.register(RETENTION_RULES)
def contests_retention_rules():
    return retention.rules()


@hooks.register(PERIODIC_TASKS)
def contests_periodic_tasks():
    """Film uploads that stopped long ago are removed every hour."""
    return [(remove_abandoned_uploads_task, 60 * 60)]
