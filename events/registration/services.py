"""Registration services: claim places under a row lock, keep the waiting list, cancel, send mails.

Capacity rule: every change that takes or frees places runs in one transaction that first locks the
ticket type's row (``SELECT … FOR UPDATE``; on SQLite the IMMEDIATE transaction serialises writers),
then the rows of the chosen sessions that have their own capacity (ordered by id, so two
transactions never wait on each other crosswise). What remains is computed from the confirmed
registrations' ``places`` under that lock — there is no counter that could drift.

Waiting-list rule: a registration that does not fit whole joins the waiting list (if the ticket
type has one; otherwise it is refused). When places free up, the waiting list is walked in order
of arrival and each registration that fits whole is confirmed; a group that does not fit is skipped
(it keeps its position) and later, smaller registrations that do fit go ahead of it. Promotion
happens only while registration is open and the event has not started: a place freed later stays
free (nobody is confirmed for an event that is under way or whose list is closed).

Per-school rule: a group ticket type may cap the places one school holds (``school_cap``):
the active (confirmed or waiting) registrations of the same school (same RSPO number or the same
name) or of the same teacher's account count together; checked under the ticket type's lock.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts import ratelimit
from cms.jobs.pause import pause_point
from cms.outbox.services import queue_composed_email, queue_templated_email
from cms.privacy import services as privacy
from cms.privacy.models import ConsentRecord, Purpose
from cms.privacy.queries import current_notice
from events.models import Session

from . import mails, queries
from .models import Answer, InvitationCode, Question, Registration, Ticket, TicketType, new_secret

# The version of the short notice built into the form template, stored while staff have published
# no notice of their own for event registrations (cms.privacy).
PRIVACY_NOTICE_VERSION = "2026-11-v1"
PHOTO_CONSENT = "photos"
DEFAULT_REMINDER_HOURS = 24

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
CANCELLED = Registration.Status.CANCELLED

MESSAGES = {
    "closed": _("Registration for this event is closed."),
    "not_open_yet": _("Registration for this event has not opened yet."),
    "full": _("There are no free places left and this ticket has no waiting list."),
    "group_too_large": _("This group is larger than this ticket allows."),
    "group_empty": _("A registration needs at least one person."),
    "duplicate": _(
        "This e-mail address is already registered for this ticket. We can send the ticket again."
    ),
    "invitation_invalid": _("This invitation code is not valid for this event or has been used up."),
    "invitation_required": _("This registration needs an invitation code."),
    "members_only": _(
        "This event is for invited members: answer through the personal link of your invitation."
    ),
    "session_invalid": _("Choose only the sessions offered with this ticket."),
    "answers_invalid": _("Some answers are missing or not valid."),
    "cancelled": _("This registration has been cancelled."),
    "capacity_below_confirmed": _("The capacity cannot be lower than the places already confirmed."),
    "idempotency_mismatch": _(
        "This Idempotency-Key was already used with a different request; use a new key for a new request."
    ),
    "school_cap": _("One school cannot take more places with this ticket."),
}


class RegistrationError(Exception):
    """A refused registration change; ``code`` is stable (API, tests), ``message`` is for people."""

    def __init__(self, code, message=None, *, registration=None, field=None, details=None):
        self.code = code
        self.message = message or MESSAGES[code]
        self.registration = registration
        self.field = field
        self.details = details or {}
        super().__init__(f"{code}: {self.message}")


@dataclass(frozen=True)
class Room:
    """Free places of a locked ticket type and of its sessions that have their own capacity."""

    places: int
    sessions: dict  # session id -> free places (only sessions with a capacity)

    def fits(self, places, session_ids):
        if places > self.places:
            return False
        return all(places <= self.sessions[pk] for pk in session_ids if pk in self.sessions)

    def take(self, places, session_ids):
        sessions = dict(self.sessions)
        for pk in session_ids:
            if pk in sessions:
                sessions[pk] -= places
        return Room(self.places - places, sessions)


def _lock_ticket_type(ticket_type_id):
    """Lock the ticket type's row only (the event is read along, not locked) and read it fresh.

    ``FOR NO KEY UPDATE``: it serialises every change of the places (all of them take this lock
    first) without conflicting with the key-share locks of inserts that refer to the ticket type.
    """
    return (
        TicketType.objects.select_for_update(of=("self",), no_key=True)
        .select_related("event")
        .get(pk=ticket_type_id)
    )


def _locked_room(ticket_type, session_ids=None, *, taken=None):
    """Lock the sessions with their own capacity and compute what remains; caller holds the type lock.

    ``taken``: the type's confirmed places if the caller has just read them under the lock.
    """
    if session_ids is None:
        session_ids = list(ticket_type.sessions.values_list("id", flat=True))
    limited = []
    if session_ids:
        limited = list(
            Session.objects.select_for_update(no_key=True)
            .filter(pk__in=session_ids, capacity__isnull=False)
            .order_by("pk")
            .values_list("pk", "capacity")
        )
    session_taken = queries.session_places_taken([pk for pk, _capacity in limited]) if limited else {}
    if taken is None:
        taken = queries.places_taken(ticket_type.pk)
    return Room(
        places=ticket_type.capacity - taken,
        sessions={pk: capacity - session_taken[pk] for pk, capacity in limited},
    )


def check_window(event, now=None):
    state = queries.window_state(event, now)
    if state == "not_open_yet":
        raise RegistrationError("not_open_yet")
    if state != "open":
        raise RegistrationError("closed")


def clean_answers(questions, answers):
    """Validate ``{question id: value}`` against the event's questions → (clean dict, {id: message})."""
    answers = {str(key): value for key, value in (answers or {}).items()}
    clean, errors = {}, {}
    for question in questions:
        raw = answers.get(str(question.pk), "")
        if isinstance(raw, bool):
            raw = "yes" if raw else "no"
        value = str(raw if raw is not None else "").strip()
        if question.kind == Question.Kind.YES_NO and value:
            value = {"true": "yes", "tak": "yes", "false": "no", "nie": "no"}.get(value.lower(), value)
            if value not in ("yes", "no"):
                errors[question.pk] = _("Answer yes or no.")
                continue
        if question.kind == Question.Kind.CHOICE and value and value not in question.choice_list:
            errors[question.pk] = _("Choose one of the options.")
            continue
        if len(value) > 2000:
            errors[question.pk] = _("The answer is too long (at most 2000 characters).")
            continue
        if question.required and not value:
            errors[question.pk] = _("This question needs an answer.")
            continue
        if value:
            clean[question.pk] = value
    return clean, errors


