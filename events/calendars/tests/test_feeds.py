import datetime
import gzip
import time

import icalendar
import pytest
import recurring_ical_events
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from cms import calendar as cms_calendar
from cms.calendar import VERSION_KEY, CalendarItem, bump_calendar_version, calendar_version
from cms.hooks import CALENDAR_ITEMS
from events.calendars import feeds
from events.models import EventPage

from .checks import libical_errors
from .factories import EventPageFactory, warsaw

pytestmark = pytest.mark.django_db

FEED = "/calendar.ics"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Feeds start 90 days before today: keep "today" before the test events."""

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 5, 1))


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_feed_holds_every_public_event_and_passes_libical(client):
    festival = EventPageFactory(kind="festival")
    all_day = EventPageFactory(
        kind="fair", all_day=True, starts_at=warsaw(2026, 9, 22, 0), ends_at=warsaw(2026, 9, 23, 0)
    )

    response = client.get(FEED)

    events = events_of(response)
    assert sorted(str(event["UID"]) for event in events) == sorted(
        [f"event-{festival.pk}@127.0.0.1", f"event-{all_day.pk}@127.0.0.1"]
    )
    assert libical_errors(response.content) == []
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Edufest — kalendarz"
    assert calendar["METHOD"] == "PUBLISH"


def test_feed_expands_to_exactly_the_occurrences_in_the_database(client):
    EventPageFactory(starts_at=warsaw(2026, 6, 1, 9), ends_at=warsaw(2026, 6, 1, 12))
    EventPageFactory(all_day=True, starts_at=warsaw(2026, 6, 5, 0), ends_at=warsaw(2026, 6, 7, 0))
    EventPageFactory(starts_at=warsaw(2026, 6, 20, 9), ends_at=warsaw(2026, 6, 21, 12))
    EventPageFactory(starts_at=warsaw(2026, 8, 1, 9), ends_at=warsaw(2026, 8, 1, 12))
    draft = EventPageFactory(starts_at=warsaw(2026, 6, 2, 9), ends_at=warsaw(2026, 6, 2, 12))
    draft.unpublish()

    calendar = icalendar.Calendar.from_ical(client.get(FEED).content)
    occurrences = recurring_ical_events.of(calendar).between(
        datetime.date(2026, 6, 1), datetime.date(2026, 7, 1)
    )

    expected = EventPage.objects.live().filter(
        starts_at__lt=warsaw(2026, 7, 1, 0), ends_at__gte=warsaw(2026, 6, 1, 0)
    )
    assert sorted(str(event["UID"]) for event in occurrences) == sorted(
        f"event-{page.pk}@127.0.0.1" for page in expected
    )
    assert len(occurrences) == 3
    dates = sorted(
        (event["DTSTART"].dt, event["DTEND"].dt)
        for event in occurrences
        if not isinstance(event["DTSTART"].dt, datetime.datetime)
    )
    assert dates == [(datetime.date(2026, 6, 5), datetime.date(2026, 6, 7))]  # ends at midnight: exclusive


def test_unchanged_feed_is_byte_identical_with_the_same_etag(client, django_capture_on_commit_callbacks):
    EventPageFactory()
    EventPageFactory(kind="fair")
    first = client.get(FEED)
    bump_calendar_version()  # force a rebuild: the bytes must not depend on the cache

    second = client.get(FEED)

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]


def test_a_client_accepting_gzip_gets_the_same_feed_compressed_under_its_own_etag(client):
    EventPageFactory()
    plain = client.get(FEED)
    bump_calendar_version()  # rebuilt: the compressed bytes must not depend on the process either

    first = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    bump_calendar_version()
    second = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip")

    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == plain.content
    assert len(first.content) < len(plain.content)
    assert second.content == first.content
    assert first["ETag"] == plain["ETag"][:-1] + '-gzip"'
    assert "Accept-Encoding" in first["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in plain
    assert client.get(FEED, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_conditional_get_answers_304_until_an_event_changes(client, django_capture_on_commit_callbacks):
    page = EventPageFactory()
    first = client.get(FEED)

    assert client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(FEED, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        page.starts_at, page.ends_at = warsaw(2026, 6, 10, 10), warsaw(2026, 6, 10, 12)
        page.save_revision().publish()
    changed = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])

    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    (event,) = events_of(changed)
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt == warsaw(2026, 6, 10, 10)


def test_feed_is_cached_until_the_calendar_version_changes(client, django_assert_num_queries):
    EventPageFactory()
    client.get(FEED)

    with django_assert_num_queries(0):
        client.get(FEED)


def test_kind_and_county_feeds_hold_only_matching_items(client):
    festival = EventPageFactory(kind="festival")
    fair = EventPageFactory(kind="fair", county="1261", voivodeship="12", audiences=["students"])

    def uids(url):
        return [str(event["UID"]) for event in events_of(client.get(url))]

    assert uids("/calendar.ics?kind=fair") == [f"event-{fair.pk}@127.0.0.1"]
    assert uids(reverse("calendars:kind_feed", args=["festival"])) == [f"event-{festival.pk}@127.0.0.1"]
    assert uids("/calendar.ics?county=12:1261") == [f"event-{fair.pk}@127.0.0.1"]
    assert uids(reverse("calendars:county_feed", args=["16", "1661"])) == [f"event-{festival.pk}@127.0.0.1"]
    assert uids("/calendar.ics?audience=students") == [f"event-{fair.pk}@127.0.0.1"]
    assert uids("/calendar.ics?kind=webinar") == []
    assert libical_errors(client.get("/calendar.ics?kind=fair").content) == []
    contests = client.get("/calendar.ics?kind=contest")
    assert icalendar.Calendar.from_ical(contests.content)["X-WR-CALNAME"] == "Edufest — konkurs"


def test_bad_filter_value_is_a_400_not_a_500(client):
    response = client.get("/calendar.ics?kind=<script>")

    assert response.status_code == 400


def test_english_feed_is_named_in_english(client):
    EventPageFactory()

    response = client.get("/en/calendar.ics")

    assert icalendar.Calendar.from_ical(response.content)["X-WR-CALNAME"] == "Edufest — calendar"


def test_feed_includes_items_of_other_providers_and_stays_valid(client):
    stop = CalendarItem(
        uid="stop-7@127.0.0.1",
        kind="edubus",
        kind_label="Edubus",
        title="Edubus: dożynki w Brzegu",
        url="http://127.0.0.1:8000/edubus/7/",
        starts_at=warsaw(2026, 8, 30, 10),
        ends_at=warsaw(2026, 8, 30, 16),
        last_modified=datetime.datetime(2026, 4, 2, 8, 0, tzinfo=datetime.UTC),
        status="CANCELLED",
        sequence=2,
        location="Rynek, 49-300 Brzeg",
        latitude=50.86,
        longitude=17.47,
        county="1601",
        voivodeship="16",
    )
    deadline = CalendarItem(
        uid="contest-3-deadline@127.0.0.1",
        kind="contest",
        kind_label="konkurs",
        title="Termin zgłoszeń: Mój zawód w 3 minuty",
        url="http://127.0.0.1:8000/konkursy/3/",
        starts_at=datetime.date(2026, 9, 15),
        ends_at=datetime.date(2026, 9, 16),
        last_modified=datetime.datetime(2026, 4, 3, 8, 0, tzinfo=datetime.UTC),
    )

    def provider(*, start=None, end=None):
        return [stop, deadline]

    with hooks.register_temporarily(CALENDAR_ITEMS, provider):
        bump_calendar_version()
        everything = client.get(FEED)
        edubus = client.get("/calendar.ics?kind=edubus")
        brzeski = client.get("/calendar.ics?county=16:1601")

    assert {str(event["UID"]) for event in events_of(everything)} == {stop.uid, deadline.uid}
    assert [str(event["UID"]) for event in events_of(edubus)] == [stop.uid]
    assert [str(event["UID"]) for event in events_of(brzeski)] == [stop.uid]
    (cancelled,) = events_of(edubus)
    assert (cancelled["STATUS"], cancelled["SEQUENCE"]) == ("CANCELLED", 2)
    assert libical_errors(everything.content) == []


def test_feed_carries_no_personal_data_of_registrants(client):
    page = EventPageFactory(organiser="WZK Opolskie")
    get_user_model().objects.create_user("teacher", "nauczycielka@example.org", "x" * 12)
    mail.outbox.clear()

    body = client.get(FEED).content + client.get(reverse("calendars:event_ics", args=[page.pk])).content

    assert b"nauczycielka@example.org" not in body
    emails = {
        line.split(b"mailto:")[1].strip()
        for line in body.replace(b"\r\n ", b"").splitlines()
        if b"mailto:" in line
    }
    assert emails == {b"noreply@example.org"}


def test_event_ics_download_is_an_attachment_with_etag(client):
    page = EventPageFactory(slug="festiwal-opole")

    response = client.get(f"/wydarzenia/{page.pk}.ics")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="festiwal-opole.ics"'
    (event,) = events_of(response)
    assert str(event["UID"]) == f"event-{page.pk}@127.0.0.1"
    assert client.get(f"/wydarzenia/{page.pk}.ics", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_event_ics_of_a_draft_is_404(client):
    page = EventPageFactory()
    page.unpublish()

    assert client.get(f"/wydarzenia/{page.pk}.ics").status_code == 404


def test_event_page_offers_the_ics_download_and_google_and_outlook_links(client):
    page = EventPageFactory(title="Targi Edukacyjne")

    html = client.get(page.url).content.decode()

    assert f'href="/wydarzenia/{page.pk}.ics"' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Targi+Edukacyjne" in html
    assert "https://outlook.office.com/calendar/0/deeplink/compose?" in html


class ReadRecordingCache(LocMemCache):
    """A real local-memory cache that also records the keys asked for."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self.reads = []

    def get(self, key, default=None, version=None):
        self.reads.append(key)
        return super().get(key, default, version)


