from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "contests.jury"
    label = "jury"
    verbose_name = _("Jury")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from contests import access, links

        from . import access as jury_access
        from . import queries

        links.register_contest_link(queries.vote_link)
        links.register_contest_link(queries.results_link)

        access.register_film_viewer(jury_access.assigned_juror)
        access.register_film_viewer(jury_access.published_laureate)
