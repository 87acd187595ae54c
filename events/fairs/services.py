"""Every state change of the fairs: verb-first, keyword-only functions, one transaction each.

Each area of the fairs keeps its functions in its own block (``# ---- <Area> ----``)."""

from django.db import transaction
from django.utils.translation import gettext as _

from events.registration.models import Registration

from .models import VisitorPlan

# ---- Visitor's plan ----


class PlanError(Exception):
    """A change the visitor's plan refuses; ``str()`` is the message for the visitor."""


def add_to_plan(*, token, event, stand=None, workshop=None):
    """Add a stand or a stand workshop of ``event`` (a published fair) to the visitor's plan of
    that fair: the plan with ``token`` when it is one of this fair, else a new anonymous plan.
    Returns the plan (its token goes into the visitor's session). Adding twice changes nothing."""
    if (stand is None) == (workshop is None):
        raise ValueError("add_to_plan takes a stand or a workshop")
    if stand is not None and stand.event_id != event.pk:
        raise ValueError("the stand is not one of this fair's")
    with transaction.atomic():
        plan = None
        if token:
            plan = VisitorPlan.objects.select_for_update().filter(token=token, event=event).first()
        if plan is None:
            plan = VisitorPlan.objects.create(event=event)
        if stand is not None:
            plan.stands.add(stand)
        else:
            plan.workshops.add(workshop)
        plan.save(update_fields=["updated_at"])
    return plan


def remove_from_plan(*, plan, stand=None, workshop=None):
    """Take a stand or a workshop off the plan (nothing happens when it is not on it)."""
    with transaction.atomic():
        if stand is not None:
            plan.stands.remove(stand)
        if workshop is not None:
            plan.workshops.remove(workshop)
        plan.save(update_fields=["updated_at"])
    return plan


def plan_for_registration(*, registration, token=None):
    """The plan kept on a fair's registration: the one it has; else the visitor's anonymous plan
    of the same fair (``token``, not yet on another registration), which the registration takes
    over; else a new empty one. A cancelled registration gets none (``PlanError``)."""
    with transaction.atomic():
        # The registration row is the lock: two clicks at once make one plan, not two.
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise PlanError(_("This registration has been cancelled: it has no visit plan."))
        plan = VisitorPlan.objects.filter(registration=registration).first()
        if plan is not None:
            return plan
        if token:
            plan = (
                VisitorPlan.objects.select_for_update()
                .filter(token=token, event_id=registration.event_id, registration__isnull=True)
                .first()
            )
        if plan is None:
            return VisitorPlan.objects.create(event_id=registration.event_id, registration=registration)
        plan.registration = registration
        plan.save(update_fields=["registration", "updated_at"])
        return plan
