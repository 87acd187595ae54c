"""Recording head-counts: one call per tap batch, idempotent by the device's ``client_id``."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.edubus.models import Stop
from events.models import EventPage

from . import queries
from .models import HeadCount

# How far from "now" a device's own time of a tap may be (offline batches synced later).
MAX_AGE = datetime.timedelta(days=14)
MAX_AHEAD = datetime.timedelta(minutes=10)


class CountError(ValueError):
    """Input a count cannot be recorded with: ``field`` names the field, ``message`` says why."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Recorded:
    count: HeadCount
    created: bool  # False: the same client_id was sent before; nothing was added
    bucket: int  # people in the bucket after this count


def record_count(
    *,
    client_id,
    category,
    delta,
    recorded_by,
    event=None,
    stop=None,
    zone=None,
    school_rspo="",
    school_name="",
    counted_at=None,
    hour=None,
    offline=False,
):
    """Add ``delta`` people of ``category`` to the hour of ``counted_at`` (default: now) of an
    event (optionally one of its zones) or an Edubus stop. A ``client_id`` already recorded
    returns the first record unchanged. A negative ``delta`` is trimmed so that the bucket (target,
    zone, hour, category, school) does not go below 0 (the record keeps the trimmed value).
    Staff correcting a past hour in the admin pass ``hour`` instead of a device's ``counted_at``."""
    if (event is None) == (stop is None):
        raise CountError("event", _("Choose an event or an Edubus stop."))
    if zone is not None and (event is None or zone.page_id != event.pk):
        raise CountError("zone", _("Choose a zone of this event."))
    if not delta:
        raise CountError("delta", _("Count at least one person (or take one away)."))
    now = timezone.now()
    if hour is None:
        counted_at = counted_at or now
        if not now - MAX_AGE <= counted_at <= now + MAX_AHEAD:
            raise CountError("counted_at", _("The time of the count is not plausible."))
        hour = counted_at
    hour = queries.hour_of(hour)
    school_rspo, school_name = school_rspo.strip(), " ".join(school_name.split())
    with transaction.atomic():
        # One bucket is changed at a time: the target's row is the lock (a -1 on two phones at
        # once cannot take a bucket below 0).
        if event is not None:
            EventPage.objects.select_for_update(of=("self",)).filter(pk=event.pk).first()
        else:
            Stop.objects.select_for_update().filter(pk=stop.pk).first()
        existing = HeadCount.objects.filter(client_id=client_id).first()
        bucket = {
            "event": event,
            "stop": stop,
            "zone": zone,
            "hour": hour,
            "category": category,
            "school_rspo": school_rspo,
            "school_name": school_name,
        }
        if existing is not None:
            return Recorded(
                count=existing,
                created=False,
                bucket=queries.bucket_total(
                    event=existing.event,
                    stop=existing.stop,
                    zone=existing.zone,
                    hour=existing.hour,
                    category=existing.category,
                    school_rspo=existing.school_rspo,
                    school_name=existing.school_name,
                ),
            )
        before = queries.bucket_total(**bucket)
        applied = max(delta, -before)
        count = HeadCount.objects.create(
            **bucket, delta=applied, client_id=client_id, recorded_by=recorded_by, offline=offline
        )
        return Recorded(count=count, created=True, bucket=before + applied)
