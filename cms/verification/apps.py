from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "cms.verification"
    label = "verification"
    verbose_name = _("Document verification")
    default_auto_field = "django.db.models.BigAutoField"
