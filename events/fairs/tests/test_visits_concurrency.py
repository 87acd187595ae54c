"""Many phones scanning one stand at once, on PostgreSQL: each thread has its own connection and
transaction; every visit counts and the hour has one row."""

import threading
import zoneinfo

import pytest
from django.db import connection, connections
from django.test import Client

from events.fairs import services
from events.fairs.models import StandVisitHour

from .test_visits import accepted, at, fair_call, fair_today

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def race(attempts):
    barrier = threading.Barrier(len(attempts))
    errors = []

    def run(attempt):
        try:
            barrier.wait()
            attempt()
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_48_visits_at_once_in_a_new_hour_all_count_in_one_row():
    stand = accepted(fair_call()).stand

    errors = race([lambda: services.count_stand_visit(stand=stand, at=at(10, 11, 30)) for _ in range(48)])

    assert errors == []
    assert list(StandVisitHour.objects.filter(stand=stand).values_list("hour", "visits")) == [
        (at(10, 11), 48)
    ]


def test_32_phones_opening_the_code_at_once_count_32_visits():
    stand = accepted(fair_today()).stand
    code = services.ensure_visit_code(stand=stand)
    statuses = []

    def open_code():
        statuses.append(Client().get(f"/stoisko/{code.token}/").status_code)

    errors = race([open_code for _ in range(32)])

    assert errors == []
    assert statuses == [200] * 32
    assert sum(StandVisitHour.objects.filter(stand=stand).values_list("visits", flat=True)) == 32
