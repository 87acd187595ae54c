# ruff: noqa: RUF001 (dates are written with en dashes)
import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from cms.dates import format_date_range, format_day

D = datetime.date


@pytest.mark.parametrize(
    ("language", "first", "last", "expected"),
    [
        ("pl", D(2027, 5, 14), D(2027, 5, 14), "14 maja 2027"),
        ("pl", D(2027, 5, 14), D(2027, 5, 15), "14–15 maja 2027"),
        ("pl", D(2026, 11, 30), D(2026, 12, 1), "30 listopada – 1 grudnia 2026"),
        ("pl", D(2026, 12, 30), D(2027, 1, 2), "30 grudnia 2026 – 2 stycznia 2027"),
        ("en", D(2027, 5, 14), D(2027, 5, 15), "14–15 May 2027"),
        ("en", D(2026, 11, 30), D(2026, 12, 1), "30 November – 1 December 2026"),
    ],
)
def test_date_ranges_are_written_one_way(language, first, last, expected):
    with translation.override(language):
        assert format_date_range(first, last) == expected
        assert Template("{% load cms_tags %}{% date_range a b %}").render(
            Context({"a": first, "b": last})
        ) == (expected)


def test_weekday_is_lower_case_inside_a_polish_sentence_and_capitalised_in_english():
    day = D(2026, 12, 8)
    with translation.override("pl"):
        assert format_day(day, in_sentence=True) == "wtorek, 8 grudnia 2026"
        assert format_day(day) == "Wtorek, 8 grudnia 2026"
    with translation.override("en"):
        assert format_day(day, in_sentence=True) == "Tuesday, 8 December 2026"


def test_english_dates_read_day_month_year(client, demo_site):
    with translation.override("en"):
        assert (
            Template('{{ d|date:"DATE_FORMAT" }}').render(Context({"d": D(2026, 11, 10)}))
            == "10 November 2026"
        )

    content = client.get("/en/news/").content.decode()

    assert '<time datetime="2026-11-10">10 November 2026</time>' in content
    assert "Nov. 10, 2026" not in content