def uids_of(response):
    return [str(event["UID"]) for event in events_of(response)]


def test_a_warm_feed_reads_only_the_calendar_version_and_nothing_from_the_database(
    client, settings, django_assert_num_queries
):
    settings.CACHES = {
        "default": {"BACKEND": f"{__name__}.ReadRecordingCache", "LOCATION": "warm-feed"},
    }
    EventPageFactory()
    first = client.get(FEED)
    caches["default"].reads.clear()

    with django_assert_num_queries(0):
        plain = client.get(FEED)
        compressed = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip")
        unchanged = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])

    assert caches["default"].reads == ["calendars:version"] * 3  # the page cache is skipped too
    assert plain.content == first.content
    assert gzip.decompress(compressed.content) == first.content
    assert unchanged.status_code == 304


def test_a_feed_another_process_built_comes_from_the_shared_cache_without_queries(
    client, django_assert_num_queries
):
    EventPageFactory()
    first = client.get(FEED)
    feeds.process_feeds.clear()  # as in a process that has not served the feed yet

    with django_assert_num_queries(0):
        second = client.get(FEED)

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_publish_shows_in_the_feed_at_once_in_the_process_that_served_it(
    client, django_capture_on_commit_callbacks
):
    page = EventPageFactory()
    assert uids_of(client.get(FEED)) == [f"event-{page.pk}@127.0.0.1"]

    with django_capture_on_commit_callbacks(execute=True):
        added = EventPageFactory(starts_at=warsaw(2026, 9, 1, 9), ends_at=warsaw(2026, 9, 1, 12))

    assert uids_of(client.get(FEED)) == [f"event-{page.pk}@127.0.0.1", f"event-{added.pk}@127.0.0.1"]
    assert [key[0] for key in feeds.process_feeds] == [calendar_version()]  # the old version is gone


