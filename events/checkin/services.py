"""Check-in services: scan a ticket (first scan wins), regenerate a ticket."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.registration import services as registration_services
from events.registration.models import Registration, Ticket, new_secret
from events.registration.queries import ticket_by_secret

from .models import CheckIn, CheckInList, Scan, ScanResult, secret_hash
from .queries import days_for, holder_label, list_admits, ticket_by_hash, zone_admits


@dataclass(frozen=True)
class CheckInAnswer:
    """What the door shows: the result and who it is (empty for an unknown code)."""

    result: str
    name: str = ""
    school: str = ""
    ticket_type: str = ""
    group_size: int = 0
    checked_in: int = 0
    checked_in_at: datetime | None = None
    checked_in_by: str = ""
    list_id: int | None = None
    scan_id: str | None = None
    people: int = 0  # admitted by this scan
    valid_days: tuple = ()  # the days the list admits on (empty: any day)

    @property
    def admitted(self):
        return self.result in (ScanResult.OK, ScanResult.PARTIAL)


def default_list_for(event):
    """The list used when a scan names none: the event's first unrestricted list, made if missing."""
    found = (
        CheckInList.objects.filter(event=event, day=None, session=None, zone=None, all_ticket_types=True)
        .order_by("pk")
        .first()
    )
    if found:
        return found
    with translation.override(settings.LANGUAGE_CODE):
        name = str(_("Entrance"))
    return CheckInList.objects.create(event=event, name=name)


