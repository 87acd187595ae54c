"""Reach figures of stand visits: the fair's visitors counted by its stands' visit codes.

The rule (no double count): every visitor who scans a stand's code is also somebody who came
through the fair's door, and may scan several stands, so stand visits cannot be added up. What
they show for sure is that at least as many people were at the fair as opened the busiest
stand's code. So a fair's extra counted visitors are

    max(0, most visits of any one stand - people checked in at the door - people counted at the entrance)

(people checked in as the registrations' reach rows count them, exhibitor passes left out; people
counted as the head-counts' rows). They are only those whom neither the tickets nor the counters
saw; most fairs add none. One row per fair, basis "counted", its place the fair's venue.
"""

import datetime
import zoneinfo

from django.db.models import Max, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from cms.reach.figures import ReachRow
from events.counting.models import HeadCount
from events.models import EventPage
from events.registration.models import Registration

from .models import StandVisitHour

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def extra_visitors(*, most_visits, checked_in, counted):
    """The rule of the module's docstring."""
    return max(0, most_visits - checked_in - counted)


def reach_rows(*, start, end):
    """Fairs starting between ``start`` and ``end`` (dates, inclusive, Europe/Warsaw)."""
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=WARSAW)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=WARSAW)
    for sums in visit_reach_sums(since=since, until=until):
        people = extra_visitors(
            most_visits=sums["most_visits"], checked_in=sums["checked_in"], counted=sums["counted"]
        )
        if not people:
            continue
        event = sums["event"]
        yield ReachRow(
            activity_type=f"event:{event.kind}",
            activity_type_label=str(event.get_kind_display()),
            activity_key=f"event:{event.pk}",
            activity_name=event.title,
            basis="counted",
            people=people,
            municipality=event.municipality,
            county=event.county,
            voivodeship=event.voivodeship,
            municipality_code=event.municipality_code,
            venue_municipality_code=event.municipality_code,
            records_url=reverse("fairs_admin:visits", args=[event.pk]),
        )


def visit_reach_sums(*, since, until):
    """For each fair starting in [since, until) with stand visits: the event, the most visits of
    any one stand, the people checked in at the door (as the registrations' reach rows count them:
    each confirmed registration's largest check-in, exhibitor passes left out) and the people
    counted at its entrances. Four queries whatever the number of fairs."""
    most = _most_visits(since=since, until=until)
    if not most:
        return []
    events = EventPage.objects.filter(pk__in=most).order_by("starts_at", "pk")
    present = Registration.objects.filter(
        event__in=list(most), status=Registration.Status.CONFIRMED, exhibitor_pass__isnull=True
    ).annotate(present=Coalesce(Max("ticket__checkins__people"), 0))
    checked_in = {}
    for registration in present.values("event_id", "present"):
        checked_in[registration["event_id"]] = (
            checked_in.get(registration["event_id"], 0) + registration["present"]
        )
    counted = {
        row["event"]: row["people"] or 0
        for row in HeadCount.objects.filter(event__in=list(most))
        .values("event")
        .annotate(people=Sum("delta"))
        .values("event", "people")
    }
    return [
        {
            "event": event,
            "most_visits": most[event.pk],
            "checked_in": checked_in.get(event.pk, 0),
            "counted": counted.get(event.pk, 0),
        }
        for event in events
    ]


def _most_visits(*, since, until):
    totals = (
        StandVisitHour.objects.filter(stand__event__starts_at__gte=since, stand__event__starts_at__lt=until)
        .values("stand_id", "stand__event_id")
        .annotate(visits=Sum("visits"))
    )
    most = {}
    for row in totals:
        event = row["stand__event_id"]
        most[event] = max(most.get(event, 0), row["visits"])
    return most
