"""Two people of one institution saving the first draft of an application at once: one application."""

import threading

import pytest
from django.db import connection, connections

from events.fairs import services
from events.fairs.models import Application
from events.fairs.tests.factories import ExhibitorCallFactory, ExhibitorFactory, exhibitor_person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def race(attempts):
    barrier = threading.Barrier(len(attempts))
    outcomes = [None] * len(attempts)

    def run(index, attempt):
        try:
            barrier.wait()
            outcomes[index] = attempt().pk
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcomes[index] = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, attempt)) for i, attempt in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


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
