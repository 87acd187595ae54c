"""Demo check-in lists for the events app's demo festival (found by slug)."""

import datetime

from django.utils import timezone

from events.models import EventPage

from .models import CheckInList


def seed(*, stdout):
    """Lists "Dzień 1" and "Dzień 2" for the Opolskie festival (no API token: tokens are secrets)."""
    festival = EventPage.objects.filter(slug="festiwal-zawodow-opolskie").first()
    if festival is None:
        return
    first_day = timezone.localdate(festival.starts_at)
    for number, day in ((1, first_day), (2, first_day + datetime.timedelta(days=1))):
        _list, created = CheckInList.objects.get_or_create(
            event=festival, name=f"Dzień {number}", defaults={"day": day}
        )
        if created and stdout:
            stdout.write(f"Check-in list: {festival.title}, Dzień {number}")
