"""Reach figures of registrations: one row per confirmed registration of an event in the period
(here, not in registration: who was present comes from the check-ins).

``places`` are the places the registration booked; ``people`` are those actually present: the
largest head-count checked in on any of the event's check-in lists (a class that entered on day 1
and day 2, or through two zones, is counted once, as many as came through one door at most).
"""

import datetime
import re
import zoneinfo

from django.db.models import Max
from django.db.models.functions import Coalesce

from cms.reach.figures import ReachRow
from events.registration.models import Registration

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def school_key(registration):
    if registration.school_rspo:
        return f"rspo:{registration.school_rspo}"
    name = re.sub(r"\s+", " ", registration.school_name).strip().lower()
    return f"name:{name}" if name else ""


def reach_rows(*, start, end):
    """``start``/``end`` are dates (inclusive, Europe/Warsaw) of the events' start."""
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=WARSAW)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=WARSAW)
    registrations = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED, event__starts_at__gte=since, event__starts_at__lt=until
        )
        .select_related("event")
        .annotate(present=Coalesce(Max("ticket__checkins__people"), 0))
        .order_by("pk")
    )
    for registration in registrations.iterator(chunk_size=2000):
        event = registration.event
        has_school_place = bool(
            registration.school_county
            or registration.school_municipality
            or registration.school_municipality_code
        )
        yield ReachRow(
            activity_type=f"event:{event.kind}",
            activity_type_label=str(event.get_kind_display()),
            activity_key=f"event:{event.pk}",
            registrations=1,
            people=registration.present,
            places=registration.places,
            school=school_key(registration),
            municipality=registration.school_municipality if has_school_place else event.municipality,
            county=registration.school_county if has_school_place else event.county,
            voivodeship=registration.school_voivodeship if has_school_place else event.voivodeship,
            municipality_code=registration.school_municipality_code
            if has_school_place
            else event.municipality_code,
        )
