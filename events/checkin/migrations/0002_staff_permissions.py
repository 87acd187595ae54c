"""Staff manage check-in lists, read the scan log and issue their own scanner API tokens."""

from django.db import migrations

GRANTS = {
    ("checkin", "checkinlist"): ["add", "change", "delete", "view"],
    ("checkin", "scan"): ["view"],
    ("checkin", "checkin"): ["view"],
    ("wagtailcore", "apitoken"): ["add", "change", "delete", "view"],
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
        ("checkin", "0001_initial"),
        ("cms", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
