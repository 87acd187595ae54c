"""Many phones scanning one stand at once, on PostgreSQL: each thread has its own connection and
transaction; every visit counts and the hour has one row."""

import zoneinfo

import pytest
from django.db import connection
from django.test import Client

from cms.tests.concurrency import run_at_once
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
    """Run the callables at once; the errors, if any."""
    return [outcome for outcome in run_at_once(attempts, outcome=lambda _result: None) if outcome]


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
