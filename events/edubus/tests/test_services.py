import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from events.edubus import queries, services
from events.edubus.models import Stop, VisitRequest

from .factories import (
    NYSA,
    OPOLE,
    BlackoutFactory,
    StopFactory,
    VehicleFactory,
    VisitRequestFactory,
    at,
    place,
)

pytestmark = pytest.mark.django_db
TUESDAY = datetime.date(2026, 12, 1)


def new_stop(vehicle, town, start, end, day=TUESDAY, **extra):
    return Stop(
        vehicle=vehicle,
        place_name=f"Szkoła w {town[0]}",
        arrival=at(day, *start),
        departure=at(day, *end),
        contact_email="host@example.org",
        **place(town),
        **extra,
    )


def test_feasible_stop_is_saved():
    vehicle = VehicleFactory()

    stop = services.schedule_stop(stop=new_stop(vehicle, NYSA, (10, 0), (13, 0)))

    assert Stop.objects.get().pk == stop.pk
    assert stop.sequence == 0
    assert stop.override_reason == ""


def test_clashing_stop_is_refused_with_its_reason():
    vehicle = VehicleFactory()
    services.schedule_stop(stop=new_stop(vehicle, OPOLE, (9, 0), (11, 0)))

    with translation.override("en"), pytest.raises(services.ScheduleConflict) as refused:
        services.schedule_stop(stop=new_stop(vehicle, NYSA, (12, 0), (14, 0)))

    assert [v.rule for v in refused.value.violations] == ["gap"]
    assert "2 h 29 min needed" in str(refused.value)
    assert Stop.objects.count() == 1


def test_staff_override_keeps_the_reason():
    vehicle = VehicleFactory()
    services.schedule_stop(stop=new_stop(vehicle, OPOLE, (9, 0), (11, 0)))

    stop = services.schedule_stop(
        stop=new_stop(vehicle, NYSA, (12, 0), (14, 0)), override_reason="Dwie ekipy: jedna jedzie wcześniej."
    )

    assert stop.override_reason == "Dwie ekipy: jedna jedzie wcześniej."
    assert Stop.objects.count() == 2


def test_staff_blackout_for_all_vehicles_is_refused():
    vehicle = VehicleFactory()
    BlackoutFactory(vehicle=None, starts_on=TUESDAY, ends_on=TUESDAY, note="szkolenie załogi")

    with translation.override("en"), pytest.raises(services.ScheduleConflict) as refused:
        services.schedule_stop(stop=new_stop(vehicle, NYSA, (10, 0), (12, 0)))

    assert (
        str(refused.value) == "01.12.2026 is not a working day for the bus (maintenance: szkolenie załogi)."
    )


def test_other_vehicles_stops_do_not_clash():
    services.schedule_stop(stop=new_stop(VehicleFactory(), NYSA, (10, 0), (12, 0)))

    services.schedule_stop(stop=new_stop(VehicleFactory(), NYSA, (10, 0), (12, 0)))

    assert Stop.objects.count() == 2


def test_moving_a_stop_raises_sequence_but_editing_notes_does_not():
    stop = services.schedule_stop(stop=new_stop(VehicleFactory(), NYSA, (10, 0), (12, 0)))

    stop.notes = "Wjazd od ul. Szkolnej"
    services.schedule_stop(stop=stop)
    assert Stop.objects.get().sequence == 0

    stop.arrival, stop.departure = at(TUESDAY, 11), at(TUESDAY, 13)
    services.schedule_stop(stop=stop)
    assert Stop.objects.get().sequence == 1


def test_cancel_emails_the_host_raises_sequence_and_keeps_the_stop(django_capture_on_commit_callbacks):
    stop = StopFactory(contact_email="ewa.kowalska@example.org", place_name="PSP nr 1 w Nysie")

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_stop(stop=stop, reason="Awaria autobusu.")

    stop.refresh_from_db()
    assert (stop.status, stop.sequence, stop.cancellation_reason) == ("cancelled", 1, "Awaria autobusu.")
    assert [m.to for m in mail.outbox] == [["ewa.kowalska@example.org"]]
    assert mail.outbox[0].subject == "Wizyta Edubusa 1 grudnia 2026 odwołana"
    assert "Awaria autobusu." in mail.outbox[0].body


def test_cancelled_stop_frees_the_time_for_another():
    vehicle = VehicleFactory()
    stop = services.schedule_stop(stop=new_stop(vehicle, NYSA, (10, 0), (12, 0)))
    services.cancel_stop(stop=stop, reason="Szkoła zamknięta")

    services.schedule_stop(stop=new_stop(vehicle, NYSA, (10, 0), (12, 0)))

    assert Stop.objects.exclude(status="cancelled").count() == 1


