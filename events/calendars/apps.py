from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "events.calendars"
    label = "calendars"
    verbose_name = _("Calendars")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: PLC0415 — signals import models, loaded after the app configs

        signals.connect()
