"""Part 6 of `make bench`: the query count of each public list page with 5 and with 500 items.

Runs in the driver process with Django's test client against the bench database (production
settings of the run). Each page is requested once to warm the per-process caches (site, settings,
menus), then measured with a query string the anonymous page cache has never seen, so the count is
that of a real render.
"""

import datetime
import secrets
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from modelsearch.index import insert_or_update_object

from bench import seed
from cms.demo import ensure_home
from cms.models import NewsIndexPage, NewsPage
from cms.tests.factories import StaffFactory, publish_child
from contests.jury import services
from contests.jury.models import Round
from contests.jury.tests.factories import (
    AssignmentFactory,
    CriterionFactory,
    EntryFactory,
    JurorFactory,
    RoundFactory,
    make_contest,
    submit_sheet,
)
from events.calendars.models import CalendarPage
from events.edubus.tests.factories import StopFactory, VehicleFactory, at
from events.tests.factories import EventIndexPageFactory


def count_queries(client, path, params=None, expect=""):
    params = dict(params or {})
    client.get(path, {**params, "bench-warm": secrets.token_hex(4)})
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, {**params, "bench": secrets.token_hex(4)})
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    if expect not in response.content.decode():
        raise RuntimeError(f"{path} does not list the bench items ({expect!r} missing)")
    return len(context.captured_queries)


class Lists:
    """The list pages and how to grow each to ``n`` items."""

    def __init__(self):
        self.tag = secrets.token_hex(3)
        self.home = ensure_home()
        self.event_index = EventIndexPageFactory(
            parent=self.home, slug=f"bench-wydarzenia-{secrets.token_hex(3)}", show_in_menus=False
        )
        self.news_index = publish_child(
            self.home, NewsIndexPage(title="Aktualności (bench)", slug=f"bench-news-{secrets.token_hex(3)}")
        )
        self.calendar = CalendarPage.objects.live().first()
        self.events = 0
        self.news = 0
        self.stops = 0
        self.entries = 0
        self.round = None
        self.jurors = ()

    # -- growing ------------------------------------------------------------------------------------

    def grow(self, n):
        start = timezone.now().replace(minute=0, second=0, microsecond=0)
        for number in range(self.events, n):
            begins = start + datetime.timedelta(days=2 + number % 60, hours=number % 8)
            seed.add_event(
                self.event_index,
                title=f"Festiwal listy {number}",
                slug=f"bench-lista-{self.tag}-{number}",
                starts_at=begins,
                ends_at=begins + datetime.timedelta(hours=4),
                audiences=["pupils", "teachers"][: number % 3],
            )
        self.events = n
        for number in range(self.news, n):
            page = seed.add_live_page(
                self.news_index,
                NewsPage(
                    title=f"Benchmarkowa wiadomość {number}",
                    slug=f"bench-news-{self.tag}-{number}",
                    date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
                    lead=f"Zajawka benchmarkowa {number}",
                ),
            )
            # Saving only enqueues the search-index update for the task worker, which the bench
            # does not run; do that task's work here so search has the items to find.
            insert_or_update_object(page)
        self.news = n
        self._grow_stops(n)
        self._grow_results(n)

    def _grow_stops(self, n):
        if not hasattr(self, "vehicle"):
            self.vehicle = VehicleFactory(name="Edubus (bench)")
        today = timezone.localdate()
        for number in range(self.stops, n):
            StopFactory(
                vehicle=self.vehicle,
                arrival=at(today + datetime.timedelta(days=1 + number // 3), 8 + (number % 3) * 3),
                departure=at(today + datetime.timedelta(days=1 + number // 3), 10 + (number % 3) * 3),
                is_public=True,
            )
        self.stops = n

    def _grow_results(self, n):
        if self.round is None:
            contest = make_contest(
                title="Konkurs (bench)", slug=f"bench-konkurs-{self.tag}",
                results_published_at=timezone.now() - datetime.timedelta(hours=1),
            )  # fmt: skip
            self.round = RoundFactory(contest=contest, kind=Round.Kind.FINAL, laureate_places=10)
            CriterionFactory(round=self.round, name="Pomysł", weight=Decimal(2))
            CriterionFactory(round=self.round, name="Realizacja", weight=Decimal(1))
            self.jurors = tuple(
                JurorFactory(first_name=name, username=f"bench-juror-{self.tag}-{name}")
                for name in ("Anna", "Bartek")
            )
            self.staff = StaffFactory(username=f"bench-staff-{self.tag}")
        for number in range(self.entries, n):
            entry = EntryFactory(contest=self.round.contest, title=f"Film benchmarkowy {number}")
            for position, juror in enumerate(self.jurors):
                values = ((number * 7 + position) % 11, (number * 3 + position) % 11)
                submit_sheet(AssignmentFactory(round=self.round, juror=juror, entry=entry), values)
        self.entries = n
        services.approve_results(round=self.round, user=self.staff)

    # -- measuring ----------------------------------------------------------------------------------

    def pages(self):
        return [
            ("event index", self.event_index.url, None, "Festiwal listy"),
            ("news index", self.news_index.url, None, "Benchmarkowa wiadomość"),
            ("Edubus stops list", reverse("edubus:stops"), None, "Szkoła Podstawowa nr"),
            ("calendar list view", self.calendar.url, None, "Festiwal listy"),
            (
                "contest results",
                reverse("jury:results", args=[self.round.contest.slug]),
                None,
                "Film benchmarkowy",
            ),
            ("search", reverse("cms:search"), {"q": "benchmarkowa"}, "Benchmarkowa wiadomość"),
        ]

    def measure(self):
        client = Client()
        return {
            name: count_queries(client, path, params, expect) for name, path, params, expect in self.pages()
        }


def run(small=5, large=500, log=print):
    lists = Lists()
    lists.grow(small)
    few = lists.measure()
    log(f"  queries with {small} items: {few}")
    lists.grow(large)
    many = lists.measure()
    log(f"  queries with {large} items: {many}")
    return [(name, few[name], many[name]) for name in few]
