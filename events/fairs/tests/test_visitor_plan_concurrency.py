"""Two "Plan my visit" clicks at once on PostgreSQL: the registration row is the lock, so the
registration ends with one plan and both clicks open it."""

import pytest
from django.db import connection

from cms.tests.concurrency import run_at_once
from events.fairs import services
from events.fairs.models import VisitorPlan
from events.fairs.tests.factories import make_fair
from events.registration.tests.factories import RegistrationFactory, TicketTypeFactory
from events.tests.factories import StandFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def race(attempts):
    return run_at_once(attempts, outcome=lambda plan: plan.pk)


def test_eight_clicks_at_once_from_browsers_with_their_own_plans_keep_one_plan_on_the_registration():
    fair = make_fair(title="Targi równoległe", slug="targi-rownolegle", county="", voivodeship="")
    stand = StandFactory(event=fair, zone=fair.zones.first())
    registration = RegistrationFactory(ticket_type=TicketTypeFactory(event=fair))
    tokens = [services.add_to_plan(token=None, event=fair, stand=stand).token for _ in range(8)]

    outcomes = race(
        [
            lambda token=token: services.plan_for_registration(registration=registration, token=token)
            for token in tokens
        ]
    )

    kept = VisitorPlan.objects.get(registration=registration)
    assert outcomes == [kept.pk] * 8
    assert kept.token in tokens
    assert VisitorPlan.objects.filter(registration__isnull=True).count() == 7
