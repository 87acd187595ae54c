from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "contests.jury"
    label = "jury"
    verbose_name = _("Jury")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # An AppConfig module loads before the models; ready() runs once they are loaded.
        from contests import access, links  # noqa: PLC0415 — access imports the account rules, which import models

        from . import access as jury_access  # noqa: PLC0415 — imports the models: only once they are loaded
        from . import queries  # noqa: PLC0415 — imports the models: only once they are loaded

        links.register_contest_link(queries.vote_link)
        links.register_contest_link(queries.results_link)

        access.register_film_viewer(jury_access.assigned_juror)
        access.register_film_viewer(jury_access.published_laureate)