def test_a_version_bumped_by_another_process_replaces_this_processs_copy(client):
    kept = EventPageFactory(starts_at=warsaw(2026, 6, 1, 9), ends_at=warsaw(2026, 6, 1, 12))
    removed = EventPageFactory(starts_at=warsaw(2026, 6, 2, 9), ends_at=warsaw(2026, 6, 2, 12))
    client.get(FEED)
    removed.unpublish()  # the test transaction never commits: no bump of our own
    other_process = LocMemCache("", {})  # a client of its own on the same memory

    other_process.incr(VERSION_KEY)

    assert uids_of(client.get(FEED)) == [f"event-{kept.pk}@127.0.0.1"]


def test_a_shared_cache_that_lost_the_version_does_not_bring_back_an_old_copy(client):
    kept = EventPageFactory(starts_at=warsaw(2026, 6, 1, 9), ends_at=warsaw(2026, 6, 1, 12))
    removed = EventPageFactory(starts_at=warsaw(2026, 6, 2, 9), ends_at=warsaw(2026, 6, 2, 12))
    client.get(FEED)
    removed.unpublish()  # not committed: no bump

    cache.clear()  # flushed or restarted: the version starts again

    assert uids_of(client.get(FEED)) == [f"event-{kept.pk}@127.0.0.1"]


