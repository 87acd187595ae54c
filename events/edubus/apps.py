from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdubusConfig(AppConfig):
    name = "events.edubus"
    label = "edubus"
    verbose_name = _("Edubus")
    default_auto_field = "django.db.models.BigAutoField"
