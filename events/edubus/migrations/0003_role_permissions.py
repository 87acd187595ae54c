"""Staff and Edubus coordinators manage the Edubus models in the Wagtail admin."""

from django.db import migrations

MODELS = {
    "vehicle": "vehicle",
    "crewmember": "crew member",
    "blackout": "blackout",
    "stop": "stop",
    "stopreport": "stop report",
    "visitrequest": "visit request",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, verbose in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="edubus", model=model)
        for action in ("add", "change", "delete", "view"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {verbose}"}
            )
            permissions.append(permission)
    for group in Group.objects.filter(name__in=["Staff", "Edubus coordinator"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("edubus", "0002_stop_no_overlap"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
