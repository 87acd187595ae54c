import datetime

import icalendar
import pytest
from django.utils import timezone
from wagtail.models import Site

from cms.calendar import CalendarItem
from cms.models import SiteSettings
from events.calendars.ical import calendar_from_items, event_ics, event_item

from .checks import libical_errors
from .factories import EventPageFactory, warsaw

pytestmark = pytest.mark.django_db

ONLINE_ONLY = {
    "venue_name": "",
    "street": "",
    "postal_code": "",
    "municipality": "",
    "latitude": None,
    "longitude": None,
}


def only_event(ics):
    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_event_ics_is_valid_for_libical_and_carries_the_publish_headers(settings):
    settings.SITE_URL = "https://edufest.example.org"
    settings.DEFAULT_FROM_EMAIL = "Edufest <noreply@example.org>"
    page = EventPageFactory(title="Festiwal Zawodów Opolskie")
    page.refresh_from_db()

    ics = event_ics(page)

    assert libical_errors(ics) == []
    calendar, event = only_event(ics)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["VERSION"] == "2.0"
    assert calendar["NAME"] == "Festiwal Zawodów Opolskie"
    assert calendar["X-WR-CALNAME"] == "Festiwal Zawodów Opolskie"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in ics
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in ics
    assert event["UID"] == f"event-{page.pk}@edufest.example.org"
    assert event["ORGANIZER"] == "mailto:noreply@example.org"
    assert event["ORGANIZER"].params["CN"] == "Edufest"
    assert event["URL"] == f"https://edufest.example.org{page.get_url_parts()[2]}"
    assert event["SUMMARY"] == "Festiwal Zawodów Opolskie"
    assert event["DTSTAMP"].dt == page.last_published_at.replace(microsecond=0)
    assert event["SEQUENCE"] == 0


def test_event_times_are_written_in_warsaw_with_the_simple_rrule_vtimezone():
    page = EventPageFactory(starts_at=warsaw(2026, 6, 10, 9, 0), ends_at=warsaw(2026, 6, 10, 15, 30))

    ics = event_ics(page)

    assert b"DTSTART;TZID=Europe/Warsaw:20260610T090000\r\n" in ics
    assert b"DTEND;TZID=Europe/Warsaw:20260610T153000\r\n" in ics
    calendar, _ = only_event(ics)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Europe/Warsaw"
    (daylight,) = vtimezone.walk("DAYLIGHT")
    (standard,) = vtimezone.walk("STANDARD")
    assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert daylight["TZOFFSETTO"].to_ical() == "+0200"
    assert standard["TZOFFSETTO"].to_ical() == "+0100"
    assert "RDATE" not in daylight and "RDATE" not in standard


def test_all_day_multi_day_event_ends_on_the_day_after_its_last_day():
    page = EventPageFactory(
        all_day=True, starts_at=warsaw(2026, 9, 22, 0, 0), ends_at=warsaw(2026, 9, 24, 23, 59)
    )

    ics = event_ics(page)

    assert b"DTSTART;VALUE=DATE:20260922\r\n" in ics
    assert b"DTEND;VALUE=DATE:20260925\r\n" in ics
    assert libical_errors(ics) == []


def test_timed_multi_day_event_keeps_its_times():
    page = EventPageFactory(starts_at=warsaw(2026, 10, 24, 10, 0), ends_at=warsaw(2026, 10, 26, 16, 0))

    _, event = only_event(event_ics(page))

    assert event["DTSTART"].dt == warsaw(2026, 10, 24, 10, 0)
    assert event["DTEND"].dt == warsaw(2026, 10, 26, 16, 0)


def test_place_gives_location_geo_and_apple_structured_location():
    page = EventPageFactory(
        venue_name="Hala Stegu",
        street="ul. Oleska 70",
        postal_code="45-222",
        municipality="Opole",
        latitude="50.671234",
        longitude="17.935678",
    )

    ics = event_ics(page)

    _, event = only_event(ics)
    assert event["LOCATION"] == "Hala Stegu, ul. Oleska 70, 45-222 Opole"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (50.671234, 17.935678)
    structured = event["X-APPLE-STRUCTURED-LOCATION"]
    assert structured == "geo:50.671234,17.935678"
    assert structured.params["X-ADDRESS"] == "Hala Stegu, ul. Oleska 70, 45-222 Opole"
    assert structured.params["X-TITLE"] == "Hala Stegu"
    assert libical_errors(ics) == []


