"""Staff manage and import the stands of fairs in the Wagtail admin."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "events.add_stand",
    "events.change_stand",
    "events.delete_stand",
    "events.view_stand",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


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
