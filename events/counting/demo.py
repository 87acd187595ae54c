"""Demo head-counts: the Małopolska fair (found by slug) gets hourly walk-in counts in three of its
zones with categories; the first Edubus stop that took place gets counts that replace the visitors
of its typed report. Idempotent: each batch has a fixed UUID (uuid5 of its place)."""

import datetime
import uuid

from django.utils import timezone

from events.edubus.models import Stop
from events.models import EventPage

from .models import Category
from .services import record_count

NAMESPACE = uuid.UUID("6f1c2a64-7a55-4f0e-9d8f-2b9f7f3c1e10")
FAIR_SLUG = "festiwal-uczelni-malopolska"
# People per hour (from 9:00) and category in the first three zones of the fair's first day.
FAIR_COUNTS = {
    1: [
        (Category.PUPILS, [40, 65, 80, 52, 30]),
        (Category.TEACHERS, [4, 6, 5, 3, 2]),
        (Category.ADULTS, [6, 9, 12, 8, 4]),
    ],
    2: [
        (Category.PUPILS, [25, 48, 61, 40, 22]),
        (Category.TEACHERS, [2, 4, 3, 2, 1]),
        (Category.OTHER, [1, 2, 2, 1, 0]),
    ],
    3: [
        (Category.PUPILS, [12, 20, 26, 18, 9]),
        (Category.ADULTS, [3, 5, 6, 4, 2]),
        (Category.UNKNOWN, [2, 3, 1, 2, 1]),
    ],
}
STOP_COUNTS = [(Category.PUPILS, [58, 71]), (Category.TEACHERS, [5, 6]), (Category.ADULTS, [3, 2])]


def _count(key, *, hour, category, people, **target):
    if people:
        record_count(
            client_id=uuid.uuid5(NAMESPACE, key),
            category=category,
            delta=people,
            recorded_by=None,
            hour=hour,
            **target,
        )


def seed(*, stdout=None):
    fair = EventPage.objects.filter(slug=FAIR_SLUG).first()
    if fair is not None:
        day = timezone.localtime(fair.starts_at).replace(hour=9, minute=0, second=0, microsecond=0)
        zones = {zone.number: zone for zone in fair.zones.all()}
        for number, series in FAIR_COUNTS.items():
            zone = zones.get(number)
            if zone is None:
                continue
            for category, people in series:
                for offset, value in enumerate(people):
                    _count(
                        f"fair:{fair.pk}:{number}:{category}:{offset}",
                        hour=day + datetime.timedelta(hours=offset),
                        category=category,
                        people=value,
                        event=fair,
                        zone=zone,
                    )
        if stdout:
            stdout.write(f"Counted visitors: {fair.title}")
    stop = Stop.objects.filter(status=Stop.Status.DONE).order_by("arrival", "pk").first()
    if stop is not None:
        start = timezone.localtime(stop.arrival)
        for category, people in STOP_COUNTS:
            for offset, value in enumerate(people):
                _count(
                    f"stop:{stop.pk}:{category}:{offset}",
                    hour=start + datetime.timedelta(hours=offset),
                    category=category,
                    people=value,
                    stop=stop,
                )
        if stdout:
            stdout.write(f"Counted visitors: Edubus, {stop.place_name}")
