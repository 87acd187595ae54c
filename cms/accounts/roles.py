"""Names of the groups that carry Edufest's roles (created by a data migration), and the role checks."""

STAFF = "Staff"
SCHOOL_COORDINATOR = "School coordinator"
JUROR = "Juror"
EDUBUS_COORDINATOR = "Edubus coordinator"

ALL = (STAFF, SCHOOL_COORDINATOR, JUROR, EDUBUS_COORDINATOR)


def has_role(user, role):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role).exists()


# Roles whose holders land on their own pages after logging in (the admin, the jury), not the school area.
OWN_LANDING = (STAFF, JUROR, EDUBUS_COORDINATOR)


def lands_in_school_area(user):
    """A school coordinator without a staff, juror or Edubus role lands in the school area."""
    if not user.is_authenticated or user.is_staff or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return SCHOOL_COORDINATOR in names and not names & set(OWN_LANDING)


def grant_permissions(apps, group_names, codenames):
    """Give the groups named ``group_names`` (those that exist) the permissions ``codenames``
    (``"app_label.action_model"``, e.g. ``"checkin.view_scan"``); for data migrations.

    Uses only ``apps.get_model``, so it works on a migration's historical models: a permission that
    does not exist yet (Django creates them only after the last migration) is created as Django
    would name it, ``Can <action> <verbose name>``."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for dotted in codenames:
        app_label, codename = dotted.split(".")
        action, model_name = codename.split("_", 1)
        model = apps.get_model(app_label, model_name)
        content_type, _created = ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
        )
        permissions.append(permission)
    for group in Group.objects.filter(name__in=group_names):
        group.permissions.add(*permissions)
