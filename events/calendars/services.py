"""State changes of the calendars: item sequences (the feed cache version is ``cms.calendar``'s)."""

import hashlib

from django.db import transaction

from cms.calendar import CalendarItem, bump_calendar_version

from .models import ItemSequence


def item_fingerprint(item):
    """Digest of what raises SEQUENCE: start, end and status (not the title or the description)."""
    text = "|".join((item.starts_at.isoformat(), item.ends_at.isoformat(), item.status))
    return hashlib.sha256(text.encode()).hexdigest()


def record_item_change(*, item: CalendarItem) -> int:
    """Store the item's fingerprint; raise its SEQUENCE by one when time or status changed.

    Called when an item is published (events: Wagtail's ``page_published``). Returns the sequence.
    """
    fingerprint = item_fingerprint(item)
    with transaction.atomic():
        row, created = ItemSequence.objects.select_for_update().get_or_create(
            uid=item.uid, defaults={"fingerprint": fingerprint}
        )
        if not created and row.fingerprint != fingerprint:
            row.sequence += 1
            row.fingerprint = fingerprint
            row.save(update_fields=["sequence", "fingerprint", "changed_at"])
        transaction.on_commit(bump_calendar_version)
    return row.sequence
