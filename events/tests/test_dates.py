# ruff: noqa: RUF001 (Polish dates use en dashes)
import datetime
import zoneinfo

from django.utils import translation

from events.dates import format_event_dates, format_time_range

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def at(*args):
    return datetime.datetime(*args, tzinfo=WARSAW)


def polish(*args, **kwargs):
    with translation.override("pl"):
        return format_event_dates(*args, **kwargs)


def test_one_day_event_shows_day_and_hours():
    assert polish(at(2030, 5, 12, 9), at(2030, 5, 12, 14, 30)) == "12 maja 2030, 9:00–14:30"


def test_times_are_shown_in_warsaw_time_whatever_the_stored_zone():
    start = datetime.datetime(2030, 1, 15, 8, tzinfo=datetime.UTC)

    assert polish(start, start + datetime.timedelta(hours=2)) == "15 stycznia 2030, 9:00–11:00"


def test_multi_day_event_shows_both_days_with_hours():
    assert polish(at(2030, 5, 12, 9), at(2030, 5, 13, 15)) == "12 maja 2030, 9:00 – 13 maja 2030, 15:00"


def test_all_day_events_show_only_days():
    assert polish(at(2030, 5, 12), at(2030, 5, 12, 23, 59), all_day=True) == "12 maja 2030"
    assert polish(at(2030, 5, 12), at(2030, 5, 14), all_day=True) == "12–13 maja 2030"
    assert polish(at(2030, 11, 30), at(2030, 12, 1, 18), all_day=True) == "30 listopada – 1 grudnia 2030"
    assert polish(at(2030, 12, 31), at(2031, 1, 2), all_day=True) == "31 grudnia 2030 – 1 stycznia 2031"


def test_english_dates_under_english_interface():
    with translation.override("en"):
        assert format_event_dates(at(2030, 5, 12, 9), at(2030, 5, 13, 15)) == (
            "12 May 2030, 9:00 to 13 May 2030, 15:00"
        )


def test_session_time_range():
    assert format_time_range(at(2030, 5, 12, 9), at(2030, 5, 12, 10, 30)) == "9:00–10:30"
