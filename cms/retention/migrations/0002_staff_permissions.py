"""Staff change retention periods and read the run log; nobody adds or deletes either by hand."""

from django.db import migrations

GRANTS = {
    ("retention", "retentionpolicy"): ["change", "view"],
    ("retention", "retentionrun"): ["view"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    staff = Group.objects.filter(name="Staff").first()
    if staff is None:
        return
    for (app_label, model), actions in GRANTS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            staff.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("cms", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
