"""Staff manage and import the stands of fairs in the Wagtail admin."""

from django.db import migrations

ACTIONS = {"add": "Can add stand", "change": "Can change stand", "delete": "Can delete stand", "view": "Can view stand"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    staff = Group.objects.filter(name="Staff").first()
    if staff is None:
        return
    stand_type, _ = ContentType.objects.get_or_create(app_label="events", model="stand")
    for action, name in ACTIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=stand_type, codename=f"{action}_stand", defaults={"name": name}
        )
        staff.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    staff = Group.objects.filter(name="Staff").first()
    if staff is not None:
        staff.permissions.remove(
            *staff.permissions.filter(content_type__app_label="events", content_type__model="stand")
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
