"""Reads of the registration app: places taken, availability, waiting-list positions, lists."""

import hmac

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import PageViewRestriction

from .models import Registration, Ticket, TicketType

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
CANCELLED = Registration.Status.CANCELLED
MAX_SECRET_LENGTH = 64


def places_taken(ticket_type_id):
    """Places held by the confirmed registrations of a ticket type, summed from the rows."""
    return Registration.objects.filter(ticket_type_id=ticket_type_id, status=CONFIRMED).aggregate(
        taken=Coalesce(Sum("places"), 0)
    )["taken"]


def public_ticket_type(event_id, ticket_type_id):
    """The ticket type with its event if the event is live, public and in the default locale, else None.

    The registration API's hot path, in two short queries: the ticket type with its live event,
    then whether a view restriction sits on the event or on one of its ancestors (their paths are
    the prefixes of the event's path, one step per ``Page.steplen`` characters).
    """
    ticket_type = (
        TicketType.objects.filter(
            pk=ticket_type_id,
            event_id=event_id,
            event__live=True,
            event__locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE),
        )
        .select_related("event")
        .order_by()
        .first()
    )
    if ticket_type is None:
        return None
    path, step = ticket_type.event.path, ticket_type.event.steplen
    prefixes = [path[:end] for end in range(step, len(path) + 1, step)]
    if PageViewRestriction.objects.filter(page__path__in=prefixes).exists():
        return None
    return ticket_type


def places_taken_and_duplicates(ticket_type_id, email=None):
    """(confirmed places, active registrations of ``email``) of a ticket type, in one query."""
    if not email:
        return places_taken(ticket_type_id), 0
    totals = (
        Registration.objects.filter(ticket_type_id=ticket_type_id)
        .exclude(status=CANCELLED)
        .aggregate(
            taken=Coalesce(Sum("places", filter=Q(status=CONFIRMED)), 0),
            duplicates=Count("pk", filter=Q(email__iexact=email)),
        )
    )
    return totals["taken"], totals["duplicates"]


def _same_school(school_name, school_rspo, teacher_id=None):
    """Rows of the same school (its RSPO number, or its name in any letter case) or teacher."""
    match = Q(pk__in=[])
    if (school_name or "").strip():
        match |= Q(school_name__iexact=school_name.strip())
    if (school_rspo or "").strip():
        match |= Q(school_rspo=school_rspo.strip())
    if teacher_id:
        match |= Q(teacher_id=teacher_id)
    return match


def school_places(ticket_type_id, *, school_name, school_rspo, teacher_id=None, exclude_pk=None):
    """Places of a ticket type's active registrations of one school or one teacher (see the cap)."""
    queryset = (
        Registration.objects.filter(ticket_type_id=ticket_type_id)
        .exclude(status=CANCELLED)
        .filter(_same_school(school_name, school_rspo, teacher_id))
    )
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.aggregate(n=Coalesce(Sum("places"), 0))["n"]


def school_groups(event_id, *, school_name, school_rspo):
    """The active group registrations of one school for an event (the form's duplicate warning)."""
    if not (school_name or "").strip() and not (school_rspo or "").strip():
        return []
    return list(
        Registration.objects.filter(event_id=event_id, ticket_type__kind=TicketType.Kind.GROUP)
        .exclude(status=CANCELLED)
        .filter(_same_school(school_name, school_rspo))
        .select_related("ticket_type")
        .order_by("created_at", "pk")
    )


def session_places_taken(session_ids):
    """{session id: places held by confirmed registrations that chose it}."""
    rows = (
        Registration.objects.filter(status=CONFIRMED, sessions__in=session_ids)
        .values("sessions")
        .annotate(taken=Sum("places"))
    )
    taken = dict.fromkeys(session_ids, 0)
    taken.update({row["sessions"]: row["taken"] for row in rows})
    return taken


def _per_ticket_type(status, aggregate):
    """A subquery of ``aggregate`` over the ticket type's registrations with ``status``."""
    return Subquery(
        Registration.objects.filter(ticket_type=OuterRef("pk"), status=status)
        .values("ticket_type")
        .annotate(total=aggregate)
        .values("total"),
        output_field=IntegerField(),
    )


