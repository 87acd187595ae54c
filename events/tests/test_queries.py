"""Lists and pages issue the same number of queries whatever their length."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Session
from events.tests.factories import EventIndexPageFactory, EventPageFactory, StandFactory, ZoneFactory


def queries_for(client, url):
    assert client.get(url).status_code == 200  # warm the site's caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def index(demo_site):
    return EventIndexPageFactory(parent=demo_site, slug="wydarzenia")


def add_events(index, count):
    for number in range(count):
        EventPageFactory(parent=index, audiences=["pupils", "teachers"][: number % 3], kind="festival")


@pytest.mark.parametrize("url", ["/wydarzenia/", "/wydarzenia/?kind=festival&audience=pupils", "/"])
def test_event_lists_issue_a_constant_number_of_queries(client, index, url):
    add_events(index, 3)
    few = queries_for(client, url)
    add_events(index, 27)
    many = queries_for(client, url)

    assert few == many


def test_archive_issues_a_constant_number_of_queries(client, index):
    past = datetime.datetime(2020, 1, 1, 9, tzinfo=datetime.UTC)
    for _ in range(3):
        EventPageFactory(parent=index, starts_at=past, ends_at=past, audiences=["adults"])
    few = queries_for(client, "/wydarzenia/archiwum/")
    for _ in range(27):
        EventPageFactory(parent=index, starts_at=past, ends_at=past, audiences=["adults"])
    many = queries_for(client, "/wydarzenia/archiwum/")

    assert few == many


def grow_fair(event, zones, count):
    for number in range(count):
        zone = zones[number % len(zones)]
        StandFactory(zone=zone, event=event)
        Session.objects.create(
            page=event,
            title=f"Sesja {number}",
            starts_at=event.starts_at + datetime.timedelta(days=number % 2, minutes=number),
            ends_at=event.starts_at + datetime.timedelta(days=number % 2, minutes=number + 30),
        )


@pytest.mark.parametrize("query", ["", "?zone=first"])
def test_event_page_issues_a_constant_number_of_queries(client, index, query):
    event = EventPageFactory(parent=index, kind="fair", audiences=["pupils", "students"])
    zones = [ZoneFactory(page=event, sort_order=number) for number in range(3)]
    url = event.url + query.replace("first", str(zones[0].pk))
    grow_fair(event, zones, 3)
    few = queries_for(client, url)
    grow_fair(event, zones, 27)
    many = queries_for(client, url)

    assert few == many