def _claim_invitation(event, ticket_type, code_text):
    if not (code_text or "").strip():
        raise RegistrationError("invitation_required", field="invitation_code")
    code = (
        InvitationCode.objects.select_for_update().filter(event=event, code__iexact=code_text.strip()).first()
    )
    if code is None or (code.ticket_type_id and code.ticket_type_id != ticket_type.pk):
        raise RegistrationError("invitation_invalid", field="invitation_code")
    if code.registrations.exclude(status=CANCELLED).count() >= code.max_uses:
        raise RegistrationError("invitation_invalid", field="invitation_code")
    return code


def _group_places(ticket_type, pupils, adults, places):
    if ticket_type.is_group:
        places = (pupils or 0) + (adults or 0)
    elif places is None:
        places = 1
    if places < 1:
        raise RegistrationError("group_empty", field="pupils" if ticket_type.is_group else "places")
    if places > max(ticket_type.max_group_size, 1):
        raise RegistrationError(
            "group_too_large",
            _("This group is larger than this ticket allows (at most %(max)d people).")
            % {"max": max(ticket_type.max_group_size, 1)},
            field="pupils" if ticket_type.is_group else "places",
            details={"max_group_size": ticket_type.max_group_size},
        )
    return places


def register(
    *,
    ticket_type,
    name,
    email,
    privacy_notice_version=PRIVACY_NOTICE_VERSION,
    privacy_notice=None,
    optional_consent=False,
    channel=ConsentRecord.Channel.FORM,
    places=None,
    pupils=0,
    adults=0,
    phone="",
    school_name="",
    school_rspo="",
    school_municipality="",
    school_county="",
    school_voivodeship="",
    school_municipality_code="",
    answers=None,
    language="pl",
    invitation_code=None,
    teacher=None,
    idempotency_key=None,
    request_hash=None,
    sessions=(),
    now=None,
):
    """Register a person or a class: confirmed with a ticket if it fits whole, else waitlisted.

    Raises ``RegistrationError`` (codes in ``MESSAGES``). With an ``idempotency_key`` already used,
    returns the registration made the first time instead of making another; when ``request_hash``
    (a digest of the whole request) is given, only if the first request had the same one, else
    ``idempotency_mismatch`` (a key reused for another request gets nothing of the first).

    ``privacy_notice`` is the notice version the form showed (default: the current one); it is
    recorded with the registration (``cms.privacy``), with the optional photo consent if given.

    Lock scope: the registration is written first, as if it fits (the registration, its consent
    records, answers, sessions, ticket and mail recipe), and the ticket type's row is locked last:
    under the lock run only the fresh read of the type, one query for the places taken (and, for
    individual tickets, the e-mail's duplicates), and the commit. The places taken include the
    transaction's own uncommitted row, which no other transaction sees; the query runs after the
    lock is granted, so it sees every registration committed before. If the registration does not
    fit, it is moved to the waiting list (its ticket deleted) or the transaction is rolled back.
    The lock is ``FOR NO KEY UPDATE OF`` the ticket type's row alone: it does not conflict with
    the key-share locks that the inserts' foreign keys take on that row, so a registration waiting
    for the lock never blocks another one's inserts, and registrations for different ticket types
    of one event never wait on each other, nor on an editor saving the event page.
    """
    if idempotency_key:
        existing = Registration.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return _replayed(existing, request_hash)
    now = now or timezone.now()
    email = email.strip()
    places = _group_places(ticket_type, pupils, adults, places)
    session_ids = sorted({getattr(session, "pk", session) for session in sessions})
    event = ticket_type.event
    check_window(event, now)
    if event.members_only:
        raise RegistrationError("members_only")
    if not ticket_type.is_active:
        raise RegistrationError("closed")
    if session_ids and not set(session_ids) <= set(ticket_type.sessions.values_list("id", flat=True)):
        raise RegistrationError("session_invalid", field="sessions")
    clean, answer_errors = clean_answers(Question.objects.filter(event_id=ticket_type.event_id), answers)
    if answer_errors:
        raise RegistrationError("answers_invalid", field="answers", details=answer_errors)
    notice = privacy_notice or current_notice(Purpose.EVENT_REGISTRATION)
    try:
        with transaction.atomic():
            code = None
            if ticket_type.invitation_required:
                code = _claim_invitation(event, ticket_type, invitation_code)
            registration = Registration.objects.create(
                event=event,
                ticket_type=ticket_type,
                status=CONFIRMED,
                name=name.strip(),
                email=email,
                language=language or "pl",
                places=places,
                pupils=pupils if ticket_type.is_group else 0,
                adults=adults if ticket_type.is_group else 0,
                teacher=teacher,
                phone=phone,
                school_name=school_name.strip(),
                school_rspo=school_rspo.strip(),
                school_municipality=school_municipality.strip(),
                school_county=school_county,
                school_voivodeship=school_voivodeship,
                school_municipality_code=school_municipality_code,
                invitation_code=code,
                privacy_notice_version=privacy.notice_label(notice) or privacy_notice_version,
                privacy_acknowledged_at=now,
                idempotency_key=idempotency_key or None,
                idempotency_request_hash=(request_hash or "") if idempotency_key else "",
            )
            _record_privacy(registration, notice, optional_consent, channel, teacher, now)
            if session_ids:
                registration.sessions.set(session_ids)
            if clean:
                Answer.objects.bulk_create(
                    Answer(registration=registration, question_id=pk, value=value)
                    for pk, value in clean.items()
                )
            ticket = Ticket.objects.create(registration=registration)
            email = _queue_mail(registration, "confirmed")
            _fit_locked(registration, ticket, email, session_ids)
            pause_point("registration.register")
            return registration
    except IntegrityError:
        if idempotency_key:
            existing = Registration.objects.filter(idempotency_key=idempotency_key).first()
            if existing:
                return _replayed(existing, request_hash)
        raise


