from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.calendar import bump_on_model_changes


class EdubusConfig(AppConfig):
    name = "events.edubus"
    label = "edubus"
    verbose_name = _("Edubus")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        bump_on_model_changes(self.label)  # the stops are calendar items (feeds.calendar_items)
