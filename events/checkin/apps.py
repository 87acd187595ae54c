from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    name = "events.checkin"
    label = "checkin"
    verbose_name = _("Tickets and check-in")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: PLC0415 — signals import the models, loaded after the app configs

        signals.connect()
