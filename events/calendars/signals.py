"""Keep SEQUENCE and the feed cache in step with publishing (the events' part of the calendar).

- an ``EventPage`` published: its item's fingerprint (start, end, status) is recorded, raising
  ``SEQUENCE`` when it changed, and the feed cache version is bumped;
- any page published or unpublished: the feed cache version is bumped;
- any change to a model of the events app: the feed cache version is bumped
  (``cms.calendar.bump_on_model_changes``; the other providers, Edubus and contests, register
  their own models in their ``ready()``).
"""

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from cms.calendar import bump_calendar_version, bump_on_model_changes
from events.models import EventPage

from .ical import event_item
from .services import record_item_change


def event_published(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        record_item_change(item=event_item(instance, url=""))


def page_changed(sender, instance, **kwargs):
    transaction.on_commit(bump_calendar_version)


def connect():
    page_published.connect(event_published, dispatch_uid="calendars_event_published")
    page_published.connect(page_changed, dispatch_uid="calendars_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="calendars_page_unpublished")
    bump_on_model_changes(EventPage._meta.app_label)
