import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from cms.accounts import roles
from cms.tests.factories import StaffFactory, TeacherFactory, UserFactory, add_totp
from events.edubus.models import Stop, VisitRequest

from .factories import OPOLE, StopFactory, VehicleFactory, VisitRequestFactory, at, place

pytestmark = pytest.mark.django_db
TUESDAY = datetime.date(2026, 12, 1)


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def stop_form(vehicle, **overrides):
    data = {
        "vehicle": vehicle.pk,
        "kind": "school",
        "status": "confirmed",
        "place_name": "Szkoła w Nysie",
        "street": "ul. Szkolna 1",
        "postal_code": "48-300",
        "municipality": "Nysa",
        "county": "1607",
        "voivodeship": "16",
        "latitude": "50.474700",
        "longitude": "17.334000",
        "host_institution": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "language": "pl",
        "arrival": "2026-12-01 12:00",
        "departure": "2026-12-01 14:00",
        "opens_at": "",
        "closes_at": "",
        "expected_audience": "100",
        "is_public": "on",
        "notes": "",
        "override_reason": "",
    }
    data.update(overrides)
    return data


def test_teacher_cannot_open_the_review_queue(client):
    client.force_login(TeacherFactory())

    assert client.get("/admin/edubus/requests/").status_code in (302, 403)


def test_admin_refuses_a_clashing_stop_with_the_reason(staff_client):
    vehicle = VehicleFactory()
    StopFactory(vehicle=vehicle, arrival=at(TUESDAY, 9), departure=at(TUESDAY, 11), **place(OPOLE))

    response = staff_client.post("/admin/edubus/stop/new/", stop_form(vehicle))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Za mało czasu na przejazd z miejscowości Opole do miejscowości Nysa" in content
    assert "Podaj powód, aby je pominąć." in content
    assert Stop.objects.count() == 1


def test_admin_override_with_a_reason_saves_the_stop(staff_client):
    vehicle = VehicleFactory()
    StopFactory(vehicle=vehicle, arrival=at(TUESDAY, 9), departure=at(TUESDAY, 11), **place(OPOLE))

    response = staff_client.post(
        "/admin/edubus/stop/new/", stop_form(vehicle, override_reason="Druga załoga dojeżdża autem.")
    )

    assert response.status_code == 302
    stop = Stop.objects.get(place_name="Szkoła w Nysie")
    assert stop.override_reason == "Druga załoga dojeżdża autem."
    assert stop.overridden_by.is_staff


def test_review_shows_suggestions_and_approves_into_a_stop(staff_client, django_capture_on_commit_callbacks):
    vehicle = VehicleFactory()
    visit_request = VisitRequestFactory(preferred_date_1=datetime.date(2030, 12, 3))

    page = staff_client.get(f"/admin/edubus/requests/{visit_request.pk}/")
    assert page.status_code == 200
    suggestions = page.context["suggestions"]
    assert suggestions[0][1].day == datetime.date(2030, 12, 3)
    assert page.context["approve_form"].initial["arrival"] == datetime.time(9, 0)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/edubus/requests/{visit_request.pk}/",
            {
                "action": "approve",
                "approve-vehicle": vehicle.pk,
                "approve-day": "2030-12-03",
                "approve-arrival": "09:00",
                "approve-departure": "13:00",
                "approve-kind": "school",
                "approve-is_public": "on",
            },
        )

    assert response.status_code == 302
    stop = Stop.objects.get()
    assert (stop.arrival, stop.departure, stop.status) == (
        at(datetime.date(2030, 12, 3), 9),
        at(datetime.date(2030, 12, 3), 13),
        "confirmed",
    )
    assert VisitRequest.objects.get().status == "approved"
    assert [m.to for m in mail.outbox] == [["marek.wisniewski@example.org"]]


def test_review_refuses_an_infeasible_date_and_says_why(staff_client):
    vehicle = VehicleFactory()
    visit_request = VisitRequestFactory()

    response = staff_client.post(
        f"/admin/edubus/requests/{visit_request.pk}/",
        {
            "action": "approve",
            "approve-vehicle": vehicle.pk,
            "approve-day": "2026-11-11",
            "approve-arrival": "10:00",
            "approve-departure": "12:00",
            "approve-kind": "school",
        },
    )

    assert response.status_code == 200
    assert (
        "11.11.2026 to dzień wolny dla autobusu (święto: Narodowe Święto Niepodległości)."
        in response.content.decode()
    )
    assert Stop.objects.count() == 0


