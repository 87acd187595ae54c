"""Reads of the fairs: the context of pages and admin views, with their rows prefetched."""

from django.db.models import Prefetch
from wagtail.images import get_image_model

from events.models import Stand
from events.queries import stand_number_sort_key

from .models import FloorPlan, StandPlacement

# ---- Floor plan ----

# The rendition a hall's plan is shown at (public page and the placing page): the marks are placed
# in per cent of the image, so any rendition of the same aspect ratio fits them.
PLAN_FILTER = "max-1600x1600"


def _with_rendition(queryset):
    images = get_image_model().objects.prefetch_renditions(PLAN_FILTER)
    return queryset.prefetch_related(Prefetch("image", images))


def fair_floor_plans(event):
    """The hall plans of a fair for its public page, in their order; each plan's ``marks`` are its
    placed stands in the order a visitor tabs through them (by zone, then stand number) and its
    ``zone_groups`` the same stands grouped by zone for the list alternative ``[(zone, [stand])]``.
    A stand's ``stand_page`` is its live stand page or None. Four queries for any number of stands."""
    if not event.pk:
        return []
    placements = StandPlacement.objects.select_related("stand__zone", "stand__page")
    plans = list(
        _with_rendition(FloorPlan.objects.filter(event=event))
        .prefetch_related(Prefetch("placements", placements))
        .order_by("position", "name", "pk")
    )
    for plan in plans:
        stands = []
        for placement in plan.placements.all():
            stand = placement.stand
            stand.x, stand.y = placement.x, placement.y
            page = getattr(stand, "page", None)
            stand.stand_page = page if page is not None and page.live else None
            stands.append(stand)
        plan.marks = sorted(stands, key=stand_number_sort_key)
        plan.zone_groups = _by_zone(plan.marks)
    return plans


def _by_zone(stands):
    groups = []
    for stand in stands:
        if groups and groups[-1][0] == stand.zone:
            groups[-1][1].append(stand)
        else:
            groups.append((stand.zone, [stand]))
    return groups


def floor_plan_for_placing(pk):
    """A hall plan with its fair and its image's rendition, or None."""
    return _with_rendition(FloorPlan.objects.select_related("event").filter(pk=pk)).first()


def stands_for_placing(floor_plan):
    """Every stand of the plan's fair (by zone and number), each with ``placement`` (this plan's or
    another hall's, with that plan) or None. One query."""
    stands = Stand.objects.filter(event_id=floor_plan.event_id).select_related(
        "zone", "placement__floor_plan"
    )
    rows = sorted(stands, key=stand_number_sort_key)
    for stand in rows:
        stand.current_placement = getattr(stand, "placement", None)
    return rows
