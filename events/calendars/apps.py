from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "events.calendars"
    label = "calendars"
    verbose_name = _("Calendars")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Once the models are loaded: the signal handlers, and the calendar page's builder (cms.pages).
        from . import queries, signals  # noqa: F401, PLC0415 — they import the models

        signals.connect()
