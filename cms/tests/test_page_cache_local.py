"""The page cache's per-process copies (cms.cache, EDUFEST_PAGE_CACHE_LOCAL_SECONDS)."""

import time

import pytest
from django.core.cache import cache

from cms import cache as page_cache
from cms.models import StandardPage


@pytest.fixture
def local_copies(settings):
    settings.EDUFEST_PAGE_CACHE_LOCAL_SECONDS = 0.5
    page_cache.clear_local()
    yield
    page_cache.clear_local()


def test_a_hit_needs_no_round_trip_to_the_shared_cache(client, demo_site, local_copies):
    first = client.get("/o-nas/")
    cache.clear()  # the shared cache loses everything; this process still has its copy

    response = client.get("/o-nas/")

    assert (first["X-Page-Cache"], response["X-Page-Cache"]) == ("miss", "hit")
    assert response.content == first.content


def test_every_hit_gets_its_own_response_object(client, demo_site, local_copies):
    client.get("/o-nas/")
    first = client.get("/o-nas/")
    first["X-Changed-By-A-Later-Middleware"] = "yes"

    second = client.get("/o-nas/")

    assert second["X-Page-Cache"] == "hit"
    assert second.get("X-Changed-By-A-Later-Middleware") is None


def test_a_publish_in_this_process_shows_at_once(client, demo_site, local_copies):
    client.get("/o-nas/")
    about = StandardPage.objects.get(slug="o-nas")
    about.title = "O nas — nowy tytuł"
    about.save_revision().publish()

    response = client.get("/o-nas/")

    assert response["X-Page-Cache"] == "miss"
    assert "O nas — nowy tytuł" in response.content.decode()


def test_a_change_in_another_process_shows_within_the_bound(client, demo_site, local_copies):
    client.get("/o-nas/")
    client.get("/o-nas/")
    cache.incr(page_cache.GENERATION_KEY)  # what another process's publish does to the shared cache

    during = client.get("/o-nas/")["X-Page-Cache"]
    time.sleep(0.6)
    after = client.get("/o-nas/")["X-Page-Cache"]

    assert (during, after) == ("hit", "miss")


def test_the_copies_are_bounded(client, demo_site, local_copies, monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_PAGES", 2)
    for path in ("/", "/o-nas/", "/en/"):
        client.get(path)

    assert len(page_cache._local_pages) == 2


def test_off_means_every_request_asks_the_shared_cache(client, demo_site, settings):
    settings.EDUFEST_PAGE_CACHE_LOCAL_SECONDS = 0
    page_cache.clear_local()
    client.get("/o-nas/")
    cache.clear()

    assert client.get("/o-nas/")["X-Page-Cache"] == "miss"
    assert len(page_cache._local_pages) == 0
