"""Reads of the check-in app: who a list admits, the offline list, staff search, live counts."""

import datetime
import hmac

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncHour
from django.utils import timezone
from django.utils.translation import gettext as _

from events.dates import last_day
from events.models import Session
from events.registration.models import Registration, Ticket, TicketType

from .models import CheckIn, CheckInList, Scan, ScanResult, secret_hash

SEARCH_LIMIT = 20
MIN_CODE_LENGTH = 6


def ticket_by_hash(hashed, checkin_list):
    """A ticket of the list's event whose secret hashes to ``hashed`` (for offline name searches)."""
    if checkin_list is None or len(hashed) != 64:
        return None
    secrets_of_event = Ticket.objects.filter(registration__event_id=checkin_list.event_id).values_list(
        "pk", "secret"
    )
    for pk, secret in secrets_of_event.iterator():
        if hmac.compare_digest(secret_hash(secret), hashed):
            return pk
    return None


def zone_admits(zone_id, ticket_type_id):
    """Whether a ticket of this type is valid in the zone: its type names the zone, or no zone at all."""
    zones = TicketType.zones.through.objects.filter(tickettype_id=ticket_type_id)
    return not zones.exists() or zones.filter(zone_id=zone_id).exists()


def registrations_admitted_by(checkin_list):
    """Registrations of the list's event that pass its ticket-type, zone, day and session limits
    (any status).

    A registration with no sessions is a whole-event ticket and passes day and session limits; a
    ticket type that names no zone is valid in every zone.
    """
    registrations = Registration.objects.filter(event_id=checkin_list.event_id)
    if not checkin_list.all_ticket_types:
        registrations = registrations.filter(ticket_type__in=checkin_list.ticket_types.all())
    if checkin_list.zone_id is not None:
        type_zones = TicketType.zones.through.objects.filter(tickettype_id=OuterRef("ticket_type_id"))
        registrations = registrations.filter(
            ~Exists(type_zones) | Exists(type_zones.filter(zone_id=checkin_list.zone_id))
        )
    if checkin_list.session_id is None and checkin_list.day is None:
        return registrations
    chosen = Session.objects.filter(registrations=OuterRef("pk"))
    matching = chosen
    if checkin_list.session_id is not None:
        matching = matching.filter(pk=checkin_list.session_id)
    if checkin_list.day is not None:
        matching = matching.filter(starts_at__date=checkin_list.day)
    return registrations.filter(~Exists(chosen) | Exists(matching))


def list_admits(checkin_list, registration):
    """Whether ``registration`` (of the list's event) may enter through ``checkin_list``."""
    if (
        checkin_list.all_ticket_types
        and checkin_list.zone_id is None
        and checkin_list.session_id is None
        and checkin_list.day is None
    ):
        return registration.event_id == checkin_list.event_id  # an unrestricted entrance list
    return registrations_admitted_by(checkin_list).filter(pk=registration.pk).exists()


def valid_days(checkin_list):
    """The days (Europe/Warsaw) a list admits on: its day, or its session's days; ``()`` for any day.

    A list of the whole event is not limited (staff open it for rehearsals and late arrivals).
    """
    if checkin_list.day is not None:
        return (checkin_list.day,)
    if checkin_list.session_id is not None:
        session = checkin_list.session
        first = timezone.localtime(session.starts_at).date()
        last = timezone.localtime(session.ends_at).date()
        return tuple(first + timezone.timedelta(days=n) for n in range((last - first).days + 1))
    return ()


def exhibitor_days(event):
    """The days a fair exhibitor's stand staff pass is valid on: the set-up day before the fair and
    each of its days (Europe/Warsaw)."""
    first = timezone.localtime(event.starts_at).date() - datetime.timedelta(days=1)
    last = last_day(event.starts_at, event.ends_at, event.all_day)
    return tuple(first + datetime.timedelta(days=n) for n in range((last - first).days + 1))


def days_for(checkin_list, registration):
    """The days ``registration`` may enter through ``checkin_list``: the list's days, except that a
    stand staff pass of a list limited to some days is valid on the exhibitor's days (the set-up
    day before the fair and the fair's days). ``()``: any day."""
    days = valid_days(checkin_list)
    if days and registration.ticket_type.is_exhibitor:
        return exhibitor_days(registration.event)
    return days


def holder_label(registration):
    """What the door shows as the ticket's type: "Wystawca - <institution>" (an en dash) for a stand
    staff pass, else the ticket type's name."""
    if registration.ticket_type.is_exhibitor:
        return _exhibitor_label(registration.school_name)
    return registration.ticket_type.name


def _exhibitor_label(institution):
    if institution:
        return _("Exhibitor – %(institution)s") % {"institution": institution}  # noqa: RUF001
    return _("Exhibitor")


def wipe_after(checkin_list):
    """When a scanner deletes its copy of the list: midnight (Warsaw) after the list's last day."""
    days = valid_days(checkin_list)
    last = max(days) if days else timezone.localtime(checkin_list.event.ends_at).date()
    midnight = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight)


def _checked_in_subquery(checkin_list):
    people = CheckIn.objects.filter(ticket=OuterRef("pk"), checkin_list=checkin_list).values("people")[:1]
    return Coalesce(Subquery(people, output_field=IntegerField()), Value(0))


