"""Staff keep partner mornings, conclusions, recommendations and study visits."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    f"wzk.{action}_{model}"
    for model in ("partnermorning", "conclusion", "recommendation", "studyvisit")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("wzk", "0005_minutes_attendance_record"),
        ("cms", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
