"""Calendar test data: event pages come from the events app's factories; the calendar page is ours."""

import datetime
import zoneinfo

from events.calendars.models import CalendarPage
from events.tests.factories import EventPageFactory, demo_home

__all__ = ["EventPageFactory", "calendar_page", "warsaw"]

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def warsaw(*args):
    return datetime.datetime(*args, tzinfo=WARSAW)


def calendar_page():
    home = demo_home()
    page = CalendarPage.objects.child_of(home).first()
    if page is None:
        page = CalendarPage(title="Kalendarz", slug="kalendarz")
        home.add_child(instance=page)
        page.save_revision().publish()
    return page
