"""Staff prepare WZK meetings (agenda, documents, invitations) in the Wagtail admin."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "wzk.add_meeting",
    "wzk.change_meeting",
    "wzk.delete_meeting",
    "wzk.view_meeting",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("wzk", "0003_staff_roster_permissions"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
