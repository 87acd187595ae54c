"""State changes of the calendars: item sequences and the feed cache version."""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

from cms.cache import remembered

from .models import ItemSequence

VERSION_KEY = "calendars:version"


def item_fingerprint(item):
    """Digest of what raises SEQUENCE: start, end and status (not the title or the description)."""
    text = "|".join((item.starts_at.isoformat(), item.ends_at.isoformat(), item.status))
    return hashlib.sha256(text.encode()).hexdigest()


def record_item_change(*, item):
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


_local_version = [None]  # (version, read at: time.monotonic()) or None, replaced whole


def bump_calendar_version():
    """Invalidate every cached feed and calendar page; other apps call it when their items change."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)
    _local_version[0] = None


def calendar_version():
    """The version in every feed key. It never repeats, not even after the shared cache lost it
    (flushed, evicted): it starts again from the clock, so no process reuses an old copy of a feed.

    Like the page cache's generation, each process keeps the version it read for
    ``EDUFEST_PAGE_CACHE_LOCAL_SECONDS`` (``cms.cache.remembered``): a change in this process shows
    at once, one made elsewhere within that bound."""
    return remembered(_local_version, _read_version)


def _read_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        start = time.time_ns()
        cache.add(VERSION_KEY, start, None)
        version = cache.get(VERSION_KEY, start)
    return version
