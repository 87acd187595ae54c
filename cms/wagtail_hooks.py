from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import demo
from .accounts import admin_views as accounts_admin
from .accounts.auth import is_staff_member
from .dashboard import AttentionItem, AttentionPanel, MenuGroup, attention_items
from .hooks import (
    ADMIN_MENU_CONTESTS,
    ADMIN_MENU_EVENTS,
    ADMIN_MENU_OPERATIONS,
    ATTENTION_ITEMS,
    PERIODIC_TASKS,
    SEED_DEMO,
)
from .jobs import admin_views as jobs_admin
from .jobs.tasks import prune_task_results, worker_heartbeat
from .models import NavigationMenu
from .outbox import admin_views as outbox_admin
from .outbox.models import OutgoingEmail
from .outbox.tasks import requeue_due_emails
from .reach.admin_views import can_view_reach, reach_dashboard, reach_rows_view, unmapped_places_view


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """Lets the page cache ask the page type whether anonymous views may be cached."""
    request._edufest_served_page = page


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "locale"]


register_snippet(NavigationMenuViewSet)


@hooks.register(SEED_DEMO, order=1000)
def seed_menus(*, home, stdout):
    """Last of the demo hooks, so the apps' index pages are in the menus too."""
    demo.ensure_menus(home)


@hooks.register("register_admin_urls")
def reach_admin_urls():
    return [
        path("reach/", reach_dashboard, name="cms_reach"),
        path("reach/rows/", reach_rows_view, name="cms_reach_rows"),
        path("reach/places-to-check/", unmapped_places_view, name="cms_unmapped_places"),
    ]


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reach(request.user)


@hooks.register(ADMIN_MENU_OPERATIONS)
def reach_menu_item():
    return ReachMenuItem(_("Reach"), reverse("cms_reach"), icon_name="view", order=250)


@hooks.register(ADMIN_MENU_OPERATIONS)
def unmapped_places_menu_item():
    return ReachMenuItem(_("Places to check"), reverse("cms_unmapped_places"), icon_name="warning", order=251)


@hooks.register(PERIODIC_TASKS)
def cms_periodic_tasks():
    """Outbox retries and a worker heartbeat on every queue every minute (``/healthz`` watches each
    queue's worker); old task results pruned daily."""
    heartbeats = [
        (worker_heartbeat if name == "default" else worker_heartbeat.using(queue_name=name), 60)
        for name in settings.TASK_QUEUES
    ]
    return [(requeue_due_emails, 60), *heartbeats, (prune_task_results, 24 * 60 * 60)]


@hooks.register("register_admin_urls")
def operations_admin_urls():
    return [
        path("outbox/", outbox_admin.outbox, name="cms_outbox"),
        path("outbox/<int:pk>/resend/", outbox_admin.outbox_resend, name="cms_outbox_resend"),
        path("outbox/resend-failed/", outbox_admin.outbox_resend_failed, name="cms_outbox_resend_failed"),
        path("failed-tasks/", jobs_admin.failed_tasks, name="cms_failed_tasks"),
        path("failed-tasks/<uuid:pk>/retry/", jobs_admin.failed_task_retry, name="cms_failed_task_retry"),
        path("two-factor/", accounts_admin.mfa_enrolment, name="cms_mfa_enrolment"),
        path("two-factor/<int:pk>/send/", accounts_admin.mfa_enrolment_send, name="cms_mfa_enrolment_send"),
    ]


class OperationsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register(ADMIN_MENU_OPERATIONS)
def outbox_menu_item():
    return OperationsMenuItem(_("E-mail outbox"), reverse("cms_outbox"), icon_name="mail", order=260)


@hooks.register(ADMIN_MENU_OPERATIONS)
def failed_tasks_menu_item():
    return OperationsMenuItem(_("Failed tasks"), reverse("cms_failed_tasks"), icon_name="warning", order=270)


MENU_GROUPS = (
    MenuGroup(label=_("Events"), name="edufest-events", icon="date", order=210, hook=ADMIN_MENU_EVENTS),
    MenuGroup(
        label=_("Contests"), name="edufest-contests", icon="media", order=230, hook=ADMIN_MENU_CONTESTS
    ),
    MenuGroup(
        label=_("Operations"), name="edufest-operations", icon="cogs", order=270, hook=ADMIN_MENU_OPERATIONS
    ),
)
for group in MENU_GROUPS:
    hooks.register("register_admin_menu_item", group.get_menu_item)


@hooks.register("construct_homepage_panels")
def attention_panel(request, panels):
    """What needs attention (requests to review, entries to check, failed mails) above all else."""
    panels.insert(0, AttentionPanel(attention_items(request)))


@hooks.register(ATTENTION_ITEMS)
def failed_mails_attention(request):
    if not is_staff_member(request.user):
        return None
    count = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count()
    url = reverse("cms_outbox") + f"?status={OutgoingEmail.Status.FAILED}"
    return AttentionItem(label=_("E-mails that failed"), count=count, url=url, order=30)


@hooks.register(ADMIN_MENU_OPERATIONS)
def mfa_enrolment_menu_item():
    return OperationsMenuItem(
        _("Two-factor enrolment"), reverse("cms_mfa_enrolment"), icon_name="lock", order=280
    )
