import datetime

import pytest
from django.utils import timezone
from wagtail import hooks

from cms.hooks import CALENDAR_ITEMS, HOME_SECTIONS, REACH_FIGURES
from cms.reach.figures import ReachRow
from events.edubus import services

from .factories import KLUCZBORK, StopFactory, StopReportFactory, at, place

pytestmark = pytest.mark.django_db


def items():
    return [item for fn in hooks.get_hooks(CALENDAR_ITEMS) for item in fn() if item.kind == "edubus"]


def test_public_stop_is_a_calendar_item_with_place_and_stable_uid():
    stop = StopFactory(place_name="Targi w Nysie", arrival=at(datetime.date(2026, 12, 1), 10))

    (item,) = items()

    assert item.uid == f"edubus-stop-{stop.pk}@edufest"
    assert (item.title, item.status, item.sequence, item.county) == (
        "Edubus: Targi w Nysie, Nysa",
        "CONFIRMED",
        0,
        "1607",
    )
    assert (item.starts_at, item.ends_at) == (
        at(datetime.date(2026, 12, 1), 10),
        at(datetime.date(2026, 12, 1), 13),
    )
    assert (item.latitude, item.longitude) == (50.4747, 17.334)
    assert item.url == f"http://127.0.0.1:8000/edubus/{stop.pk}/"
    assert item.last_modified == stop.updated_at
    assert "Ewa Kowalska" not in repr(item)


def test_closed_stop_is_an_all_day_item_with_the_town_only():
    StopFactory(
        place_name="SP nr 1 w Kluczborku",
        is_public=False,
        arrival=at(datetime.date(2026, 12, 3), 10),
        **place(KLUCZBORK),
    )

    (item,) = items()

    assert item.all_day
    assert (item.starts_at, item.ends_at) == (datetime.date(2026, 12, 3), datetime.date(2026, 12, 4))
    assert item.title == "Edubus w miejscowości Kluczbork (wizyta zamknięta)"
    assert "SP nr 1" not in repr(item)
    assert item.latitude is None


def test_cancelled_stop_stays_in_the_feed_as_cancelled_with_a_raised_sequence():
    stop = StopFactory()
    services.cancel_stop(stop=stop, reason="Awaria")

    (item,) = items()

    assert (item.uid, item.status, item.sequence) == (f"edubus-stop-{stop.pk}@edufest", "CANCELLED", 1)


def test_reach_row_per_stop_report_in_the_period():
    report = StopReportFactory(visitors=164, stop__arrival=at(datetime.date(2026, 11, 10), 9))
    StopReportFactory(stop__arrival=at(datetime.date(2026, 10, 1), 9))

    rows = [
        row
        for fn in hooks.get_hooks(REACH_FIGURES)
        for row in fn(start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 30))
        if row.activity_type == "edubus"
    ]

    assert rows == [
        ReachRow(
            activity_type="edubus",
            activity_type_label="Edubus",
            activity_key=f"edubus-stop:{report.stop.pk}",
            people=164,
            municipality="Nysa",
            county="1607",
            voivodeship="16",
            basis="report",
        )
    ]


def test_home_section_lists_next_stops(rf):
    StopFactory(place_name="Targi w Nysie", arrival=at(timezone.localdate() + datetime.timedelta(days=2), 10))

    sections = [
        s
        for fn in hooks.get_hooks(HOME_SECTIONS)
        if (s := fn(rf.get("/"))) and s["template"].startswith("edubus/")
    ]

    assert [[stop.place_name for stop in s["context"]["stops"]] for s in sections] == [["Targi w Nysie"]]


def test_home_page_shows_the_edubus_section(client, demo_site):
    StopFactory(place_name="Targi w Nysie", arrival=at(timezone.localdate() + datetime.timedelta(days=2), 10))

    content = client.get("/").content.decode()

    assert "Najbliższe postoje Edubusa" in content
    assert "Targi w Nysie" in content
