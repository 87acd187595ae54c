"""Lists and pages issue the same number of queries whatever their length."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Session
from events.registration.tests.factories import GroupTicketTypeFactory, TicketTypeFactory
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


def tables_read(client, url):
    """The table each query of an uncached render reads (its last FROM, after any subquery of the
    select list); a session cookie keeps the page cache out of the way."""
    client.cookies["sessionid"] = "x"
    assert client.get(url).status_code == 200  # warm the site's caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return [re.findall(r'FROM "(\w+)"', query["sql"])[-1] for query in context.captured_queries]


ROUTE = [  # the site, the active locale, home, index and event (a page row, then its type's row each)
    "wagtailcore_site",
    "wagtailcore_locale",
    "cms_homepage",
    "wagtailcore_page",
    "events_eventindexpage",
    "wagtailcore_page",
    "events_eventpage",
    "wagtailcore_page",  # the event's privacy: its ancestors, then their restrictions
    "wagtailcore_pageviewrestriction",
]


def test_event_page_reads_its_audiences_programme_and_places_once(client, index):
    cache.clear()
    event = EventPageFactory(
        parent=index, audiences=["pupils", "teachers"], sessions=3, registration_enabled=True
    )
    TicketTypeFactory(event=event)
    GroupTicketTypeFactory(event=event)

    assert tables_read(client, event.url) == [
        *ROUTE,
        "events_session",  # the programme
        "events_eventaudience",  # for the page and its calendar links
        "cms_sitesettings",  # with the logos
        "registration_tickettype",  # places, without sessions: the page does not show them
    ]


def test_event_page_without_open_registration_reads_no_ticket_types(client, index):
    cache.clear()
    event = EventPageFactory(parent=index, audiences=["adults"], registration_enabled=False)
    TicketTypeFactory(event=event)

    assert "registration_tickettype" not in tables_read(client, event.url)