def test_webinar_location_is_its_online_link_and_it_has_no_geo():
    page = EventPageFactory(
        kind="webinar",
        **ONLINE_ONLY,
        online_url="https://meet.example.org/webinar",
    )

    _, event = only_event(event_ics(page))

    assert event["LOCATION"] == "https://meet.example.org/webinar"
    assert "GEO" not in event
    assert "X-APPLE-STRUCTURED-LOCATION" not in event


def test_members_only_meeting_shows_no_lead_and_no_online_link():
    page = EventPageFactory(
        kind="meeting",
        members_only=True,
        lead="Porządek obrad: budżet",
        **ONLINE_ONLY,
        online_url="https://meet.example.org/tajne",
    )

    ics = event_ics(page)

    assert b"meet.example.org" not in ics
    assert b"Porz" not in ics
    assert libical_errors(ics) == []


def test_unchanged_event_gives_byte_identical_files_and_an_edit_moves_dtstamp():
    page = EventPageFactory()
    first = event_ics(page)

    assert event_ics(page) == first

    page.title = "Nowy tytuł"
    page.save_revision().publish()
    page.refresh_from_db()
    second = event_ics(page)
    assert second != first
    assert only_event(second)[1]["DTSTAMP"].dt == page.last_published_at.replace(microsecond=0)
    assert only_event(second)[1]["UID"] == only_event(first)[1]["UID"]


def test_organizer_is_the_site_settings_email_when_set():
    page = EventPageFactory()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.email = "wzk@example.org"
    site_settings.organisation_name = "WZK Opolskie"
    site_settings.save()

    _, event = only_event(event_ics(page))

    assert event["ORGANIZER"] == "mailto:wzk@example.org"
    assert event["ORGANIZER"].params["CN"] == "WZK Opolskie"


def item(**overrides):
    values = {
        "uid": "stop-1@edufest.example.org",
        "kind": "edubus",
        "kind_label": "Edubus",
        "title": "Edubus w Brzegu",
        "url": "https://edufest.example.org/edubus/1/",
        "starts_at": warsaw(2026, 5, 5, 9, 0),
        "ends_at": warsaw(2026, 5, 5, 13, 0),
        "last_modified": datetime.datetime(2026, 4, 1, 12, 0, tzinfo=datetime.UTC),
    }
    values.update(overrides)
    return CalendarItem(**values)


def test_calendar_from_items_sorts_by_start_and_keeps_status_and_sequence():
    late = item(uid="b@x", starts_at=warsaw(2026, 5, 6, 9), ends_at=warsaw(2026, 5, 6, 10))
    cancelled = item(uid="a@x", status="CANCELLED", sequence=3)
    all_day = item(
        uid="c@x", starts_at=datetime.date(2026, 5, 5), ends_at=datetime.date(2026, 5, 6), kind="contest"
    )

    ics = calendar_from_items([late, cancelled, all_day], name="Edufest")

    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == ["c@x", "a@x", "b@x"]
    assert events[1]["STATUS"] == "CANCELLED"
    assert events[1]["SEQUENCE"] == 3
    assert libical_errors(ics) == []


def test_validator_flags_a_calendar_without_dtstamp_and_organizer():
    broken = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//x//EN\r\nMETHOD:PUBLISH\r\n"
        b"BEGIN:VEVENT\r\nUID:x@example.org\r\nDTSTART:20260101T100000Z\r\nSUMMARY:x\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )

    errors = libical_errors(broken)
    assert libical_errors(b"Bad Request") == ["X-LIC-ERROR: not an iCalendar object (no VCALENDAR)"]

    assert any("DTSTAMP" in line for line in errors)
    assert any("ORGANIZER" in line for line in errors)


def test_event_item_uses_dates_for_all_day_events():
    page = EventPageFactory(
        all_day=True, starts_at=warsaw(2026, 9, 22, 0, 0), ends_at=warsaw(2026, 9, 22, 0, 0)
    )

    page.refresh_from_db()
    calendar_item = event_item(page)

    assert calendar_item.all_day
    assert (calendar_item.starts_at, calendar_item.ends_at) == (
        datetime.date(2026, 9, 22),
        datetime.date(2026, 9, 23),
    )
    assert calendar_item.last_modified == page.last_published_at
    assert timezone.is_aware(calendar_item.last_modified)
