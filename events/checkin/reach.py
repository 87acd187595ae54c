"""Reach figures of registrations: one row per confirmed registration of an event in the period
(here, not in registration: who was present comes from the check-ins).

``places`` are the places the registration booked; ``people`` are those actually present: the
largest head-count checked in on any of the event's check-in lists (a class that entered on day 1
and day 2, or through two zones, is counted once, as many as came through one door at most).

Who they were (``person_split``): a class registration declares its pupils and accompanying adults;
the head-count present is split in the proportion of those declared numbers (pupils rounded half
up, the rest adults), so a class that came complete counts exactly as declared and one that came
short keeps its proportion. The accompanying adults count as "adults": registration does not ask
whether they are teachers. An individual registration counts its present people as the event's
audience when every audience the event names falls under one kind (pupils; teachers and career
advisers; adults and employers; students as "other"); otherwise they are "not known".

A fair exhibitor's stand staff (tickets of the ``exhibitor`` kind) are not people reached: they
work at the fair, so their passes make no rows, checked in or not.
"""

import datetime
import re
import zoneinfo

from django.db.models import Max, Prefetch
from django.db.models.functions import Coalesce
from django.urls import reverse

from cms.reach.figures import ReachRow
from events.models import EventAudience
from events.registration.models import Registration, TicketType

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")

AUDIENCE_KINDS = {
    "pupils": "pupils",
    "teachers": "teachers",
    "career_advisers": "teachers",
    "adults": "adults",
    "employers": "adults",
    "students": "others",
}


def school_key(registration):
    if registration.school_rspo:
        return f"rspo:{registration.school_rspo}"
    name = re.sub(r"\s+", " ", registration.school_name).strip().lower()
    return f"name:{name}" if name else ""


def audience_kind(event):
    """The one kind of person the event's audiences stand for, or "" (none named, or several)."""
    kinds = {AUDIENCE_KINDS.get(audience.audience, "others") for audience in event.audiences.all()}
    return kinds.pop() if len(kinds) == 1 else ""


def person_split(*, is_group, pupils, adults, present, audience=""):
    """``{"pupils": n, "teachers": n, "adults": n, "others": n}`` of the ``present`` head-count
    (whatever is not split is "not known"); see the module's docstring for the rule."""
    split = dict.fromkeys(("pupils", "teachers", "adults", "others"), 0)
    declared = pupils + adults
    if is_group:
        if declared:
            split["pupils"] = (2 * present * pupils + declared) // (2 * declared)
            split["adults"] = present - split["pupils"]
    elif audience:
        split[audience] = present
    return split


def records_url(event):
    """The staff list of the event's confirmed registrations (with their tickets' check-ins)."""
    return reverse("registration_admin:event", args=[event.pk]) + "?status=confirmed"


def reach_rows(*, start, end):
    """``start``/``end`` are dates (inclusive, Europe/Warsaw) of the events' start."""
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=WARSAW)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=WARSAW)
    registrations = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED, event__starts_at__gte=since, event__starts_at__lt=until
        )
        .exclude(ticket_type__kind=TicketType.Kind.EXHIBITOR)  # stand staff work there, not reached
        .select_related("event", "ticket_type")
        .prefetch_related(Prefetch("event__audiences", queryset=EventAudience.objects.order_by("pk")))
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
        school = school_key(registration)
        yield ReachRow(
            activity_type=f"event:{event.kind}",
            activity_type_label=str(event.get_kind_display()),
            activity_key=f"event:{event.pk}",
            activity_name=event.title,
            registrations=1,
            people=registration.present,
            places=registration.places,
            basis="checked_in",
            **person_split(
                is_group=registration.ticket_type.kind == TicketType.Kind.GROUP,
                pupils=registration.pupils,
                adults=registration.adults,
                present=registration.present,
                audience=audience_kind(event),
            ),
            school=school,
            institution_kind="school" if school else "",
            municipality=registration.school_municipality if has_school_place else event.municipality,
            county=registration.school_county if has_school_place else event.county,
            voivodeship=registration.school_voivodeship if has_school_place else event.voivodeship,
            municipality_code=registration.school_municipality_code
            if has_school_place
            else event.municipality_code,
            venue_municipality_code=event.municipality_code,
            records_url=records_url(event),
        )
