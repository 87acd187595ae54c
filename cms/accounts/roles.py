"""Names of the groups that carry Edufest's roles (created by a data migration), and the role checks."""

from django.core.exceptions import PermissionDenied

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


def can_operate(user):
    """Whether ``user`` may use the operations pages of the admin (outbox, failed tasks, two-factor enrolment)."""
    return user.is_active and (user.is_superuser or has_role(user, STAFF))


def require_operator(request):
    """Refuse (403) a request of a user who may not use the operations pages."""
    if not can_operate(request.user):
        raise PermissionDenied