INVITED_TICKET_NAME = "WZK"
INVITED_TICKET_CAPACITY = 1000


def invited_ticket_type(*, event):
    """The event's ticket type for people its organiser invites personally (a WZK meeting's
    members, substitutes and guests), made on first use: inactive, so the public form never offers
    it, and needing an invitation, so no code opens it. The invitation list sets who holds one."""
    ticket_type = TicketType.objects.filter(event=event, name=INVITED_TICKET_NAME).first()
    if ticket_type is None:
        ticket_type = TicketType.objects.create(
            event=event,
            name=INVITED_TICKET_NAME,
            capacity=INVITED_TICKET_CAPACITY,
            waitlist_enabled=False,
            invitation_required=True,
            is_active=False,
            position=99,
        )
    return ticket_type


def hold_invited_place(*, event, name, email, language="pl", registration=None, now=None):
    """Hold a confirmed registration with a ticket for someone invited personally (outside the
    public form: no code, no capacity, no window — the invitation decides).

    With ``registration`` (the one held before): the same person again changes nothing and sends
    nothing; a cancelled one is confirmed again; another person (a substitute named instead) takes
    it over with a new ticket code, so the first holder's QR code stops working. Every change
    mails the holder their ticket (the ``confirmed`` mail with the QR code and the calendar file).
    """
    now = now or timezone.now()
    name, email = name.strip(), email.strip()
    with transaction.atomic():
        if registration is not None:
            registration = Registration.objects.select_for_update().get(pk=registration.pk)
            if registration.status == CONFIRMED and (registration.name, registration.email) == (name, email):
                return registration
            new_holder = registration.email != email
            registration.name, registration.email, registration.language = name, email, language or "pl"
            registration.status = CONFIRMED
            registration.cancelled_at = None
            registration.cancelled_by = None
            registration.save(
                update_fields=["name", "email", "language", "status", "cancelled_at", "cancelled_by"]
            )
            ticket, created = Ticket.objects.get_or_create(registration=registration)
            if new_holder and not created:
                ticket.secret = new_secret()
                ticket.regenerated_at = now
                ticket.save(update_fields=["secret", "regenerated_at"])
        else:
            registration = Registration.objects.create(
                event=event,
                ticket_type=invited_ticket_type(event=event),
                status=CONFIRMED,
                name=name,
                email=email,
                language=language or "pl",
                privacy_notice_version=PRIVACY_NOTICE_VERSION,
                privacy_acknowledged_at=now,
            )
            Ticket.objects.create(registration=registration)
        _queue_mail(registration, "confirmed")
    return registration


