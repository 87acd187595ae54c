"""Two people of one exhibitor saving the stand page for the first time at once make one page, on
PostgreSQL: each thread has its own connection and transaction."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from wagtail.models import Revision

from events.fairs import services
from events.fairs.models import EXHIBITOR, Application, StandPage
from events.fairs.tests.factories import ApplicationFactory, ExhibitorCallFactory, exhibitor_person
from events.tests.factories import StandFactory


@pytest.fixture(autouse=True)
def _exhibitor_role():
    """A transactional test's flush removes the role made by migration 0002_exhibitor_role, which
    conftest's restore_base_data does not make again (it re-runs only ``*_permissions`` migrations)."""
    Group.objects.get_or_create(name=EXHIBITOR)


pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def test_simultaneous_first_saves_of_a_stand_page_make_one_page_with_every_revision(demo_site):
    call = ExhibitorCallFactory()
    stand = StandFactory(event=call.event, zone=call.event.zones.first(), number="3")
    application = ApplicationFactory(call=call, status=Application.Status.ACCEPTED, stand=stand)
    people = [exhibitor_person(application.exhibitor) for _ in range(4)]
    barrier = threading.Barrier(len(people))
    outcomes = [None] * len(people)

    def save(index, person):
        try:
            barrier.wait()
            data = services.StandPageData(description=f"Opis {index}")
            outcomes[index] = services.save_stand_page(
                application=application, data=data, by=person
            ).published
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcomes[index] = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i, person)) for i, person in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == [True, True, True, True]
    page = StandPage.objects.get(stand=stand)
    assert StandPage.objects.count() == 1
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 4
    assert page.live
    assert page.description in {f"Opis {index}" for index in range(4)}
