"""Staff keep the fairs' hall plans (upload the plan, place the stands) in the Wagtail admin."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    f"fairs.{action}_{model}"
    for model in ("floorplan", "standplacement")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    staff = Group.objects.filter(name="Staff").first()
    if staff is not None:
        staff.permissions.remove(
            *staff.permissions.filter(
                content_type__app_label="fairs", content_type__model__in=["floorplan", "standplacement"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("fairs", "0005_staff_exhibitor_call_permissions"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
