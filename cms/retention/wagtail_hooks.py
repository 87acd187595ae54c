"""Admin: retention periods (staff change the days, nothing else) and the read-only run log;
the daily run as a periodic task; the rules of the data ``cms`` itself holds (mail, accounts)."""

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.hooks import PERIODIC_TASKS, RETENTION_RULES, SEED_DEMO

from .builtin import rules
from .models import RetentionPolicy, RetentionRun
from .rules import registered_rules
from .services import sync_policies, update_policy
from .tasks import apply_retention

DAY = 24 * 60 * 60


class ActionsOnlyPolicy(ModelPermissionPolicy):
    """Grants only the listed actions, each on its model permission (superusers included):
    policies are created from the rules, never added or deleted by hand; runs are a log."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        if action not in self.actions:
            return False
        codename = "view" if action == "inspect" else action
        return super().user_has_permission(user, codename)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(RetentionPolicy, ActionsOnlyPolicy(RetentionPolicy, ("change", "view")))
register_permission_policy(RetentionRun, ActionsOnlyPolicy(RetentionRun, ("view", "inspect")))


class PolicyEditView(EditView):
    def save_instance(self):
        return update_policy(
            policy=self.form.instance,
            days=self.form.cleaned_data["days"],
            enabled=self.form.cleaned_data["enabled"],
            user=self.request.user,
        )


class PolicyIndexView(IndexView):
    def get_base_queryset(self):
        """In the order the rules give (registrations first, accounts last), not by key."""
        position = Case(
            *(When(kind=rule.key, then=Value(index)) for index, rule in enumerate(registered_rules())),
            default=Value(1000),
            output_field=IntegerField(),
        )
        return RetentionPolicy.objects.order_by(position, "kind")


class RetentionPolicyViewSet(ModelViewSet):
    model = RetentionPolicy
    icon = "time"
    menu_label = _("Retention periods")
    add_to_settings_menu = True
    menu_order = 900
    index_view_class = PolicyIndexView
    edit_view_class = PolicyEditView
    copy_view_enabled = False
    list_display = ["label", "days", "anchor", "action_label", "enabled", "updated_at"]
    panels = [
        HelpPanel(template="retention/admin/policy_help.html"),
        FieldPanel("days"),
        FieldPanel("enabled"),
    ]


class RetentionRunViewSet(ModelViewSet):
    model = RetentionRun
    icon = "history"
    menu_label = _("Retention runs")
    add_to_settings_menu = True
    menu_order = 901
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["processed"]
    list_display = ["started_at", "label", "action", "processed", "cutoff", "complete", "error"]
    list_filter = ["action", "complete"]
    inspect_view_fields = [
        "kind",
        "action",
        "days",
        "cutoff",
        "processed",
        "batches",
        "complete",
        "error",
        "started_at",
        "finished_at",
    ]


@hooks.register("register_admin_viewset")
def register_retention_viewsets():
    return [RetentionPolicyViewSet("retention_policies"), RetentionRunViewSet("retention_runs")]


@hooks.register(PERIODIC_TASKS)
def retention_periodic_tasks():
    """Once a day; a run that stops at its batch limit is continued the next day."""
    return [(apply_retention, DAY)]


@hooks.register(RETENTION_RULES)
def cms_retention_rules():
    return rules()


@hooks.register(SEED_DEMO, order=900)
def seed_retention_policies(*, home, stdout):
    policies = sync_policies()
    if stdout:
        stdout.write(f"Retention periods: {len(policies)}")
