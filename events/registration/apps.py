from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "events.registration"
    label = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"
