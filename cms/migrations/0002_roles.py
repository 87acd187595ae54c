"""Groups for Edufest's roles. Staff get what Wagtail's Moderators have (pages, images, documents)."""

from django.db import migrations

STAFF = "Staff"
SCHOOL_COORDINATOR = "School coordinator"
JUROR = "Juror"
EDUBUS_COORDINATOR = "Edubus coordinator"


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    staff, _ = Group.objects.get_or_create(name=STAFF)
    edubus, _ = Group.objects.get_or_create(name=EDUBUS_COORDINATOR)
    Group.objects.get_or_create(name=SCHOOL_COORDINATOR)
    Group.objects.get_or_create(name=JUROR)
    staff.permissions.add(access_admin)
    edubus.permissions.add(access_admin)

    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:
        return
    staff.permissions.add(*moderators.permissions.all())
    for grant in GroupPagePermission.objects.filter(group=moderators):
        GroupPagePermission.objects.get_or_create(group=staff, page=grant.page, permission=grant.permission)
    for grant in GroupCollectionPermission.objects.filter(group=moderators):
        GroupCollectionPermission.objects.get_or_create(
            group=staff, collection=grant.collection, permission=grant.permission
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[STAFF, SCHOOL_COORDINATOR, JUROR, EDUBUS_COORDINATOR]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    run_before = []

    operations = [migrations.RunPython(create_roles, remove_roles)]
