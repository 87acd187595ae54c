from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The event pages' builders register with cms.pages once the models are loaded.
        from . import views  # noqa: F401, PLC0415 — it imports the models