def offline_tickets(checkin_list):
    """What a scanner needs to decide and display offline: hash, name, type, group size, checked in.

    Only confirmed tickets the list admits; never e-mails, answers or the secrets themselves. A stand
    staff pass shows "Wystawca - <institution>" as its type and carries its own ``valid_days`` when
    the list is limited to some days (the exhibitor's days); any other ticket an empty list (the
    list's days apply).
    """
    exhibitor = TicketType.Kind.EXHIBITOR
    staff_days = []
    if valid_days(checkin_list):
        staff_days = [day.isoformat() for day in exhibitor_days(checkin_list.event)]
    tickets = (
        Ticket.objects.filter(
            registration__in=registrations_admitted_by(checkin_list).filter(
                status=Registration.Status.CONFIRMED
            )
        )
        .annotate(checked_in=_checked_in_subquery(checkin_list))
        .values_list(
            "secret",
            "registration__name",
            "registration__school_name",
            "registration__ticket_type__name",
            "registration__places",
            "checked_in",
            "registration__ticket_type__kind",
        )
        .order_by("registration__name", "pk")
    )
    rows = []
    for secret, name, school, ticket_type, places, checked_in, kind in tickets:
        row = {
            "hash": secret_hash(secret),
            "name": name,
            "school": school,
            "ticket_type": ticket_type,
            "group_size": places,
            "checked_in": checked_in,
            "valid_days": [],
        }
        if kind == exhibitor:
            row.update(school="", ticket_type=_exhibitor_label(school), valid_days=staff_days)
        rows.append(row)
    return rows


def search_tickets(checkin_list, query):
    """Tickets of the list's event matching a name, e-mail, school or the start of the code (staff)."""
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    condition = (
        Q(registration__name__icontains=query)
        | Q(registration__email__iexact=query)
        | Q(registration__school_name__icontains=query)
    )
    if len(query) >= MIN_CODE_LENGTH and " " not in query:
        condition |= Q(secret__startswith=query)
    tickets = (
        Ticket.objects.filter(condition, registration__event_id=checkin_list.event_id)
        .select_related("registration__ticket_type")
        .annotate(checked_in=_checked_in_subquery(checkin_list))
        .order_by("registration__name", "pk")[:SEARCH_LIMIT]
    )
    return [
        {
            "hash": secret_hash(ticket.secret),
            "name": ticket.registration.name,
            "school": ticket.registration.school_name,
            "ticket_type": holder_label(ticket.registration),
            "group_size": ticket.registration.places,
            "checked_in": ticket.checked_in,
            "status": ticket.registration.status,
            "ticket_id": ticket.pk,
        }
        for ticket in tickets
    ]


def lists_for_scanning():
    """Check-in lists of events that have not ended more than a day ago, soonest first."""
    since = timezone.now() - timezone.timedelta(days=1)
    return (
        CheckInList.objects.filter(event__ends_at__gte=since)
        .select_related("event", "session", "zone")
        .order_by("event__starts_at", "day", "name", "pk")
    )


def list_stats(checkin_list):
    """Live counts of a list: people checked in, people expected, arrivals by hour, conflicts."""
    expected = (
        registrations_admitted_by(checkin_list)
        .filter(status=Registration.Status.CONFIRMED)
        .aggregate(people=Coalesce(Sum("places"), 0), tickets=Count("pk"))
    )
    checked = CheckIn.objects.filter(checkin_list=checkin_list).aggregate(
        people=Coalesce(Sum("people"), 0), tickets=Count("pk")
    )
    by_hour = (
        Scan.objects.filter(checkin_list=checkin_list, people__gt=0)
        .annotate(hour=TruncHour("scanned_at", tzinfo=timezone.get_current_timezone()))
        .values("hour")
        .annotate(people=Sum("people"))
        .order_by("hour")
    )
    results = dict(
        Scan.objects.filter(checkin_list=checkin_list)
        .values_list("result")
        .annotate(n=Count("pk"))
        .values_list("result", "n")
    )
    return {
        "checked_in": checked["people"],
        "checked_in_tickets": checked["tickets"],
        "expected": expected["people"],
        "expected_tickets": expected["tickets"],
        "to_come": max(expected["people"] - checked["people"], 0),
        "by_hour": [{"hour": row["hour"], "people": row["people"]} for row in by_hour],
        "scans": {result: results.get(result, 0) for result in ScanResult.values},
    }


def conflicts(checkin_list, *, limit=50):
    """Offline scans the server refused: a ticket admitted on a device after another had admitted it."""
    refused = (
        Scan.objects.filter(checkin_list=checkin_list, offline=True)
        .exclude(result__in=[ScanResult.OK, ScanResult.PARTIAL])
        .select_related("ticket__registration", "scanned_by")
        .annotate(
            first_device=Subquery(
                Scan.objects.filter(
                    ticket=OuterRef("ticket"),
                    checkin_list=checkin_list,
                    result__in=[ScanResult.OK, ScanResult.PARTIAL],
                )
                .order_by("scanned_at", "pk")
                .values("device")[:1]
            )
        )
        .order_by("-scanned_at")[:limit]
    )
    return list(refused)


def conflict_row(scan):
    """A conflict as the dashboard's JSON shows it."""
    registration = scan.ticket.registration if scan.ticket_id else None
    return {
        "name": registration.name if registration else "",
        "result": scan.result,
        "result_label": str(scan.get_result_display()),
        "scanned_at": timezone.localtime(scan.scanned_at).isoformat(),
        "device_time": timezone.localtime(scan.device_time).isoformat() if scan.device_time else None,
        "device": scan.device,
        "first_device": scan.first_device or "",
        "scanned_by": scan.scanned_by.get_username() if scan.scanned_by_id else "",
    }
