"""English visitors reach every page: the Polish pages without a translation are served under /en/
in the English layout, their content marked lang="pl" (cms.i18n)."""

import os
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from cms.models import NewsIndexPage, NewsPage
from events.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    cache.clear()
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


def _main_nav(content):
    start = content.index('class="main-nav"')
    return content[start : content.index("</nav>", start)]


def test_english_menu_reaches_events_calendar_and_contests(client, demo):
    nav = _main_nav(client.get("/en/").content.decode())

    assert '<a href="/en/events/">Events</a>' in nav
    assert '<a href="/en/calendar/">Calendar</a>' in nav
    assert '<a href="/en/contests/">Contests</a>' in nav
    assert '<a href="/en/dla-szkol/" lang="pl">Dla szkół</a>' in nav


def test_english_home_lists_the_upcoming_events(client, demo):
    content = client.get("/en/").content.decode()
    event = (
        EventPage.objects.live().public().filter(ends_at__gte=timezone.now()).order_by("starts_at").first()
    )

    assert "No upcoming events" not in content
    assert f'<a href="/en/wydarzenia/{event.slug}/" lang="pl">{event.title}</a>' in content


def test_english_event_page_is_the_polish_page_in_the_english_layout(client, demo):
    event = EventPage.objects.live().first()

    response = client.get(f"/en/wydarzenia/{event.slug}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert f'<h1 id="event-title" lang="pl">{event.title}</h1>' in content
    assert ">When</dt>" in content
    assert f'<a href="/wydarzenia/{event.slug}/" hreflang="pl" lang="pl">Polski</a>' in content
    assert '<li><a href="/en/events/">Events</a></li>' in content  # breadcrumbs: the translated index


def test_language_switch_on_a_polish_event_keeps_the_event(client, demo):
    event = EventPage.objects.live().first()

    content = client.get(f"/wydarzenia/{event.slug}/").content.decode()

    assert f'<a href="/en/wydarzenia/{event.slug}/" hreflang="en" lang="en">English</a>' in content


@pytest.mark.parametrize("path", ["/en/kalendarz/", "/en/calendar/"])
def test_english_calendar_answers_at_its_english_and_polish_paths(client, demo, path):
    response = client.get(path)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Calendar</h1>" in content
    assert '<link rel="canonical" href="http://testserver/en/calendar/">' in content


def test_english_events_index_lists_the_polish_events(client, demo):
    content = client.get("/en/events/").content.decode()
    titles = re.findall(r'<h3 id="event-\d+-title"><a href="(/en/wydarzenia/[^"]+/)" lang="pl">', content)

    assert (
        len(titles) == min(12, EventPage.objects.live().filter(ends_at__gte="2026-01-01").count()) or titles
    )


def test_english_news_lists_the_items_not_translated_yet(client, demo):
    index = NewsIndexPage.objects.get(slug="aktualnosci")
    index.add_child(instance=NewsPage(title="Tylko po polsku", slug="tylko-po-polsku", date="2026-11-20"))
    NewsPage.objects.get(slug="tylko-po-polsku").save_revision().publish()

    content = client.get("/en/news/").content.decode()

    assert '<li class="card" lang="pl">' in content
    assert '<a href="/en/aktualnosci/tylko-po-polsku/">Tylko po polsku</a>' in content
    assert "Festival of Professions 2026 — school registration is open" in content
    assert "Festiwal Zawodów 2026 — ruszyły zapisy szkół" not in content
    assert client.get("/en/aktualnosci/tylko-po-polsku/").status_code == 200


def test_english_search_finds_polish_pages_without_translation(client, demo):
    content = client.get("/en/search/", {"q": "Kręci"}).content.decode()

    assert 'lang="pl">Kręci Mnie Mój Zawód</a>' in content


def test_an_unknown_english_path_is_still_404(client, demo):
    assert client.get("/en/nie-ma-takiej-strony/").status_code == 404
    assert client.get("/en/events/nie-ma/").status_code == 404


def test_english_calendar_links_the_polish_events_in_the_english_layout(client, demo):
    event = EventPage.objects.get(slug="festiwal-zawodow-opolskie")
    month = timezone.localdate(event.starts_at).strftime("%Y-%m")

    content = client.get("/en/calendar/", {"month": month}).content.decode()

    assert '/en/wydarzenia/festiwal-zawodow-opolskie/" lang="pl">' in content
