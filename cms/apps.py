from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Once the models are loaded: the signal handlers connect, and the page builders register
        # (cms.pages) for the page models, which import no layer above them.
        from . import queries, rss, signals  # noqa: F401, PLC0415 — they import the models
