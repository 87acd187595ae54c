from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WzkConfig(AppConfig):
    name = "events.wzk"
    label = "wzk"
    verbose_name = _("WZK team")
    default_auto_field = "django.db.models.BigAutoField"
