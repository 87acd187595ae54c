"""The state changes of the fairs (each part of the app in its own block)."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import queries
from .models import StandVisitCode, StandVisitHour

# ---- Visits ----------------------------------------------------------------------------------


def ensure_visit_code(*, stand):
    """The stand's visit code, made on first use (idempotent, safe when two requests race)."""
    code, _created = StandVisitCode.objects.get_or_create(stand=stand)
    return code


def ensure_visit_codes(*, event):
    """Give every stand of the fair that has none a visit code; returns how many were made."""
    with transaction.atomic():
        missing = list(queries.stands_without_code(event))
        made = StandVisitCode.objects.bulk_create(
            [StandVisitCode(stand=stand) for stand in missing], ignore_conflicts=True
        )
    return len(made)


def save_visit_material(*, code, material, material_url):
    """What a visitor gets when scanning the stand's code: a text and a link."""
    with transaction.atomic():
        StandVisitCode.objects.filter(pk=code.pk).update(material=material, material_url=material_url)
    code.material, code.material_url = material, material_url
    return code


def count_stand_visit(*, stand, at=None):
    """One visit to ``stand`` in the Warsaw hour of ``at`` (now): an atomic upsert, so visits
    counted at once by many phones all count (no lost update) and the row of the hour is made
    once. Only on the fair's days: a code opened before the fair (the stand trying it out) or
    after it shows the material and counts nothing. Returns the start of the hour counted, or None."""
    hour = queries.hour_of(at or timezone.now())
    if hour.date() not in queries.fair_days(stand.event):
        return None
    with transaction.atomic():
        updated = StandVisitHour.objects.filter(stand=stand, hour=hour).update(visits=F("visits") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    StandVisitHour.objects.create(stand=stand, hour=hour, visits=1)
            except IntegrityError:  # another request made the hour's row first
                StandVisitHour.objects.filter(stand=stand, hour=hour).update(visits=F("visits") + 1)
    return hour