def _user_label(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _answer_from_scan(scan):
    """The answer given to ``scan`` the first time, rebuilt for a retried ``scan_id``."""
    ticket = scan.ticket
    if ticket is None:
        return CheckInAnswer(result=scan.result, list_id=scan.checkin_list_id, scan_id=scan.scan_id)
    registration = ticket.registration
    state = CheckIn.objects.filter(ticket=ticket, checkin_list_id=scan.checkin_list_id).first()
    return CheckInAnswer(
        result=scan.result,
        name=registration.name,
        school="" if registration.ticket_type.is_exhibitor else registration.school_name,
        ticket_type=holder_label(registration),
        group_size=registration.places,
        checked_in=scan.checked_in,
        checked_in_at=state.first_at if state else None,
        checked_in_by=_user_label(state.first_by) if state else "",
        list_id=scan.checkin_list_id,
        scan_id=scan.scan_id,
        people=scan.people,
        valid_days=days_for(scan.checkin_list, registration) if scan.checkin_list_id else (),
    )


def _find_ticket(secret):
    ticket = ticket_by_secret(secret)
    return ticket.pk if ticket else None


def check_in(
    *,
    secret=None,
    ticket_hash=None,
    checkin_list=None,
    count=None,
    scanned_by,
    device="",
    scan_id=None,
    offline=False,
    device_time=None,
    allow_other_day=False,
    now=None,
):
    """Check in the ticket with ``secret`` (or, from a staff device's list, with ``ticket_hash``).

    First scan wins: the ticket row is locked, so simultaneous scans admit once. ``count`` is how
    many people of a group arrive (default: all who have not yet). A ``scan_id`` seen before returns
    the first answer and changes nothing. Every scan is logged, refused ones too.

    A list for one day (or one session) refuses a valid ticket on any other day (``wrong_day``,
    judged by the device's time for offline scans): admitting it early would use up the ticket, and
    on the real day the holder would be turned away as already checked in. A fair exhibitor's stand
    staff pass is valid on the set-up day before the fair and on every day of the fair
    (``queries.days_for``). Staff who know better
    (a rehearsal, a group let in the evening before) scan again with ``allow_other_day``; the scan
    is logged with ``other_day``.
    """
    try:
        return _check_in(
            secret=secret,
            ticket_hash=ticket_hash,
            checkin_list=checkin_list,
            count=count,
            scanned_by=scanned_by,
            device=device,
            scan_id=scan_id or None,
            offline=offline,
            device_time=device_time,
            allow_other_day=allow_other_day,
            now=now,
        )
    except IntegrityError:
        # The same scan_id was being saved by a concurrent request: answer as it did.
        previous = Scan.objects.filter(scan_id=scan_id).first() if scan_id else None
        if previous is None:
            raise
        return _answer_from_scan(previous)


def _check_in(
    *,
    secret,
    ticket_hash,
    checkin_list,
    count,
    scanned_by,
    device,
    scan_id,
    offline,
    device_time,
    allow_other_day,
    now,
):
    if count is not None and count < 1:
        raise ValueError("count must be at least 1")
    secret = (secret or "").strip()
    hashed = secret_hash(secret) if secret else (ticket_hash or "").strip().lower()
    with transaction.atomic():
        if scan_id:
            previous = Scan.objects.filter(scan_id=scan_id).select_related("ticket").first()
            if previous:
                return _answer_from_scan(previous)
        ticket_pk = _find_ticket(secret) if secret else ticket_by_hash(hashed, checkin_list)
        now = now or timezone.now()
        scan = Scan(
            checkin_list=checkin_list,
            secret_hash=hashed,
            scanned_at=now,
            device=device[:100],
            scanned_by=scanned_by,
            scan_id=scan_id,
            offline=offline,
            device_time=device_time,
        )
        if ticket_pk is None:
            scan.result = ScanResult.UNKNOWN
            scan.save()
            return CheckInAnswer(
                result=scan.result, list_id=getattr(checkin_list, "pk", None), scan_id=scan_id
            )

        # Serialise every scan of this ticket: the second of two simultaneous scans waits here. Only
        # the ticket's row is locked; its registration and ticket type are read in the same query.
        ticket = (
            Ticket.objects.select_for_update(of=("self",))
            .select_related("registration__ticket_type")
            .get(pk=ticket_pk)
        )
        if scan_id:
            previous = Scan.objects.filter(scan_id=scan_id).first()
            if previous:  # the same scan, retried while the first one held the lock
                return _answer_from_scan(previous)
        registration = ticket.registration
        if checkin_list is None:
            checkin_list = default_list_for(registration.event)
            scan.checkin_list = checkin_list
        scan.ticket = ticket
        state = (
            CheckIn.objects.filter(ticket=ticket, checkin_list=checkin_list)
            .select_related("first_by")
            .first()
        )
        group_size = registration.places
        already = state.people if state else 0
        days = days_for(checkin_list, registration)
        on_device = offline and device_time is not None and timezone.is_aware(device_time)
        scanned_on = timezone.localdate(device_time if on_device else now)
        other_day = bool(days) and scanned_on not in days

        if registration.event_id != checkin_list.event_id:
            result = ScanResult.WRONG_EVENT
        elif registration.status == Registration.Status.CANCELLED:
            result = ScanResult.CANCELLED
        elif registration.status == Registration.Status.WAITLISTED:
            result = ScanResult.WAITLISTED
        elif not list_admits(checkin_list, registration):
            if checkin_list.zone_id and not zone_admits(checkin_list.zone_id, registration.ticket_type_id):
                result = ScanResult.WRONG_ZONE
            else:
                result = ScanResult.WRONG_LIST
        elif already >= group_size:
            result = ScanResult.ALREADY_CHECKED_IN
        elif other_day and not allow_other_day:
            result = ScanResult.WRONG_DAY
        else:
            scan.other_day = other_day
            admitted = min(count or group_size - already, group_size - already)
            if state is None:
                state = CheckIn(ticket=ticket, checkin_list=checkin_list, first_at=now, first_by=scanned_by)
            state.people = already + admitted
            state.last_at = now
            state.save()
            scan.people = admitted
            result = ScanResult.OK if state.people >= group_size else ScanResult.PARTIAL
        scan.result = result
        scan.checked_in = state.people if state else 0
        scan.save()
        return CheckInAnswer(
            result=result,
            name=registration.name,
            school="" if registration.ticket_type.is_exhibitor else registration.school_name,
            ticket_type=holder_label(registration),
            group_size=group_size,
            checked_in=scan.checked_in,
            checked_in_at=state.first_at if state else None,
            checked_in_by=_user_label(state.first_by) if state else "",
            list_id=checkin_list.pk,
            scan_id=scan_id,
            people=scan.people,
            valid_days=days,
        )


def regenerate_ticket(*, ticket, by):
    """Give ``ticket`` a new secret: the old QR code and ticket page stop working at once."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        ticket.secret = new_secret()
        ticket.regenerated_at = timezone.now()
        ticket.save(update_fields=["secret", "regenerated_at"])
        if ticket.registration.status == Registration.Status.CONFIRMED:
            # The holder gets the new ticket (QR code and link) with the registration app's mail,
            # written to the outbox in this transaction.
            registration_services.send_registration_email(registration=ticket.registration, kind="confirmed")
    return ticket
