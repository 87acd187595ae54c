"""Postponing a stop to a new date in one step: a new stop under the rules, the old one pointing to it."""

import datetime

import pytest
from django.core import mail

from cms.tests.factories import StaffFactory
from events.edubus import services
from events.edubus.forms import CancelForm
from events.edubus.models import Stop

from .factories import StopFactory, VehicleFactory, at

pytestmark = pytest.mark.django_db
TUESDAY = datetime.date(2026, 12, 1)
THURSDAY = datetime.date(2026, 12, 3)


def test_postponing_books_the_new_date_and_tells_the_host_once(django_capture_on_commit_callbacks):
    stop = StopFactory(
        arrival=at(TUESDAY, 10), departure=at(TUESDAY, 13), opens_at=at(TUESDAY, 10, 30), closes_at=None
    )

    with django_capture_on_commit_callbacks(execute=True):
        replacement = services.postpone_stop(
            stop=stop, arrival=at(THURSDAY, 9), departure=at(THURSDAY, 12), reason="Awaria autobusu."
        )

    stop.refresh_from_db()
    assert (stop.status, stop.postponed, stop.sequence, stop.replacement) == (
        "cancelled",
        True,
        1,
        replacement,
    )
    assert (replacement.status, replacement.arrival, replacement.departure, replacement.opens_at) == (
        "confirmed",
        at(THURSDAY, 9),
        at(THURSDAY, 12),
        at(THURSDAY, 9, 30),
    )
    assert (replacement.place_name, replacement.contact_email, replacement.municipality) == (
        stop.place_name,
        stop.contact_email,
        stop.municipality,
    )
    assert [m.subject for m in mail.outbox] == [
        "Wizyta Edubusa 1 grudnia 2026 przeniesiona na 3 grudnia 2026"
    ]
    assert "przeniesiona na czwartek, 3 grudnia 2026, 09:30\u201312:00" in mail.outbox[0].body
    assert "w dniu wtorek, 1 grudnia 2026 " in mail.outbox[0].body  # lower-case inside the sentence
    assert f"/edubus/{replacement.pk}/" in mail.outbox[0].body


def test_an_infeasible_new_date_changes_nothing():
    vehicle = VehicleFactory()
    stop = StopFactory(vehicle=vehicle, arrival=at(TUESDAY, 10), departure=at(TUESDAY, 13))
    StopFactory(vehicle=vehicle, arrival=at(THURSDAY, 9), departure=at(THURSDAY, 12))

    with pytest.raises(services.ScheduleConflict) as conflict:
        services.postpone_stop(
            stop=stop, arrival=at(THURSDAY, 10), departure=at(THURSDAY, 11), reason="Awaria autobusu."
        )

    assert [v.rule for v in conflict.value.violations] == ["overlap"]
    stop.refresh_from_db()
    assert (stop.status, stop.sequence, stop.replacement) == ("confirmed", 0, None)
    assert Stop.objects.count() == 2
    assert mail.outbox == []


def test_staff_postpone_to_a_new_date_in_the_admin(client, django_capture_on_commit_callbacks):
    client.force_login(StaffFactory())
    stop = StopFactory(arrival=at(TUESDAY, 10), departure=at(TUESDAY, 13))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/edubus/stops/{stop.pk}/cancel/",
            {
                "action": "postpone",
                "reason": "Awaria autobusu.",
                "new_arrival": "2026-12-03T09:00",
                "new_departure": "2026-12-03T12:00",
            },
        )

    assert response.status_code == 302
    stop.refresh_from_db()
    assert stop.replacement.arrival == at(THURSDAY, 9)
    public = client.get(f"/edubus/{stop.pk}/").content.decode()
    assert "Nowy termin: czwartek, 3 grudnia 2026" in public
    assert f'href="/edubus/{stop.replacement.pk}/"' in public


def test_admin_shows_why_the_new_date_is_refused_and_keeps_the_input(client):
    client.force_login(StaffFactory())
    vehicle = VehicleFactory()
    stop = StopFactory(vehicle=vehicle, arrival=at(TUESDAY, 10), departure=at(TUESDAY, 13))
    StopFactory(vehicle=vehicle, arrival=at(THURSDAY, 9), departure=at(THURSDAY, 12))

    response = client.post(
        f"/admin/edubus/stops/{stop.pk}/cancel/",
        {
            "action": "postpone",
            "reason": "Awaria autobusu.",
            "new_arrival": "2026-12-03T10:00",
            "new_departure": "2026-12-03T11:00",
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert (
        "Postój w miejscowości Nysa nakłada się na postój w miejscowości Nysa (09:00\u201312:00) o 1 h."
        in content
    )
    assert 'value="2026-12-03T10:00"' in content
    stop.refresh_from_db()
    assert stop.status == "confirmed"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"action": "postpone", "new_arrival": "2026-12-03T09:00"},
            "new_departure",
            "Podaj nowy przyjazd i odjazd.",
        ),
        (
            {"action": "postpone", "new_arrival": "2026-12-03T12:00", "new_departure": "2026-12-03T09:00"},
            "new_departure",
            "Odjazd musi być po przyjeździe.",
        ),
        (
            {"action": "cancel", "new_arrival": "2026-12-03T09:00", "new_departure": "2026-12-03T12:00"},
            "action",
            None,
        ),
    ],
)
def test_the_new_date_must_be_whole_and_in_order(data, field, message):
    form = CancelForm({"reason": "Awaria autobusu.", **data})

    assert not form.is_valid()
    assert field in form.errors
    if message:
        assert form.errors[field] == [message]
