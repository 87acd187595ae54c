from wagtail import hooks

from cms.hooks import CALENDAR_ITEMS, SEED_DEMO

from .queries import event_calendar_items


@hooks.register(CALENDAR_ITEMS)
def events_calendar_items(*, start=None, end=None):
    return event_calendar_items(start=start, end=end)


@hooks.register(SEED_DEMO, order=45)
def seed_calendar_page(*, home, stdout):
    """The "Kalendarz" page under the home page, in the menu (idempotent)."""
    from .models import CalendarPage

    if CalendarPage.objects.child_of(home).exists():
        return
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
