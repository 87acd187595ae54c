"""Staff build feedback surveys and attach them to events."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    f"feedback.{action}_{model}"
    for model in ("survey", "eventsurvey")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_surveys_invitations_responses"),
        ("cms", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
