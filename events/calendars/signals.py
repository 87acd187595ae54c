"""Keep SEQUENCE and the feed cache in step with publishing.

- an ``EventPage`` published: its item's fingerprint (start, end, status) is recorded, raising
  ``SEQUENCE`` when it changed, and the feed cache version is bumped;
- any page published, unpublished or deleted, and any change to a model of the apps that feed the
  calendar (events, edubus, contests): the feed cache version is bumped.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .services import bump_calendar_version, record_item_change

CALENDAR_SOURCE_APPS = {"events", "edubus", "contests"}


def event_published(sender, instance, **kwargs):
    from events.models import EventPage

    from .ical import event_item

    if isinstance(instance, EventPage):
        record_item_change(item=event_item(instance, url=""))


def page_changed(sender, instance, **kwargs):
    transaction.on_commit(bump_calendar_version)


def source_model_changed(sender, instance=None, raw=False, **kwargs):
    if not raw and sender._meta.app_label in CALENDAR_SOURCE_APPS:
        transaction.on_commit(bump_calendar_version)


def connect():
    page_published.connect(event_published, dispatch_uid="calendars_event_published")
    page_published.connect(page_changed, dispatch_uid="calendars_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="calendars_page_unpublished")
    post_save.connect(source_model_changed, dispatch_uid="calendars_source_saved")
    post_delete.connect(source_model_changed, dispatch_uid="calendars_source_deleted")
