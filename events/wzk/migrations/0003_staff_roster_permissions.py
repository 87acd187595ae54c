"""The Staff group keeps the WZK roster: members and their standing substitutes."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    f"wzk.{action}_{model}"
    for model in ("member", "substitute")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("wzk", "0002_member_invited_at_substitutes_inline"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
