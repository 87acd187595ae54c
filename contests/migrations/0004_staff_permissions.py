"""The Staff group manages extension codes and school profiles in the admin (their menu items were
shown to staff, but without the model permissions Wagtail sent them back to the dashboard)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("extension", "school")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("contests")
    app_config.models_module = True  # the historical app config has none; create_permissions needs one
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff = Group.objects.filter(name="Staff").first()
    if staff is None:
        return
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label="contests", content_type__model__in=MODELS)
    )


class Migration(migrations.Migration):
    dependencies = [("contests", "0003_extension_code_128_bits"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
