"""The Staff group manages the jury's rounds, criteria, jurors' declarations and public votes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("round", "criterion", "jurorprofile", "votewindow", "externalfigure")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("jury")
    app_config.models_module = True  # the historical app config has none; create_permissions needs one
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff = Group.objects.filter(name="Staff").first()
    if staff is None:
        return
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="jury", content_type__model__in=MODELS))


class Migration(migrations.Migration):
    dependencies = [("jury", "0001_initial"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