def test_review_declines_with_a_reason(staff_client, django_capture_on_commit_callbacks):
    visit_request = VisitRequestFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/edubus/requests/{visit_request.pk}/",
            {"action": "decline", "decline-reason": "Droga dojazdowa za wąska."},
        )

    assert response.status_code == 302
    assert VisitRequest.objects.get().decision_reason == "Droga dojazdowa za wąska."
    assert "Droga dojazdowa za wąska." in mail.outbox[0].body


def test_week_schedule_shows_stops_and_travel_blocks(staff_client):
    vehicle = VehicleFactory()
    StopFactory(
        vehicle=vehicle, place_name="Szkoła w Nysie", arrival=at(TUESDAY, 10), departure=at(TUESDAY, 13)
    )

    response = staff_client.get(f"/admin/edubus/schedule/{vehicle.pk}/?date=2026-12-02")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Przejazd Opole → Nysa (74 min)" in content
    assert "Przejazd Nysa → Opole (74 min)" in content
    assert "Szkoła w Nysie" in content
    assert response.context["plans"][0]["day"] == datetime.date(2026, 11, 30)


def test_month_schedule_renders(staff_client):
    vehicle = VehicleFactory()
    StopFactory(vehicle=vehicle, arrival=at(TUESDAY, 10), departure=at(TUESDAY, 13))

    response = staff_client.get(f"/admin/edubus/schedule/{vehicle.pk}/?view=month&date=2026-12-15")

    assert response.status_code == 200
    assert len(response.context["plans"]) == 31


def test_day_sheet_lists_route_contacts_and_checklist(staff_client):
    vehicle = VehicleFactory()
    StopFactory(
        vehicle=vehicle,
        place_name="Szkoła w Nysie",
        contact_name="Ewa Kowalska",
        contact_phone="+48 77 400 00 00",
        arrival=at(TUESDAY, 10),
        departure=at(TUESDAY, 13),
    )

    content = staff_client.get(f"/admin/edubus/schedule/{vehicle.pk}/2026-12-01/sheet/").content.decode()

    assert "08:01\N{EN DASH}09:15: Przejazd Opole → Nysa (74 min)" in content
    assert "09:15\N{EN DASH}10:00: Rozstawienie" in content
    assert "Ewa Kowalska · +48 77 400 00 00" in content
    assert "Potwierdzony parking dla autobusu o długości 12 m" in content


def test_one_action_cancel_emails_the_host_and_raises_sequence(
    staff_client, django_capture_on_commit_callbacks
):
    stop = StopFactory(contact_email="ewa.kowalska@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/edubus/stops/{stop.pk}/cancel/", {"action": "postpone", "reason": "Awaria autobusu."}
        )

    assert response.status_code == 302
    stop.refresh_from_db()
    assert (stop.status, stop.postponed, stop.sequence) == ("cancelled", True, 1)
    assert mail.outbox[0].subject == "Wizyta Edubusa 1 grudnia 2026 przełożona"


def test_edubus_coordinator_may_use_the_tools(client):
    user = add_totp(UserFactory())
    user.groups.add(Group.objects.get(name=roles.EDUBUS_COORDINATOR))
    client.force_login(user)

    assert client.get("/admin/edubus/requests/").status_code == 200


def test_admin_screens_render_for_staff(staff_client):
    stop = StopFactory()
    visit_request = VisitRequestFactory(latitude=None, longitude=None)

    for url in (
        "/admin/edubus/stop/",
        f"/admin/edubus/stop/edit/{stop.pk}/",
        "/admin/edubus/stop/new/",
        "/admin/edubus/visitrequest/",
        "/admin/edubus/vehicle/new/",
        "/admin/edubus/blackout/new/",
        "/admin/edubus/crewmember/new/",
        "/admin/edubus/stopreport/new/",
        "/admin/edubus/requests/",
        f"/admin/edubus/requests/{visit_request.pk}/",
        "/admin/edubus/schedule/",
        f"/admin/edubus/stops/{stop.pk}/cancel/",
    ):
        response = staff_client.get(url, follow=True)
        assert response.status_code == 200, url

    page = staff_client.get(f"/admin/edubus/requests/{visit_request.pk}/").content.decode()
    assert "Wskaż miejsce na mapie powyżej, aby zobaczyć proponowane terminy." in page
    assert "Ta prośba nie ma jeszcze punktu: ustal go z nazwy miejscowości albo kliknij mapę." in page
