"""Demo content of the fairs (the ``SEED_DEMO`` hook), idempotent: a second run changes nothing."""

from cms.demo import ensure_image
from events.models import EventPage, Stand

from .models import FloorPlan
from .plan_image import draw_hall_plan, layout_hall
from .services import save_placements

# ---- Floor plan ----

DEMO_FAIR = "festiwal-uczelni-malopolska"
# The university fair's two halls: which zones (by number) each holds.
DEMO_HALLS = [
    ("Hala A", "hala-a", (1, 2, 3, 4, 5, 6)),
    ("Hala B", "hala-b", (7, 8, 9, 10, 11)),
]
ROW_NAMES = ["w rzędzie najdalej od wejścia", "w rzędzie bliżej wejścia", "w rzędzie przy wejściu"]


def _description(hall, layout):
    """The hall in words, for people who cannot see the plan: where the zones are."""
    rows = {}
    for zone, _rgb, (_x0, y0, _x1, _y1) in layout.zones:
        rows.setdefault(y0, []).append(zone)
    parts = []
    for index, (_top, zones) in enumerate(sorted(rows.items())):
        names = ", ".join(f"strefa {zone}" for zone in zones)
        parts.append(f"{ROW_NAMES[min(index, len(ROW_NAMES) - 1)]} od lewej: {names}")
    return (
        f"{hall}: wejście na środku dolnej ściany planu. Strefy stoją w {len(rows)} rzędach; "
        + "; ".join(parts)
        + ". W każdej strefie stoiska ustawione są rzędami od lewej, w kolejności numerów."
    )


def seed_floor_plans(*, stdout=None):
    """The university fair's halls: a plan image drawn by ``plan_image`` and every stand placed."""
    fair = EventPage.objects.filter(slug=DEMO_FAIR).first()
    if fair is None:
        return
    zones = {zone.number: zone for zone in fair.zones.all()}
    stands = list(Stand.objects.filter(event=fair).order_by("pk"))
    for position, (hall, slug, numbers) in enumerate(DEMO_HALLS):
        hall_zones = [zones[number] for number in numbers if number in zones]
        hall_stands = [stand for stand in stands if stand.zone_id in {zone.pk for zone in hall_zones}]
        layout = layout_hall(hall_zones, hall_stands)
        image = ensure_image(
            f"Plan hali — {fair.title}, {hall}",
            f"plan-{slug}-v1.png",
            draw_hall_plan(hall_zones, hall_stands, title=f"{fair.title} — {hall}"),
        )
        plan, _created = FloorPlan.objects.update_or_create(
            event=fair,
            name=hall,
            defaults={"image": image, "description": _description(hall, layout), "position": position},
        )
        save_placements(
            floor_plan=plan, positions={stand.pk: layout.position(stand) for stand in hall_stands}
        )
    if stdout is not None:
        stdout.write(f"Floor plans: {len(DEMO_HALLS)} halls of {fair.title}, {len(stands)} stands placed.\n")
