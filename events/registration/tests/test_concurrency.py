"""Races on the last places, on PostgreSQL: each thread has its own connection and transaction."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.tests.concurrency import run_at_once
from events.registration import queries, services
from events.registration.models import Registration

from .factories import GroupTicketTypeFactory, SessionFactory, TicketTypeFactory, make_event, register

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def race(attempts):
    """Run the callables at once; each registration's status, or the refusal's code."""
    return run_at_once(
        attempts,
        outcome=lambda registration: registration.status,
        refusals=services.RegistrationError,
        refusal=lambda error: error.code,
    )


def fill(ticket_type, places):
    for n in range(places):
        register(ticket_type, 1000 + n)


@pytest.mark.parametrize("waitlist", [True, False])
def test_64_attempts_on_the_last_10_places_confirm_exactly_10(waitlist):
    ticket_type = TicketTypeFactory(capacity=30, waitlist_enabled=waitlist)
    fill(ticket_type, 20)

    outcomes = race([lambda n=n: register(ticket_type, n) for n in range(64)])

    counts = Counter(outcomes)
    assert counts == ({"confirmed": 10, "waitlisted": 54} if waitlist else {"confirmed": 10, "full": 54})
    assert queries.places_taken(ticket_type.pk) == 30
    assert Registration.objects.filter(ticket_type=ticket_type, status="confirmed").count() == 30
    assert Registration.objects.filter(ticket_type=ticket_type, ticket__isnull=False).count() == 30


def test_groups_racing_individuals_never_overfill_a_shared_session():
    event = make_event()
    session = SessionFactory(page=event, capacity=30)
    individual = TicketTypeFactory(event=event, capacity=100)
    group = GroupTicketTypeFactory(event=event, capacity=100, max_group_size=10)
    individual.sessions.add(session)
    group.sessions.add(session)
    individual.save()
    group.save()

    attempts = [lambda n=n: register(individual, n, sessions=[session]) for n in range(24)] + [
        lambda n=n: register(group, 100 + n, pupils=4, adults=1, sessions=[session], school_name=f"SP {n}")
        for n in range(12)
    ]
    outcomes = race(attempts)

    assert not [o for o in outcomes if o.startswith("error")]
    taken = queries.session_places_taken([session.pk])[session.pk]
    waiting_sizes = set(Registration.objects.filter(status="waitlisted").values_list("places", flat=True))
    assert taken <= 30
    # Nothing waits that would still fit: the session is full to within the smallest waiting size.
    assert not waiting_sizes or 30 - taken < min(waiting_sizes)


def test_mixed_group_sizes_race_for_one_ticket_type():
    ticket_type = GroupTicketTypeFactory(capacity=25, max_group_size=10)

    attempts = [
        lambda n=n: register(ticket_type, n, pupils=1, adults=0, school_name="SP") for n in range(20)
    ] + [lambda n=n: register(ticket_type, 100 + n, pupils=4, adults=1, school_name="LO") for n in range(20)]
    outcomes = race(attempts)

    assert Counter(outcomes).keys() <= {"confirmed", "waitlisted"}
    taken = queries.places_taken(ticket_type.pk)
    confirmed_sum = sum(
        Registration.objects.filter(ticket_type=ticket_type, status="confirmed").values_list(
            "places", flat=True
        )
    )
    assert taken == confirmed_sum <= 25
    waiting_sizes = set(Registration.objects.filter(status="waitlisted").values_list("places", flat=True))
    assert not waiting_sizes or 25 - taken < min(waiting_sizes)


def test_the_ticket_type_lock_covers_only_the_count_and_the_commit():
    ticket_type = TicketTypeFactory(capacity=5)
    register(ticket_type, 0)

    with CaptureQueriesContext(connection) as captured:
        register(ticket_type, 1)

    statements = [query["sql"] for query in captured.captured_queries]
    locked = next(
        i
        for i, sql in enumerate(statements)
        if sql.endswith("FOR NO KEY UPDATE") and '"registration_tickettype"' in sql
    )
    committed = statements.index("COMMIT", locked)
    under_lock = [sql.split(" ", 1)[0] for sql in statements[locked : committed + 1]]
    assert under_lock == ["SELECT", "SELECT", "COMMIT"]
    assert "SUM(" in statements[locked + 1]


def test_an_open_registration_insert_does_not_block_another_registration():
    """A transaction that has inserted a registration (a key-share lock on the ticket type's row)
    but not committed yet must not hold up the ticket type's lock for anyone else."""
    ticket_type = TicketTypeFactory(capacity=5)
    inserted, release = threading.Event(), threading.Event()

    def open_insert():
        try:
            with transaction.atomic():
                Registration.objects.create(
                    event=ticket_type.event,
                    ticket_type=ticket_type,
                    name="W toku",
                    email="wtoku@example.org",
                    privacy_acknowledged_at=timezone.now(),
                )
                inserted.set()
                release.wait(30)
                transaction.set_rollback(True)
        finally:
            connections.close_all()

    thread = threading.Thread(target=open_insert)
    thread.start()
    try:
        assert inserted.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")
        registration = register(ticket_type, 0)
    finally:
        release.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")

    assert registration.status == Registration.Status.CONFIRMED
    assert list(Registration.objects.values_list("email", flat=True)) == ["osoba0@example.org"]
