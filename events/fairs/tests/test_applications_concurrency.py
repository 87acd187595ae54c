"""Two people of one institution saving the first draft of an application at once: one application."""

import pytest
from django.db import connection

from cms.tests.concurrency import run_at_once
from events.fairs import services
from events.fairs.models import Application
from events.fairs.tests.factories import ExhibitorCallFactory, ExhibitorFactory, exhibitor_person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def race(attempts):
    return run_at_once(attempts, outcome=lambda application: application.pk)


def test_two_colleagues_saving_the_first_draft_at_once_make_one_application():
    call = ExhibitorCallFactory()
    exhibitor = ExhibitorFactory()
    people = [exhibitor_person(exhibitor), exhibitor_person(exhibitor)]

    def save(person, tables):
        return lambda: services.save_application_draft(
            call=call,
            exhibitor=exhibitor,
            data={
                "contact_name": person.get_full_name() or "Osoba",
                "contact_email": person.email,
                "tables": tables,
            },
            by=person,
        )

    outcomes = race([save(people[0], 1), save(people[1], 2)])

    application = Application.objects.get()
    assert outcomes == [application.pk, application.pk]
    assert application.status == "draft"
    assert application.tables in (1, 2)
