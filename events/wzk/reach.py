"""Reach figures of the WZK (``REACH_FIGURES``): who its meetings and study visits reached.

- A **meeting**: the attendees — invitations whose ticket was checked in at the door, or whose
  holder confirmed presence online — one row each, under the event's own activity
  (``event:<page id>``, kind meeting). The registrations' provider (``events.checkin.reach``)
  already counts the people of a checked-in ticket, so such a row here adds the institution and
  the place but no people; a presence confirmed online (no check-in) is counted here.
- A **study visit**: one row per participant (basis ``participants``).
- A **partner morning** is an event with registrations and check-in lists, counted by
  ``events.checkin.reach`` like every event: nothing here, so nobody is counted twice.

The place is the member's county and gmina when they are filled, else the event's place (a study
visit abroad has none). Each row names the institution (``institution``: one key per distinct
institution) and links to the staff record behind it (``records_url``).
"""

import datetime
import re
import zoneinfo

from django.urls import reverse
from django.utils.translation import gettext as _

from cms.links import absolute_url
from cms.reach.figures import ReachRow
from events.registration.models import Registration

from . import queries

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def institution_key(name):
    cleaned = re.sub(r"\s+", " ", name or "").strip().casefold()
    return f"wzk:{cleaned}" if cleaned else ""


def _place(member, fallback):
    """(voivodeship, county, gmina code, town) of a member with a county, else of ``fallback``."""
    if member is not None and (member.county or member.municipality_code):
        return member.voivodeship, member.county, member.municipality_code, ""
    if fallback is None:
        return "", "", "", ""
    return fallback.voivodeship, fallback.county, fallback.municipality_code, fallback.municipality


def _counted_by_registrations(invitation):
    registration = invitation.registration
    return (
        registration is not None
        and registration.status == Registration.Status.CONFIRMED
        and invitation.checked_in > 0
    )


def meeting_rows(*, start, end):
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=WARSAW)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=WARSAW)
    for invitation in queries.meeting_attendance_between(since, until):
        attended = invitation.checked_in > 0 or invitation.present_online_at is not None
        if not attended:
            continue
        event = invitation.meeting.event
        voivodeship, county, gmina, town = _place(invitation.member, event)
        yield ReachRow(
            activity_type=f"event:{event.kind}",
            activity_type_label=str(event.get_kind_display()),
            activity_key=f"event:{event.pk}",
            people=0 if _counted_by_registrations(invitation) else 1,
            basis="checked_in",
            adults=0 if _counted_by_registrations(invitation) else 1,
            institution=institution_key(invitation.institution),
            institution_kind="other" if invitation.institution else "",
            voivodeship=voivodeship,
            county=county,
            municipality_code=gmina,
            municipality=town,
            records_url=absolute_url(reverse("wagtailadmin_pages:edit", args=[event.pk])),
        )


def visit_rows(*, start, end):
    for visit in queries.visits_between(start, end):
        records_url = absolute_url(reverse("wzk_studyvisit:edit", args=[visit.pk]))
        for member in visit.participants.all():
            voivodeship, county, gmina, _town = _place(member, None)
            yield ReachRow(
                activity_type="wzk:visit",
                activity_type_label=_("WZK study visit"),
                activity_key=f"wzk-visit:{visit.pk}",
                people=1,
                basis="participants",
                adults=1,
                institution=institution_key(member.institution),
                institution_kind="other",
                voivodeship=voivodeship,
                county=county,
                municipality_code=gmina,
                records_url=records_url,
            )


def reach_rows(*, start, end):
    """``start``/``end``: dates (inclusive, Europe/Warsaw) of the meetings' and visits' start."""
    yield from meeting_rows(start=start, end=end)
    yield from visit_rows(start=start, end=end)
