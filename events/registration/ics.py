"""The ticket's `.ics`: the calendars app builds it (RFC 5545, stable UID, VTIMEZONE, DTSTAMP)."""

from events.calendars.ical import event_ics

__all__ = ["event_ics"]
