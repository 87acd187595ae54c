"""State changes of the fairs: each a verb-first, keyword-only function in one transaction."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from cms.cache import bump_generation
from events.models import Stand

from .models import FloorPlan, StandPlacement

# ---- Floor plan ----


class PlacementError(Exception):
    """A stand cannot be put there; ``message`` says why (in the active language)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _percent(value, *, axis):
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise PlacementError(_("The position must be a number from 0 to 100.")) from error
    if not Decimal(0) <= number <= Decimal(100):
        raise PlacementError(
            _("The position %(axis)s must be from 0 to 100 per cent, not %(value)s.")
            % {"axis": axis, "value": value}
        )
    return number


def _place(*, stand, floor_plan, x, y):
    if stand.event_id != floor_plan.event_id:
        raise PlacementError(
            _("Stand %(stand)s belongs to another fair than the plan %(plan)s.")
            % {"stand": stand, "plan": floor_plan.name}
        )
    placement, _created = StandPlacement.objects.update_or_create(
        stand=stand,
        defaults={"floor_plan": floor_plan, "x": _percent(x, axis="x"), "y": _percent(y, axis="y")},
    )
    return placement


def place_stand(*, stand, floor_plan, x, y):
    """Put ``stand`` on ``floor_plan`` at ``x``/``y`` per cent of the image (0-100, from the top left
    corner); a stand is on one plan at a time, so this moves it from another hall's plan."""
    with transaction.atomic():
        placement = _place(stand=stand, floor_plan=floor_plan, x=x, y=y)
        transaction.on_commit(bump_generation)  # the fair's page shows the plan to anonymous visitors
        return placement


def save_placements(*, floor_plan, positions):
    """Set where the fair's stands are on ``floor_plan``: ``positions`` maps a stand's pk to
    ``(x, y)`` or to None (not on this plan: taken off it if it was here; a stand on another hall's
    plan stays there). All or nothing; returns ``(placed, removed)`` counts."""
    with transaction.atomic():
        floor_plan = FloorPlan.objects.select_for_update().get(pk=floor_plan.pk)
        stands = {stand.pk: stand for stand in Stand.objects.filter(pk__in=list(positions)).order_by("pk")}
        unknown = set(positions) - set(stands)
        if unknown:
            raise PlacementError(_("A stand was removed meanwhile: reload the page."))
        placed = removed = 0
        for pk, position in positions.items():
            if position is None:
                removed += StandPlacement.objects.filter(stand_id=pk, floor_plan=floor_plan).delete()[0]
            else:
                _place(stand=stands[pk], floor_plan=floor_plan, x=position[0], y=position[1])
                placed += 1
        transaction.on_commit(bump_generation)  # the fair's page shows the plan to anonymous visitors
        return placed, removed
