"""Staff change retention periods and read the run log; nobody adds or deletes either by hand."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "retention.change_retentionpolicy",
    "retention.view_retentionpolicy",
    "retention.view_retentionrun",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("cms", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
