"""Admin of feedback surveys (the questionnaires with their questions, the surveys attached to
events, the results pages), the periodic mail job, the mail composer, privacy, retention, demo."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.admin.viewsets.model import ModelViewSet

from cms.accounts.auth import is_staff_member
from cms.hooks import (
    ADMIN_MENU_EVENTS,
    MAIL_COMPOSERS,
    PERIODIC_TASKS,
    PERSONAL_DATA,
    RETENTION_RULES,
    SEED_DEMO,
)

from . import admin_views, demo, mails, privacy, retention, services, tasks
from .models import EventSurvey, Survey


class SurveyViewSet(ModelViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Feedback surveys")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 45
    list_display = ["title", "created_at"]
    search_fields = ["title"]
    panels = Survey.panels
    copy_view_enabled = True


class EventSurveyViewSet(ModelViewSet):
    model = EventSurvey
    icon = "date"
    menu_label = _("Surveys of events")
    menu_hook = ADMIN_MENU_EVENTS
    menu_order = 46
    list_display = ["event", "survey", "send_after_hours", "reminder_after_hours", "closes_after_days"]
    search_fields = ["event__title", "survey__title"]
    copy_view_enabled = False
    panels = [
        FieldPanel("event"),
        FieldPanel("survey"),
        HelpPanel(
            content=_(
                "Every registration checked in at the event gets its personal link by e-mail (a class's "
                "teacher also a class link for the pupils), one reminder to those who have not answered, "
                "and no mail after the survey closes."
            )
        ),
        FieldRowPanel(
            [
                FieldPanel("send_after_hours"),
                FieldPanel("reminder_after_hours"),
                FieldPanel("closes_after_days"),
            ]
        ),
    ]

    def get_queryset(self, request):
        return EventSurvey.objects.select_related("event", "survey")


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    return [SurveyViewSet("feedback_surveys"), EventSurveyViewSet("feedback_event_surveys")]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(ADMIN_MENU_EVENTS)
def results_menu_item():
    return StaffMenuItem(_("Survey results"), reverse("feedback_admin:list"), icon_name="list-ul", order=47)


admin_urlpatterns = [
    path("", admin_views.event_survey_list, name="list"),
    path("<int:pk>/", admin_views.results, name="results"),
    path("<int:pk>/wyniki.xlsx", admin_views.results_xlsx, name="results_xlsx"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("feedback/", include((admin_urlpatterns, "feedback_admin")))]


@hooks.register(PERIODIC_TASKS)
def feedback_periodic_tasks():
    """Invitations, reminders and closing are checked every 15 minutes; marks keep each mail single."""
    return [(tasks.send_feedback_mail, 15 * 60)]


@hooks.register(MAIL_COMPOSERS)
def feedback_mails():
    return {services.COMPOSER: mails.compose}


@hooks.register(PERSONAL_DATA, order=15)
def feedback_personal_data():
    """Before registration's (20): its erasure blanks the address these invitations are found by."""
    return privacy.source()


@hooks.register(RETENTION_RULES)
def feedback_retention_rules():
    return retention.rules()


@hooks.register(SEED_DEMO, order=35)
def seed_feedback(*, home, stdout):
    """The demo survey on the past partner morning, with about 40 answers (``demo.seed``)."""
    demo.seed(stdout=stdout)
