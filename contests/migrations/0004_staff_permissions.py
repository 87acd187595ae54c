"""The Staff group manages extension codes and school profiles in the admin (their menu items were
shown to staff, but without the model permissions Wagtail sent them back to the dashboard)."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "contests.add_extension",
    "contests.change_extension",
    "contests.delete_extension",
    "contests.view_extension",
    "contests.add_school",
    "contests.change_school",
    "contests.delete_school",
    "contests.view_school",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("contests", "0003_extension_code_128_bits"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
