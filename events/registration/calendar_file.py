"""The registrant's `.ics`: what the ticket lets them attend, as the calendars app writes it.

A registration without sessions is for the whole event: its file is the event's own (same UID as
the public page's, RFC 5545, VTIMEZONE, DTSTAMP). A registration with chosen sessions gets one
VEVENT per session (``event-<page>-session-<session>@<host>``), so a one-day session of a two-day
festival is a one-day entry. A cancelled registration gets ``METHOD:CANCEL`` (RFC 5546) for the
same UIDs, with ``STATUS:CANCELLED`` and a raised ``SEQUENCE``, so a calendar removes the entries.
"""

import dataclasses

from django.utils import timezone
from django.utils.translation import gettext as _

from events.calendars.ical import calendar_from_items, event_ics, event_item, event_uid, site_host
from events.calendars.models import ItemSequence

from .models import Registration

__all__ = ["event_ics", "registration_ics", "session_uid"]


def session_uid(session):
    return f"event-{session.page_id}-session-{session.pk}@{site_host()}"


def _sequence(uid):
    return ItemSequence.objects.filter(uid=uid).values_list("sequence", flat=True).first() or 0


def _session_item(whole, session):
    location = ", ".join(part for part in (session.room, whole.location) if part)
    return dataclasses.replace(
        whole,
        uid=session_uid(session),
        title=f"{whole.title}: {session.title}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        location=location,
    )


def registration_items(registration):
    """The calendar items a registration covers: its chosen sessions, else the whole event."""
    event = registration.event
    whole = event_item(event, sequence=_sequence(event_uid(event.pk)))
    sessions = sorted(registration.sessions.all(), key=lambda session: (session.starts_at, session.pk))
    if not sessions:
        return [whole]
    return [_session_item(whole, session) for session in sessions]


def registration_ics(registration) -> bytes:
    """The `.ics` of a registration: ``PUBLISH`` of what it covers, or ``CANCEL`` once cancelled."""
    items = registration_items(registration)
    name = registration.event.title or _("Event")
    if registration.status != Registration.Status.CANCELLED:
        return calendar_from_items(items, name=name)
    cancelled_at = registration.cancelled_at or timezone.now()
    cancelled = [
        dataclasses.replace(
            item,
            status="CANCELLED",
            sequence=item.sequence + 1,
            last_modified=max(item.last_modified, cancelled_at),
        )
        for item in items
    ]
    attendee = (registration.name, registration.email) if registration.email else None
    return calendar_from_items(cancelled, name=name, method="CANCEL", attendee=attendee)