def test_request_approval_creates_a_confirmed_stop_and_tells_the_host(django_capture_on_commit_callbacks):
    vehicle = VehicleFactory()
    visit_request = VisitRequestFactory()

    with django_capture_on_commit_callbacks(execute=True):
        stop = services.approve_visit_request(
            visit_request=visit_request,
            vehicle=vehicle,
            arrival=at(datetime.date(2026, 12, 2), 10),
            departure=at(datetime.date(2026, 12, 2), 13),
            kind="school",
        )

    visit_request.refresh_from_db()
    assert visit_request.status == VisitRequest.Status.APPROVED
    assert (stop.status, stop.place_name, stop.municipality, stop.request_id) == (
        "confirmed",
        "Publiczna Szkoła Podstawowa nr 2 w Nysie",
        "Nysa",
        visit_request.pk,
    )
    assert [m.to for m in mail.outbox] == [["marek.wisniewski@example.org"]]
    assert mail.outbox[0].subject == "Edubus odwiedzi Państwa 2 grudnia 2026"


def test_request_approval_on_a_clashing_date_is_refused_and_changes_nothing():
    vehicle = VehicleFactory()
    StopFactory(
        vehicle=vehicle,
        arrival=at(datetime.date(2026, 12, 2), 9),
        departure=at(datetime.date(2026, 12, 2), 14),
    )
    visit_request = VisitRequestFactory()

    with pytest.raises(services.ScheduleConflict):
        services.approve_visit_request(
            visit_request=visit_request,
            vehicle=vehicle,
            arrival=at(datetime.date(2026, 12, 2), 10),
            departure=at(datetime.date(2026, 12, 2), 13),
            kind="school",
        )

    visit_request.refresh_from_db()
    assert visit_request.status == VisitRequest.Status.NEW
    assert Stop.objects.count() == 1


def test_propose_and_decline_email_the_host(django_capture_on_commit_callbacks):
    proposed, declined = VisitRequestFactory(), VisitRequestFactory(contact_email="gmina@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.propose_dates(
            visit_request=proposed, dates=[datetime.date(2026, 12, 4), datetime.date(2026, 12, 3)]
        )
        services.decline_visit_request(visit_request=declined, reason="Brak dojazdu dla autobusu 12 m.")

    proposed.refresh_from_db()
    assert proposed.proposed_dates == ["2026-12-03", "2026-12-04"]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["marek.wisniewski@example.org"], "Inne terminy wizyty Edubusa"),
        (["gmina@example.org"], "Państwa prośba o wizytę Edubusa"),
    ]
    assert "Brak dojazdu dla autobusu 12 m." in mail.outbox[1].body


def test_suggestions_for_a_request_are_feasible_and_nearest_first():
    vehicle = VehicleFactory()
    # The bus is in Nysa on Thursday 3 Dec; the school asks for Wednesday 2 Dec, which is full.
    StopFactory(
        vehicle=vehicle,
        arrival=at(datetime.date(2026, 12, 2), 8, 30),
        departure=at(datetime.date(2026, 12, 2), 16),
    )
    StopFactory(
        vehicle=vehicle,
        arrival=at(datetime.date(2026, 12, 3), 9),
        departure=at(datetime.date(2026, 12, 3), 11),
    )
    visit_request = VisitRequestFactory(preferred_date_1=datetime.date(2026, 12, 2))

    found = queries.suggestions_for(visit_request, limit=3, today=datetime.date(2026, 11, 20))

    assert [(s.day, s.nearby_km is not None) for _v, s in found] == [
        (datetime.date(2026, 12, 3), True),
        (datetime.date(2026, 12, 1), False),
        (datetime.date(2026, 11, 30), False),
    ]
    assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in found[0][1].windows] == [
        ("12:15", "13:15")
    ]


@pytest.mark.postgres
def test_postgresql_exclusion_constraint_refuses_overlapping_stops_of_one_vehicle():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    first = StopFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        # Bypass the rules on purpose: the database's own safety net must refuse it.
        StopFactory(
            vehicle=first.vehicle,
            arrival=first.arrival + datetime.timedelta(hours=1),
            departure=first.departure,
        )

    StopFactory(vehicle=first.vehicle, arrival=first.arrival, departure=first.departure, status="cancelled")
    assert Stop.objects.count() == 2


@pytest.mark.postgres
def test_override_of_an_overlap_still_meets_the_database_safety_net():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    vehicle = VehicleFactory()
    services.schedule_stop(stop=new_stop(vehicle, NYSA, (10, 0), (12, 0)))

    with pytest.raises(services.ScheduleConflict):
        services.schedule_stop(stop=new_stop(vehicle, NYSA, (11, 0), (13, 0)), override_reason="test")

    assert Stop.objects.count() == 1
