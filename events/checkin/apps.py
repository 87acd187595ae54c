from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    name = "events.checkin"
    label = "checkin"
    verbose_name = _("Tickets and check-in")
    default_auto_field = "django.db.models.BigAutoField"
