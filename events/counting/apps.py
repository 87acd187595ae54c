from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountingConfig(AppConfig):
    name = "events.counting"
    label = "counting"
    verbose_name = _("Counted visitors")
    default_auto_field = "django.db.models.BigAutoField"
