from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "events.fairs"
    label = "fairs"
    verbose_name = _("Fair exhibitors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401, PLC0415 — connects the receivers once the models are loaded