def test_the_process_copy_ends_when_the_shared_cache_entry_expires(client, monkeypatch):
    kept = EventPageFactory(starts_at=warsaw(2026, 6, 1, 9), ends_at=warsaw(2026, 6, 1, 12))
    removed = EventPageFactory(starts_at=warsaw(2026, 6, 2, 9), ends_at=warsaw(2026, 6, 2, 12))
    client.get(FEED)
    removed.unpublish()  # not committed: no bump
    later = time.time() + feeds.FEED_CACHE_SECONDS + 1

    monkeypatch.setattr(time, "time", lambda: later)

    assert uids_of(client.get(FEED)) == [f"event-{kept.pk}@127.0.0.1"]


def test_the_process_copy_follows_the_day_and_the_language(client, monkeypatch):
    may = EventPageFactory(starts_at=warsaw(2026, 5, 5, 9), ends_at=warsaw(2026, 5, 5, 12))
    polish = client.get(FEED)
    english = client.get("/en/calendar.ics")
    assert uids_of(polish) == [f"event-{may.pk}@127.0.0.1"]
    assert icalendar.Calendar.from_ical(polish.content)["X-WR-CALNAME"] == "Edufest — kalendarz"
    assert icalendar.Calendar.from_ical(english.content)["X-WR-CALNAME"] == "Edufest — calendar"

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 8, 10))

    assert uids_of(client.get(FEED)) == []  # the feed now starts on 12 May


def test_the_process_keeps_at_most_its_limit_of_feeds_the_least_recently_used_go_first(client):
    kinds = [f"kind{number}" for number in range(feeds.FEED_PROCESS_COPIES + 4)]
    for kind in kinds:
        client.get(f"{FEED}?kind={kind}")
    client.get(f"{FEED}?kind=kind4")  # used again: now the most recent

    assert feeds.FEED_PROCESS_COPIES == 16
    assert [key[3] for key in feeds.process_feeds] == kinds[5:] + ["kind4"]


def test_each_process_keeps_the_version_for_the_bound_and_its_own_bump_at_once(db, settings):
    settings.EDUFEST_PAGE_CACHE_LOCAL_SECONDS = 0.5
    cms_calendar._local_version[0] = None
    first = calendar_version()
    cache.incr(VERSION_KEY)  # another process's change
    during = calendar_version()
    time.sleep(0.6)
    after = calendar_version()
    bump_calendar_version()  # this process's change
    own = calendar_version()
    cms_calendar._local_version[0] = None

    assert (during, after, own) == (first, first + 1, first + 2)
