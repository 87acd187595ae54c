from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.calendar import bump_on_model_changes


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Contests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        bump_on_model_changes(self.label)  # deadlines and results are calendar items (wagtail_hooks)

        from . import models, queries  # noqa: PLC0415 — the models load only after the AppConfig modules

        models.PAGE_CONTEXT[models.ContestIndexPage] = queries.contest_index_context
        models.PAGE_CONTEXT[models.ContestPage] = queries.contest_page_context
