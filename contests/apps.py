from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.calendar import bump_on_model_changes


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Contests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        bump_on_model_changes(self.label)  # deadlines and results are calendar items (wagtail_hooks)

        # The contest pages' builders register with cms.pages once the models are loaded.
        from . import queries  # noqa: F401, PLC0415 — it imports the models
