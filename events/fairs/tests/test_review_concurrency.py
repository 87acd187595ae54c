"""Two staff giving stands at once, on PostgreSQL: each thread has its own connection and
transaction, and the call's row lock lets one at a time check the numbers and the zone's count."""

from collections import Counter

import pytest
from django.db import connection

from cms.tests.concurrency import run_at_once
from events.fairs import services
from events.fairs.models import Application
from events.fairs.tests.factories import ApplicationFactory, ExhibitorCallFactory
from events.models import Stand

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def race(attempts):
    """Run the callables at once; "given", or the field the refusal names."""
    return run_at_once(
        attempts,
        outcome=lambda _result: "given",
        refusals=services.ReviewError,
        refusal=lambda error: error.field,
    )


def accepted_applications(call, count):
    return [ApplicationFactory(call=call, status=Application.Status.ACCEPTED) for _ in range(count)]


def test_twelve_staff_giving_the_same_number_give_it_once():
    call = ExhibitorCallFactory()
    zone = call.event.zones.first()
    applications = accepted_applications(call, 12)

    outcomes = race(
        [
            lambda application=application: services.assign_stand(
                application=application, zone=zone, number="A1", size="3 x 2 m"
            )
            for application in applications
        ]
    )

    assert Counter(outcomes) == {"given": 1, "number": 11}
    assert list(Stand.objects.filter(event=call.event).values_list("number", flat=True)) == ["A1"]
    assert Application.objects.filter(call=call, stand__isnull=False).count() == 1


def test_staff_racing_for_the_last_places_of_a_zone_never_overfill_it():
    call = ExhibitorCallFactory()
    zone = call.event.zones.first()
    zone.capacity = 3
    zone.save()
    applications = accepted_applications(call, 10)

    outcomes = race(
        [
            lambda application=application, n=n: services.assign_stand(
                application=application, zone=zone, number=str(n + 1), size=""
            )
            for n, application in enumerate(applications)
        ]
    )

    assert Counter(outcomes) == {"given": 3, "zone": 7}
    assert Stand.objects.filter(zone=zone).count() == 3
    assert Application.objects.filter(call=call, stand__zone=zone).count() == 3
