import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks

from cms.hooks import SEED_DEMO
from events.calendars.models import CalendarPage
from events.calendars.wagtail_hooks import seed_calendar_page

from .factories import EventPageFactory, calendar_page, warsaw

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 6, 1))


def text(response):
    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.content.decode())
    return html


def test_list_view_shows_upcoming_events_grouped_by_day_with_links(client):
    page = calendar_page()
    festival = EventPageFactory(
        title="Festiwal Zawodów", starts_at=warsaw(2026, 6, 10, 9), ends_at=warsaw(2026, 6, 10, 15)
    )
    EventPageFactory(title="Dawne targi", starts_at=warsaw(2026, 3, 1, 9), ends_at=warsaw(2026, 3, 1, 15))

    html = text(client.get(page.url))

    assert "Festiwal Zawodów" in html
    assert "Dawne targi" not in html
    assert f'href="{festival.url}"' in html  # a link inside the site is a path
    assert '<time datetime="2026-06-10">Środa, 10 czerwca 2026</time>' in html
    assert "09:00\u201315:00" in html  # en dash
    assert "webcal://127.0.0.1:8000/calendar.ics" in html
    assert "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F127.0.0.1%3A8000%2Fcalendar.ics" in html


def test_subscribe_and_add_to_calendar_links_follow_site_url(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8200"
    page = calendar_page()
    festival = EventPageFactory(
        title="Festiwal Zawodów", starts_at=warsaw(2026, 6, 10, 9), ends_at=warsaw(2026, 6, 10, 15)
    )

    html = text(client.get(page.url))
    event_html = client.get(festival.url).content.decode()

    assert f'href="{festival.url}"' in html
    assert "webcal://127.0.0.1:8200/calendar.ics" in html
    assert "127.0.0.1:8000" not in html
    google, outlook = re.findall(
        r'href="(https://(?:calendar\.google|outlook\.office)\.com/[^"]+)"', event_html
    )
    assert f"http%3A%2F%2F127.0.0.1%3A8200{festival.url.replace('/', '%2F')}" in google
    assert f"http%3A%2F%2F127.0.0.1%3A8200{festival.url.replace('/', '%2F')}" in outlook
    assert "127.0.0.1%3A8000" not in event_html


def test_month_view_is_a_table_with_day_headers_and_multi_day_items_on_each_day(client):
    page = calendar_page()
    EventPageFactory(
        title="Targi wielodniowe",
        all_day=True,
        starts_at=warsaw(2026, 6, 29, 0),
        ends_at=warsaw(2026, 7, 2, 0),
    )

    html = text(client.get(page.url, {"view": "month", "month": "2026-06"}))

    # The short name is for the eye; screen readers get the full name as the column header of each day.
    assert (
        '<th scope="col"><span aria-hidden="true">Pon.</span><span class="visually-hidden">Poniedziałek</span></th>'
        in html
    )
    assert (
        '<span aria-hidden="true">Niedz.</span><span class="visually-hidden">Niedziela</span></th></tr>'
        in html
    )
    assert "<caption" in html and "Czerwiec 2026" in html
    assert html.count("Targi wielodniowe") == 3  # 29 and 30 June, 1 July (shown in the grid's last week)
    assert 'href="?view=month&amp;month=2026-05"' in html
    assert 'href="?view=month&amp;month=2026-07"' in html


def test_filters_keep_only_matching_items_and_carry_into_links_and_feed(client):
    page = calendar_page()
    EventPageFactory(title="Festiwal", kind="festival", starts_at=warsaw(2026, 6, 10, 9))
    EventPageFactory(
        title="Targi Krakowskie",
        kind="fair",
        county="1261",
        voivodeship="12",
        audiences=["students"],
        starts_at=warsaw(2026, 6, 11, 9),
        ends_at=warsaw(2026, 6, 11, 12),
    )

    by_kind = text(client.get(page.url, {"kind": "fair"}))
    by_county = text(client.get(page.url, {"county": "12:1261"}))
    by_audience = text(client.get(page.url, {"audience": "students"}))

    for html in (by_kind, by_county, by_audience):
        assert "Targi Krakowskie" in html
        assert "Festiwal" not in html.replace("Festiwal Zawodów", "")
    assert "webcal://127.0.0.1:8000/calendar.ics?kind=fair" in by_kind
    assert 'href="?kind=fair&amp;view=list&amp;month=2026-07"' in by_kind


def test_bad_filter_input_shows_a_message_and_keeps_the_rest(client):
    page = calendar_page()
    EventPageFactory(title="Festiwal", starts_at=warsaw(2026, 6, 10, 9))

    html = text(client.get(page.url, {"kind": "nonsense", "month": "2026-13", "audience": "x"}))

    assert "Festiwal" in html
    assert html.count('class="errorlist') >= 2


def test_calendar_page_query_count_does_not_grow_with_items(client, django_user_model):
    page = calendar_page()
    # Signed in, so the anonymous page cache stays out of the way and every request renders.
    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "x"))

    def count(n, offset):
        for index in range(n):
            EventPageFactory(
                starts_at=warsaw(2026, 6, 2 + index % 25, 9),
                ends_at=warsaw(2026, 6, 2 + index % 25, 12),
                audiences=["pupils"],
            )
        client.get(page.url, {"view": "month", "month": "2026-06"})  # warm one-time caches (site,
        client.get(page.url)  # settings, menus) so only per-item queries could differ
        with CaptureQueriesContext(connection) as queries:
            client.get(page.url, {"view": "month", "month": "2026-06"})
            client.get(page.url)
        return len(queries)

    few = count(3, 0)
    many = count(27, 3)
    assert few == many