EXHIBITOR_TICKET_NAME = "Wystawca"
EXHIBITOR_TICKET_CAPACITY = 10000


def exhibitor_ticket_type(*, event):
    """The fair's ticket type of its exhibitors' stand staff (kind ``exhibitor``), made on first use
    like ``invited_ticket_type``: inactive (never on the public form, the API's availability or the
    public places counts) and needing an invitation, so no code opens it."""
    ticket_type = (
        TicketType.objects.filter(event=event, kind=TicketType.Kind.EXHIBITOR).order_by("pk").first()
    )
    if ticket_type is None:
        ticket_type = TicketType.objects.create(
            event=event,
            name=EXHIBITOR_TICKET_NAME,
            kind=TicketType.Kind.EXHIBITOR,
            capacity=EXHIBITOR_TICKET_CAPACITY,
            waitlist_enabled=False,
            invitation_required=True,
            is_active=False,
            position=98,
        )
    return ticket_type


def hold_exhibitor_place(
    *, event, name, email="", institution="", language="pl", registration=None, new_holder=False, now=None
):
    """A confirmed registration with a ticket for one of a fair exhibitor's stand staff (outside the
    public form: no window, no capacity — the exhibitor's allowance decides, in ``events.fairs``).

    ``institution`` is kept as the registration's school (the door shows it). With ``registration``
    (the pass held before) the name and e-mail change; ``new_holder`` (another person takes the
    pass) gives the ticket a new code, so the first holder's QR code stops working. No mail is
    queued here: the fairs mail the pass themselves.
    """
    now = now or timezone.now()
    name, email, institution = name.strip(), (email or "").strip(), (institution or "").strip()
    with transaction.atomic():
        if registration is not None:
            registration = Registration.objects.select_for_update().get(pk=registration.pk)
            if registration.status == CANCELLED:
                raise RegistrationError("cancelled")
            registration.name, registration.email = name, email
            registration.school_name, registration.language = institution, language or "pl"
            registration.save(update_fields=["name", "email", "school_name", "language"])
            ticket, created = Ticket.objects.get_or_create(registration=registration)
            if new_holder and not created:
                ticket.secret = new_secret()
                ticket.regenerated_at = now
                ticket.save(update_fields=["secret", "regenerated_at"])
            registration.ticket = ticket
            return registration
        registration = Registration.objects.create(
            event=event,
            ticket_type=exhibitor_ticket_type(event=event),
            status=CONFIRMED,
            name=name,
            email=email,
            school_name=institution,
            language=language or "pl",
            privacy_notice_version=PRIVACY_NOTICE_VERSION,
            privacy_acknowledged_at=now,
        )
        Ticket.objects.create(registration=registration)
    return registration


