import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from cms.calendar import bump_calendar_version, calendar_version
from events.calendars.feeds import event_calendar_items
from events.calendars.models import ItemSequence
from events.calendars.queries import site_calendar_items

from .factories import EventPageFactory, warsaw

pytestmark = pytest.mark.django_db


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def sequence_of(page):
    (item,) = [item for item in event_calendar_items() if item.uid.startswith(f"event-{page.pk}@")]
    return item.sequence


def test_first_publish_records_sequence_zero():
    page = EventPageFactory()

    assert ItemSequence.objects.get(uid__startswith=f"event-{page.pk}@").sequence == 0
    assert sequence_of(page) == 0


def test_time_change_raises_sequence_once_per_change():
    page = EventPageFactory(starts_at=warsaw(2026, 6, 10, 9), ends_at=warsaw(2026, 6, 10, 15))

    republish(page, starts_at=warsaw(2026, 6, 10, 10))
    assert sequence_of(page) == 1
    republish(page, ends_at=warsaw(2026, 6, 11, 15))
    assert sequence_of(page) == 2


def test_title_or_lead_change_keeps_sequence():
    page = EventPageFactory()

    republish(page, title="Inny tytuł", lead="Inny lead")

    assert sequence_of(page) == 0


def test_unpublished_and_private_events_are_not_calendar_items():
    shown = EventPageFactory(title="Publiczne")
    draft = EventPageFactory(title="Szkic")
    draft.unpublish()
    private = EventPageFactory(title="Prywatne")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert [item.title for item in event_calendar_items()] == [shown.title]


def test_members_only_meeting_is_an_item_without_its_lead():
    EventPageFactory(kind="meeting", members_only=True, lead="Porządek obrad")

    (item,) = event_calendar_items()

    assert (item.kind, item.description) == ("meeting", "")


def test_publishing_an_event_bumps_the_calendar_version(django_capture_on_commit_callbacks):
    before = calendar_version()
    with django_capture_on_commit_callbacks(execute=True):
        EventPageFactory()

    assert calendar_version() > before
    bumped = calendar_version()
    bump_calendar_version()
    assert calendar_version() == bumped + 1


def test_site_items_filter_by_kind_county_audience_and_range():
    festival = EventPageFactory(kind="festival", audiences=["pupils"], starts_at=warsaw(2026, 6, 1, 9))
    fair = EventPageFactory(
        kind="fair",
        county="1261",
        voivodeship="12",
        audiences=["students"],
        starts_at=warsaw(2026, 6, 2, 9),
        ends_at=warsaw(2026, 6, 2, 15),
    )
    late = EventPageFactory(kind="festival", starts_at=warsaw(2026, 8, 1, 9), ends_at=warsaw(2026, 8, 1, 12))

    def titles(**filters):
        return [item.title for item in site_calendar_items(**filters)]

    assert titles(kind="fair") == [fair.title]
    assert titles(county="12:1261") == [fair.title]
    assert titles(county="1261") == [fair.title]
    assert titles(county="16:1261") == []
    assert titles(audience="pupils") == [festival.title]
    assert titles(start=warsaw(2026, 7, 1, 0)) == [late.title]
    assert titles(end=warsaw(2026, 6, 2, 0)) == [festival.title]


def test_the_calendar_version_never_repeats_even_after_the_cache_lost_it():
    first = calendar_version()
    bump_calendar_version()
    assert calendar_version() == first + 1

    cache.clear()  # flushed, restarted or evicted

    assert calendar_version() > first + 1
