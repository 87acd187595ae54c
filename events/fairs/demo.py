"""Demo content of the fairs (each part of the app in its own block; SEED_DEMO in wagtail_hooks)."""

import datetime

from django.utils import timezone

from events.models import EventPage, Stand

from . import queries, services
from .models import Application, ExhibitorCall, StandVisitHour

# ---- Visits ----------------------------------------------------------------------------------

VISITS_FAIR_SLUG = "festiwal-uczelni-malopolska"
# Visits per hour from the fair's opening on its first day, for the first accepted stand; each
# next stand gets a few fewer (never below one).
DEMO_VISITS = [14, 32, 45, 38, 21, 9]
DEMO_MATERIAL = (
    "Dziękujemy za odwiedziny! Kierunki studiów, terminy rekrutacji i dni otwarte znajdziesz w naszej ulotce."
)


def seed_visits(*, stdout):
    """The university fair's call gets stand visit codes on (when the exhibitors' demo made the
    call), every stand a code, the accepted stands a material text and visits on the first day.
    Idempotent: the visits are seeded only while the fair has none."""
    fair = EventPage.objects.filter(slug=VISITS_FAIR_SLUG).first()
    call = ExhibitorCall.objects.filter(event=fair).first() if fair else None
    if call is None:
        return
    if not call.stand_visits_enabled:
        ExhibitorCall.objects.filter(pk=call.pk).update(stand_visits_enabled=True)
    services.ensure_visit_codes(event=fair)
    stands = list(
        Stand.objects.filter(event=fair, application__status=Application.Status.ACCEPTED)
        .select_related("visit_code")
        .order_by("zone__sort_order", "number", "pk")
    )
    for stand in stands:
        if not stand.visit_code.material:
            services.save_visit_material(
                code=stand.visit_code, material=DEMO_MATERIAL, material_url=stand.url or ""
            )
    if StandVisitHour.objects.filter(stand__event=fair).exists():
        return
    opening = queries.hour_of(timezone.localtime(fair.starts_at))
    StandVisitHour.objects.bulk_create(
        StandVisitHour(
            stand=stand, hour=opening + datetime.timedelta(hours=offset), visits=max(1, visits - 4 * index)
        )
        for index, stand in enumerate(stands)
        for offset, visits in enumerate(DEMO_VISITS)
    )
    stdout.write(f"Stand visits: {len(stands)} stands of {fair.title}\n")
