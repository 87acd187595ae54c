"""The per-school cap holds under concurrent registrations, on PostgreSQL (checked under the
ticket type's row lock, like the places)."""

from collections import Counter

import pytest
from django.db import connection

from events.registration import queries
from events.registration.models import Registration

from .factories import GroupTicketTypeFactory, register
from .test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def test_twelve_classes_of_one_school_racing_get_exactly_the_cap():
    ticket_type = GroupTicketTypeFactory(capacity=600, max_group_size=40, school_cap=40)

    attempts = [
        lambda n=n: register(
            ticket_type, n, pupils=9, adults=1, school_name="SP nr 5 w Opolu", school_rspo="5555"
        )
        for n in range(12)
    ] + [
        lambda n=n: register(ticket_type, 100 + n, pupils=9, adults=1, school_name=f"LO {n}")
        for n in range(4)
    ]
    outcomes = race(attempts)

    assert Counter(outcomes[:12]) == {"confirmed": 4, "school_cap": 8}
    assert Counter(outcomes[12:]) == {"confirmed": 4}
    assert queries.school_places(ticket_type.pk, school_name="SP nr 5 w Opolu", school_rspo="5555") == 40
    assert Registration.objects.filter(ticket_type=ticket_type).count() == 8
