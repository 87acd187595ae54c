from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "contests.jury"
    label = "jury"
    verbose_name = _("Jury")
    default_auto_field = "django.db.models.BigAutoField"
