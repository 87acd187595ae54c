from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "events.fairs"
    label = "fairs"
    verbose_name = _("Fair exhibitors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # ---- Stands ----
        # The stand page's context builder registers with cms.pages once the models are loaded.
        from cms.cache import bump_generation  # noqa: PLC0415 — the app registry is ready only now

        from . import queries  # noqa: F401, PLC0415 — it imports the models

        # ---- Applications: the fair page shows its open call ("Apply for a stand") ----
        call = self.get_model("ExhibitorCall")
        post_save.connect(bump_generation, sender=call, dispatch_uid="fairs_call_saved")
        post_delete.connect(bump_generation, sender=call, dispatch_uid="fairs_call_deleted")
        from . import signals  # noqa: F401, PLC0415 — connects the receivers once the models are loaded