def test_add_to_calendar_links_render_ics_google_and_outlook():
    page = EventPageFactory(
        title="Festiwal Zawodów",
        starts_at=warsaw(2026, 6, 10, 9),
        ends_at=warsaw(2026, 6, 10, 15),
        venue_name="Hala",
        street="",
        postal_code="",
        municipality="Opole",
    )

    html = Template("{% load calendar_tags %}{% add_to_calendar_links page %}").render(
        Context({"page": page})
    )

    assert f'href="/wydarzenia/{page.pk}.ics"' in html
    assert (
        "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Festiwal+Zawod%C3%B3w"
        "&amp;dates=20260610T090000%2F20260610T150000&amp;ctz=Europe%2FWarsaw" in html
    )
    assert "location=Hala%2C+Opole" in html
    assert (
        "https://outlook.office.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose" in html
    )
    assert "startdt=2026-06-10T09%3A00%3A00%2B02%3A00&amp;enddt=2026-06-10T15%3A00%3A00%2B02%3A00" in html


def test_add_to_calendar_links_of_an_all_day_event_use_dates():
    page = EventPageFactory(all_day=True, starts_at=warsaw(2026, 9, 22, 0), ends_at=warsaw(2026, 9, 24, 0))

    html = Template("{% load calendar_tags %}{% add_to_calendar_links page %}").render(
        Context({"page": page})
    )

    assert "dates=20260922%2F20260924" in html  # the end at midnight is exclusive: 22 and 23 September
    assert "startdt=2026-09-22&amp;enddt=2026-09-23&amp;allday=true" in html


def test_seed_demo_creates_the_calendar_page_once(demo_site):
    assert seed_calendar_page in hooks.get_hooks(SEED_DEMO)
    seed_calendar_page(home=demo_site, stdout=None)
    seed_calendar_page(home=demo_site, stdout=None)

    page, english = CalendarPage.objects.order_by("locale__language_code").reverse()
    assert (page.title, page.show_in_menus, page.live) == ("Kalendarz", True, True)
    assert (english.title, english.slug, english.locale.language_code, english.live) == (
        "Calendar",
        "calendar",
        "en",
        True,
    )
    assert english.translation_key == page.translation_key