def ticket_types_with_availability(event_ids, *, active_only=True, with_sessions=True):
    """Ticket types of the events annotated with ``taken`` (confirmed places) and ``waiting`` (count),
    with their sessions prefetched unless ``with_sessions`` is False (places only, e.g. the event page)."""
    queryset = TicketType.objects.filter(event_id__in=event_ids)
    if active_only:
        queryset = queryset.filter(is_active=True)
    if with_sessions:
        queryset = queryset.prefetch_related("sessions")
    return queryset.annotate(
        taken=Coalesce(_per_ticket_type(CONFIRMED, Sum("places")), Value(0)),
        waiting=Coalesce(_per_ticket_type(WAITLISTED, Count("pk")), Value(0)),
    ).order_by("event_id", "position", "pk")


def with_available(ticket_types):
    """Set ``available`` on annotated ticket types (a list, for templates)."""
    ticket_types = list(ticket_types)
    for ticket_type in ticket_types:
        ticket_type.available = available_places(ticket_type)
    return ticket_types


def available_places(ticket_type):
    """Free places of an annotated ticket type (``ticket_types_with_availability``)."""
    return max(ticket_type.capacity - ticket_type.taken, 0)


def window_state(event, now=None):
    """``none`` (no registration), ``not_open_yet``, ``closed`` or ``open``."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return "none"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_open_yet"
    if event.registration_closes_at and now >= event.registration_closes_at:
        return "closed"
    if event.ends_at and now >= event.ends_at:
        return "closed"
    return "open"


def promotion_open(event, now):
    """Whether the waiting list may move: registration is open and the event has not started."""
    if window_state(event, now) != "open":
        return False
    return event.starts_at is None or now < event.starts_at


def registration_status(event, ticket_types, now=None):
    """The API's ``registration_status``: the window, else ``open``/``waitlist``/``full`` by places."""
    state = window_state(event, now)
    if state != "open":
        return state
    if not ticket_types:
        return "none"
    if any(available_places(ticket_type) > 0 for ticket_type in ticket_types):
        return "open"
    if any(ticket_type.waitlist_enabled for ticket_type in ticket_types):
        return "waitlist"
    return "full"


def waitlist_position(registration):
    """1-based place in the queue of its ticket type (first come, first served)."""
    if registration.status != WAITLISTED:
        return None
    return (
        Registration.objects.filter(ticket_type_id=registration.ticket_type_id, status=WAITLISTED)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def ticket_by_secret(secret):
    """The ticket with exactly this secret (indexed lookup, then a constant-time comparison)."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    ticket = (
        Ticket.objects.select_related("registration__event", "registration__ticket_type")
        .filter(secret=secret)
        .first()
    )
    if ticket is None or not hmac.compare_digest(ticket.secret.encode(), secret.encode()):
        return None
    return ticket


def registration_by_token(token):
    return (
        Registration.objects.select_related("event", "ticket_type", "ticket")
        .prefetch_related("sessions", "answers__question")
        .filter(cancel_token=token)
        .first()
    )


def teacher_registrations(user):
    return (
        Registration.objects.filter(teacher=user)
        .select_related("event", "ticket_type", "ticket")
        .prefetch_related("sessions")
        .order_by("-event__starts_at", "-created_at")
    )


def registrations_of_addresses(emails):
    """The individual registrations made with any of ``emails`` (a visitor's verified addresses)."""
    if not emails:
        return Registration.objects.none()
    match = Q()
    for email in emails:
        match |= Q(email__iexact=email)
    return (
        Registration.objects.filter(match, teacher__isnull=True)
        .select_related("event", "ticket_type", "ticket")
        .prefetch_related("sessions")
        .order_by("-event__starts_at", "-created_at")
    )


def event_registrations(event, *, status="", ticket_type="", session="", school="", county=""):
    """Staff list of an event's registrations with the filters of the admin view."""
    queryset = (
        Registration.objects.filter(event=event)
        .select_related("ticket_type", "ticket", "teacher")
        .prefetch_related("sessions", "answers__question")
        .order_by("created_at", "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    if ticket_type:
        queryset = queryset.filter(ticket_type_id=ticket_type)
    if session:
        queryset = queryset.filter(sessions__id=session)
    if school:
        queryset = queryset.filter(Q(school_name__icontains=school) | Q(school_rspo=school.strip()))
    if county:
        queryset = queryset.filter(school_county=county)
    return queryset


def status_counts(event):
    counts = dict(
        Registration.objects.filter(event=event)
        .values("status")
        .annotate(n=Count("pk"), places=Sum("places"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in (CONFIRMED, WAITLISTED, CANCELLED)}


def confirmed_places_total(event):
    return Registration.objects.filter(event=event, status=CONFIRMED).aggregate(n=Coalesce(Sum("places"), 0))[
        "n"
    ]
