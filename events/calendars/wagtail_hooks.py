from wagtail import hooks

from cms.demo import ensure_translation
from cms.hooks import CALENDAR_ITEMS, SEED_DEMO

from .feeds import event_calendar_items
from .models import CalendarPage


@hooks.register(CALENDAR_ITEMS)
def events_calendar_items(*, start=None, end=None):
    return event_calendar_items(start=start, end=end)


@hooks.register(SEED_DEMO, order=45)
def seed_calendar_page(*, home, stdout):
    """The "Kalendarz" page under the home page, in the menu (idempotent)."""
    page = CalendarPage.objects.child_of(home).first()
    if page is None:
        page = _create_calendar_page(home, stdout)
    ensure_translation(
        page,
        "en",
        title="Calendar",
        slug="calendar",
        intro=(
            "Every public event, Edubus stop and contest date in one place. You can also subscribe "
            "to them in your own calendar."
        ),
    )


def _create_calendar_page(home, stdout):
    page = CalendarPage(
        title="Kalendarz",
        slug="kalendarz",
        show_in_menus=True,
        intro=(
            "Wszystkie publiczne wydarzenia, postoje Edubusa i terminy konkursów w jednym miejscu. "
            "Możesz je też zasubskrybować w swoim kalendarzu."
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    if stdout:
        stdout.write("calendars: Kalendarz page created")
    return page
