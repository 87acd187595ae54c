"""The Staff group keeps the fairs' calls for exhibitors ("Calls for exhibitors" in the admin)."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [f"fairs.{action}_exhibitorcall" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("fairs", "0004_member_and_application_language"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
