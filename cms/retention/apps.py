from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "cms.retention"
    label = "retention"
    verbose_name = _("Data retention")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_seed_policies, sender=self)


def _seed_policies(*, using, **kwargs):
    """After ``migrate`` every registered kind has its policy row with the default period."""
    from .models import RetentionPolicy  # noqa: PLC0415 — app registry not ready when apps.py is imported
    from .services import sync_policies  # noqa: PLC0415 — app registry not ready when apps.py is imported (the services import the models)

    if RetentionPolicy._meta.db_table in connections[using].introspection.table_names():
        sync_policies()
