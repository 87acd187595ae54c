from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "events.fairs"
    label = "fairs"
    verbose_name = _("Fair exhibitors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # ---- Stands ----
        # The stand page's context builder registers with cms.pages once the models are loaded.
        from . import queries  # noqa: F401, PLC0415 — it imports the models
