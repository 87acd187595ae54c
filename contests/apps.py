from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Contests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import models, queries  # noqa: PLC0415 — the models load only after the AppConfig modules

        models.PAGE_CONTEXT[models.ContestIndexPage] = queries.contest_index_context
        models.PAGE_CONTEXT[models.ContestPage] = queries.contest_page_context
