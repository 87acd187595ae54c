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

from django.urls import reverse

from cms.reach.figures import ReachRow

from . import queries

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def extra_visitors(*, most_visits, checked_in, counted):
    """The rule of the module's docstring."""
    return max(0, most_visits - checked_in - counted)


def reach_rows(*, start, end):
    """Fairs starting between ``start`` and ``end`` (dates, inclusive, Europe/Warsaw)."""
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=WARSAW)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=WARSAW)
    for sums in queries.visit_reach_sums(since=since, until=until):
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