def release_exhibitor_place(*, registration, by=None, now=None):
    """Cancel a stand staff member's registration (its QR code stops admitting at once). No mail, no
    waiting list: an exhibitor's ticket type has neither. Releasing twice is harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != CANCELLED:
            registration.status = CANCELLED
            registration.cancelled_at = now
            registration.cancelled_by = by if by is not None and by.is_authenticated else None
            registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    return registration


def _replayed(existing, request_hash):
    """The registration of a repeated request, if the request is the same as the first one."""
    if request_hash is not None and existing.idempotency_request_hash != request_hash:
        raise RegistrationError("idempotency_mismatch")
    return existing


def _fit_locked(registration, ticket, email, session_ids):
    """Lock the ticket type and keep ``registration`` (inserted as confirmed) only if it fits.

    Otherwise it joins the waiting list (its ticket deleted, its queued ``email`` turned into the
    waiting list's) or a ``RegistrationError`` rolls the whole transaction back. The lock reads only
    the fields that count places; the event's registration window was checked moments before, at
    the start of ``register``.
    """
    ticket_type = (
        TicketType.objects.select_for_update(no_key=True)
        .only("capacity", "kind", "waitlist_enabled", "is_active", "school_cap")
        .get(pk=registration.ticket_type_id)
    )
    if not ticket_type.is_active:
        raise RegistrationError("closed")
    if ticket_type.is_group and ticket_type.school_cap:
        _check_school_cap(ticket_type, registration, registration.places)
    individual = not ticket_type.is_group
    taken, duplicates = queries.places_taken_and_duplicates(
        ticket_type.pk, registration.email if individual else None
    )
    room = _locked_room(ticket_type, session_ids, taken=taken)
    fits = room.fits(0, session_ids)  # its own places are already counted
    # "full" before "duplicate": a registered address gets the answer an unknown one would get.
    if not fits and not ticket_type.waitlist_enabled:
        raise RegistrationError("full")
    if duplicates > 1:
        duplicate = (
            Registration.objects.filter(ticket_type=ticket_type, email__iexact=registration.email)
            .exclude(status=CANCELLED)
            .exclude(pk=registration.pk)
            .first()
        )
        raise RegistrationError("duplicate", field="email", registration=duplicate)
    if fits:
        return
    ticket.delete()
    registration.status = WAITLISTED
    registration.save(update_fields=["status"])
    registration._state.fields_cache.pop("ticket", None)
    email.composer_args = {**email.composer_args, "kind": "waitlisted"}
    email.save(update_fields=["composer_args"])


def _check_school_cap(ticket_type, registration, places, *, resize=False):
    """Refuse if the school's (or the teacher's) other active places plus ``places`` exceed the cap.

    ``resize``: ``registration`` is an existing group changing its size to ``places``."""
    held = queries.school_places(
        ticket_type.pk,
        school_name=registration.school_name,
        school_rspo=registration.school_rspo,
        teacher_id=registration.teacher_id,
        exclude_pk=registration.pk,
    )
    if held + places > ticket_type.school_cap:
        free = max(ticket_type.school_cap - held, 0)
        if resize:
            raise RegistrationError(
                "school_cap",
                _(
                    "One school can hold at most %(cap)d places with this ticket and its other groups "
                    "hold %(held)d, so this group can have at most %(free)d people."
                )
                % {"cap": ticket_type.school_cap, "held": held, "free": free},
                field="pupils",
                details={"school_cap": ticket_type.school_cap, "held": held},
            )
        raise RegistrationError(
            "school_cap",
            _(
                "One school can hold at most %(cap)d places with this ticket; "
                "your school already holds %(held)d, so at most %(free)d more are possible."
            )
            % {"cap": ticket_type.school_cap, "held": held, "free": free},
            field="pupils",
            details={"school_cap": ticket_type.school_cap, "held": held},
        )


def _record_privacy(registration, notice, optional_consent, channel, teacher, now):
    fields = {
        "purpose": Purpose.EVENT_REGISTRATION,
        "email": registration.email,
        "user": teacher,
        "notice": notice,
        "subject": registration,
        "channel": channel,
        "language": registration.language,
        "now": now,
    }
    privacy.record_consent(**fields)
    if optional_consent and notice is not None and notice.consent_label_pl:
        privacy.record_consent(**fields, kind=ConsentRecord.Kind.CONSENT, consent_key=PHOTO_CONSENT)


def _promote_locked(ticket_type, now):
    """Confirm waiting registrations that fit whole, in order of arrival; caller holds the lock.

    Nothing moves once registration has closed or the event has started (``queries.promotion_open``).
    """
    if not queries.promotion_open(ticket_type.event, now):
        return []
    waiting = list(
        Registration.objects.filter(ticket_type=ticket_type, status=WAITLISTED)
        .prefetch_related("sessions")
        .order_by("created_at", "pk")
    )
    if not waiting:
        return []
    room = _locked_room(ticket_type)
    promoted = []
    for registration in waiting:
        if room.places <= 0:
            break
        session_ids = [session.pk for session in registration.sessions.all()]
        if not room.fits(registration.places, session_ids):
            continue
        room = room.take(registration.places, session_ids)
        registration.status = CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        Ticket.objects.get_or_create(registration=registration)
        _queue_mail(registration, "promoted")
        promoted.append(registration)
    return promoted


def promote_waitlist(*, ticket_type, now=None):
    """Fill free places from the waiting list (see the module's waiting-list rule)."""
    with transaction.atomic():
        ticket_type = _lock_ticket_type(ticket_type.pk)
        return _promote_locked(ticket_type, now or timezone.now())


def cancel(*, registration, by=None, now=None):
    """Cancel, free the places at once and promote from the waiting list. Cancelling twice is harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket_type = _lock_ticket_type(registration.ticket_type_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == CANCELLED:
            return registration
        registration.status = CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by if by is not None and by.is_authenticated else None
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        _queue_mail(registration, "cancelled")
        _promote_locked(ticket_type, now)
    return registration


def change_group_size(*, registration, pupils, adults, now=None):
    """Change a class's head-count; growing needs free places (no waiting list for the extra people)
    and stays within the ticket's per-school cap. A change is confirmed to the teacher by mail."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket_type = _lock_ticket_type(registration.ticket_type_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == CANCELLED:
            raise RegistrationError("cancelled")
        places = _group_places(ticket_type, pupils, adults, None)
        if (registration.pupils, registration.adults, registration.places) == (pupils, adults, places):
            return registration
        if places > registration.places:
            if ticket_type.school_cap:
                _check_school_cap(ticket_type, registration, places, resize=True)
            if registration.status == CONFIRMED:
                extra = places - registration.places
                session_ids = list(registration.sessions.values_list("pk", flat=True))
                room = _locked_room(ticket_type, session_ids)
                if not room.fits(extra, session_ids):
                    free = min(
                        [room.places, *(room.sessions[pk] for pk in session_ids if pk in room.sessions)]
                    )
                    raise RegistrationError(
                        "full",
                        _("Only %(free)d more places are free; the group can grow by at most that many.")
                        % {"free": max(free, 0)},
                        field="pupils",
                    )
        registration.pupils, registration.adults, registration.places = pupils, adults, places
        registration.save(update_fields=["pupils", "adults", "places"])
        _queue_mail(registration, "size_changed")
        _promote_locked(ticket_type, now)
    return registration


def change_capacity(*, ticket_type, capacity, now=None):
    """Set a ticket type's capacity; more places promote from the waiting list at once."""
    with transaction.atomic():
        ticket_type = _lock_ticket_type(ticket_type.pk)
        if capacity < queries.places_taken(ticket_type.pk):
            raise RegistrationError("capacity_below_confirmed", field="capacity")
        ticket_type.capacity = capacity
        ticket_type.save(update_fields=["capacity"])
        promoted = _promote_locked(ticket_type, now or timezone.now())
    return ticket_type, promoted


def generate_invitation_codes(*, event, count, max_uses=1, ticket_type=None, note=""):
    """Create ``count`` random codes (8 characters, no look-alike letters) for an event."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    codes = []
    with transaction.atomic():
        while len(codes) < count:
            text = "".join(secrets.choice(alphabet) for _ in range(8))
            if InvitationCode.objects.filter(code__iexact=text).exists():
                continue
            codes.append(
                InvitationCode.objects.create(
                    event=event, ticket_type=ticket_type, code=text, max_uses=max_uses, note=note
                )
            )
    return codes


# --- mails -------------------------------------------------------------------------------------


def _queue_mail(registration, kind):
    """Write the registrant's mail to the outbox in the caller's transaction.

    The outbox row commits (or rolls back) with the change that causes it, so a crash can neither
    lose the mail of a committed registration nor leave a mail for one that was rolled back; the
    send task is queued after commit and sends the row only while it is still queued.
    """
    return send_registration_email(registration=registration, kind=kind)


def send_registration_email(*, registration, kind):
    """Queue one of the registrant's mails (``mails.KINDS``); the worker renders it when sending."""
    return queue_composed_email(
        to=[registration.email],
        composer=mails.COMPOSER,
        args={"registration": registration.pk, "kind": kind},
    )


def resend_limited(*, email, client=None):
    """Count a request to re-send a ticket to ``email`` (from ``client``); True when over a limit.

    Per recipient (``EDUFEST_RESEND_LIMIT_PER_EMAIL`` an hour, whatever the event or the client:
    no one can fill a mailbox with tickets) and per client address (``EDUFEST_RESEND_LIMIT_PER_CLIENT``
    an hour). 0 lifts a limit. The shared limiter ``cms.accounts.ratelimit`` keeps the counts."""
    checks = [("ticket-resend:email", email, settings.EDUFEST_RESEND_LIMIT_PER_EMAIL, 3600)]
    if client is not None:
        checks.append(("ticket-resend:client", client, settings.EDUFEST_RESEND_LIMIT_PER_CLIENT, 3600))
    return ratelimit.any_over_limit(checks)


def resend_ticket(*, registration):
    if registration.status == CANCELLED:
        raise RegistrationError("cancelled")
    kind = "confirmed" if registration.status == CONFIRMED else "waitlisted"
    with transaction.atomic():
        return send_registration_email(registration=registration, kind=kind)


def tell_already_registered(*, registration):
    """Mail the address of an active registration that someone tried to register it again: it is
    registered, with the links to its ticket and to cancel it (``already_registered``); no second
    registration is made. The public form answers such a try exactly as a new registration."""
    if registration.status == CANCELLED:
        raise RegistrationError("cancelled")
    with transaction.atomic():
        return send_registration_email(registration=registration, kind="already_registered")


def send_due_reminders(*, now=None, hours=None):
    """Queue the reminder of every confirmed registration whose event starts within ``hours``.

    Each registration is marked in the same transaction as its outbox row, so a reminder is never
    queued twice, even with several workers (rows locked with SKIP LOCKED).
    """
    now = now or timezone.now()
    hours = (
        hours if hours is not None else getattr(settings, "EDUFEST_REMINDER_HOURS", DEFAULT_REMINDER_HOURS)
    )
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "ticket_type", "ticket")
            .exclude(email="")  # erased, or a stand staff pass named without an address
            .filter(
                status=CONFIRMED,
                reminder_sent_at__isnull=True,
                event__starts_at__gt=now,
                event__starts_at__lte=now + timedelta(hours=hours),
            )
        )
        for registration in due:
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            send_registration_email(registration=registration, kind="reminder")
            sent += 1
        pause_point("registration.send_due_reminders")
    return sent


def message_registrants(*, event, subject, body, statuses=(CONFIRMED, WAITLISTED)):
    """Queue a staff message to every active registrant of an event (one outbox row each)."""
    with transaction.atomic():
        recipients = list(
            Registration.objects.filter(event=event, status__in=statuses)
            .exclude(email="")  # erased at the person's request
            .select_related("event")
        )
        for registration in recipients:
            queue_templated_email(
                to=[registration.email],
                template="registration/email/message",
                context={
                    "registration": registration,
                    "event": event,
                    "subject": subject,
                    "body": body,
                    **mails.registration_links(registration),
                },
                language=registration.language or "pl",
            )
    return len(recipients)
