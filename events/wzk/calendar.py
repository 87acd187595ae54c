"""The member's private calendar feed: the meetings they are invited to, with the member details
(the agenda and the online link) that the public feeds never carry.

Written by the site's one iCalendar writer (``events.calendars.ical``); only the address with the
member's secret ``calendar_token`` serves it (``views.member_feed``).
"""

import dataclasses

from django.utils.translation import gettext as _

from events.access import view_of
from events.calendars.ical import calendar_from_items, event_item, site_host

from . import queries


def meeting_uid(meeting):
    """Its own UID, apart from the public item of the event page (``event-<id>@…``)."""
    return f"wzk-meeting-{meeting.pk}@{site_host()}"


def meeting_description(meeting, online_url):
    """The lead, the agenda (numbered, with presenters) and the online link, as plain text."""
    event = meeting.event
    parts = []
    if meeting.number:
        parts.append(meeting.number)
    if event.lead:
        parts.append(event.lead)
    agenda = list(meeting.agenda_items.all())
    if agenda:
        lines = [_("Agenda:")]
        for position, item in enumerate(agenda, start=1):
            presenter = f" ({item.presenter})" if item.presenter else ""
            lines.append(f"{position}. {item.title}{presenter}")
        parts.append("\n".join(lines))
    if online_url:
        parts.append(_("Online link: %(url)s") % {"url": online_url})
    return "\n\n".join(parts)


def meeting_item(invitation):
    """The calendar item of an invited member's meeting: the public item plus the member details."""
    meeting = invitation.meeting
    event = meeting.event
    details = view_of(event, member=True)
    item = event_item(event)
    location = item.location
    if details.online_url and details.online_url not in location:
        location = ", ".join(part for part in (location, details.online_url) if part)
    return dataclasses.replace(
        item,
        uid=meeting_uid(meeting),
        description=meeting_description(meeting, details.online_url),
        location=location,
    )


def member_feed(member) -> bytes:
    """The ``VCALENDAR`` of the member's invitations (a year back and everything ahead)."""
    items = [meeting_item(invitation) for invitation in queries.member_feed_invitations(member)]
    return calendar_from_items(
        items,
        name=_("WZK meetings — %(name)s") % {"name": member.name},
        description=_("The meetings of the WZK you are invited to. This address is private."),
    )
