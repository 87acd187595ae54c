from wagtail import hooks

from cms.hooks import CALENDAR_ITEMS

from .queries import event_calendar_items


@hooks.register(CALENDAR_ITEMS)
def events_calendar_items(*, start=None, end=None):
    return event_calendar_items(start=start, end=end)
