import threading

import pytest
from django.db import connection
from django.db import connection as thread_connection

from events.checkin.models import CheckIn, Scan
from events.checkin.services import check_in

from .factories import CheckInListFactory, TicketFactory, group_ticket, staff_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")


def scan_at_once(times, **kwargs):
    """Run ``check_in`` from ``times`` threads, each on its own connection, released together."""
    barrier = threading.Barrier(times)
    results = []
    errors = []

    def scan(index):
        try:
            barrier.wait()
            results.append(check_in(device=f"skaner-{index}", **kwargs))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=scan, args=(index,)) for index in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_eight_simultaneous_scans_of_one_ticket_admit_exactly_once():
    ticket = TicketFactory()
    entrance = CheckInListFactory(event=ticket.registration.event)
    staff = staff_user()

    answers = scan_at_once(8, secret=ticket.secret, checkin_list=entrance, scanned_by=staff)

    assert sorted(a.result for a in answers) == ["already_checked_in"] * 7 + ["ok"]
    assert CheckIn.objects.get().people == 1
    assert Scan.objects.filter(result="ok").count() == 1
    assert Scan.objects.count() == 8


def test_simultaneous_parts_of_a_group_never_exceed_its_size():
    ticket = group_ticket(places=25)
    entrance = CheckInListFactory(event=ticket.registration.event)
    staff = staff_user()

    answers = scan_at_once(8, secret=ticket.secret, checkin_list=entrance, count=4, scanned_by=staff)

    assert sorted(a.people for a in answers) == [0, 1, 4, 4, 4, 4, 4, 4]
    assert CheckIn.objects.get().people == 25


def test_the_same_scan_id_sent_at_once_counts_once():
    ticket = group_ticket(places=25)
    entrance = CheckInListFactory(event=ticket.registration.event)
    staff = staff_user()

    answers = scan_at_once(
        6, secret=ticket.secret, checkin_list=entrance, count=3, scanned_by=staff, scan_id="offline-77"
    )

    assert {(a.result, a.people, a.checked_in) for a in answers} == {("partial", 3, 3)}
    assert CheckIn.objects.get().people == 3
    assert Scan.objects.count() == 1


def test_the_same_unknown_scan_id_sent_at_once_is_logged_once():
    entrance = CheckInListFactory()
    staff = staff_user()

    answers = scan_at_once(4, secret="no-such-ticket", checkin_list=entrance, scanned_by=staff, scan_id="u-1")

    assert {a.result for a in answers} == {"unknown"}
    assert Scan.objects.count() == 1
