"""One rule for what a members-only event shows, used by every place that shows an event.

A members-only event (``EventPage.members_only``, e.g. a WZK meeting) is announced publicly: its
title, kind, dates, place (venue and address), organiser, audience and programme are public, and
the page says it is for members only. Its **member details** are shown to members only:

- the lead and the body (the agenda of a meeting),
- the online link,
- the minutes (kept in a private collection and served only by ``events.views.minutes``).

Who is a member of it is the WZK roster's rule (``events.wzk.access.is_member``: it reads the
roster and the invitations, which this module, imported by the page models, must not); this
module says what a member and anyone else see (``view_of``).

Used by: the event page (``EventPage.get_context``), the event cards, the JSON API, the ticket
page, PDF and mails, the calendar feeds and ``.ics`` files, and the search index (the indexed lead
and body are the public ones).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from cms.accounts import roles


@dataclass(frozen=True)
class EventView:
    """What of an event may be shown to someone; empty values where they may not see it."""

    member_details: bool  # False: a members-only event seen by someone who is not a member
    lead: str
    online_url: str
    minutes: object  # a Wagtail document, or None
    show_body: bool


def view_of(event, *, member):
    """The event as seen by a member (``member=True``) or by anyone else."""
    if not event.members_only or member:
        return EventView(
            member_details=True,
            lead=event.lead,
            online_url=event.online_url,
            minutes=event.minutes,
            show_body=True,
        )
    return EventView(member_details=False, lead="", online_url="", minutes=None, show_body=False)


def public_view_of(event):
    """The event as the public sees it (feeds, search, anonymous visitors)."""
    return view_of(event, member=False)


MINUTES_COLLECTION = "Protokoły posiedzeń dla członków"


def private_minutes_collection():
    """The Wagtail collection of members-only minutes, made on first use: viewable by staff only
    (``CollectionViewRestriction`` for the Staff group), so ``/documents/<id>/…`` refuses everyone
    else; members download through ``events.views.minutes``, which applies ``events.wzk.access.is_member``."""
    collection = Collection.objects.filter(name=MINUTES_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=MINUTES_COLLECTION)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name=roles.STAFF))
    return collection


def keep_minutes_private(event):
    """Move the minutes of a members-only event into the private collection."""
    if not event.members_only or event.minutes_id is None:
        return
    collection = private_minutes_collection()
    document = event.minutes
    if document.collection_id != collection.pk:
        document.collection = collection
        document.save(update_fields=["collection"])
