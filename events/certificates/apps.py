from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "events.certificates"
    label = "certificates"
    verbose_name = _("Certificates of attendance")
    default_auto_field = "django.db.models.BigAutoField"
