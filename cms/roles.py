"""Names of the groups that carry Edufest's roles (created by a data migration)."""

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
