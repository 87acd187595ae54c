"""Suggested dates for a request: never a Sunday for a school nor a public holiday; a suggestion's
link fills the approval form; approving opens the schedule on the stop's week; staff set the point."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.tests.factories import StaffFactory
from events.edubus import queries
from events.edubus.models import Stop, VisitRequest

from .factories import VehicleFactory, VisitRequestFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def suggested_days(visit_request, today):
    return [suggestion.day for _vehicle, suggestion in queries.suggestions_for(visit_request, today=today)]


def test_school_is_offered_no_christmas_holiday_and_no_sunday():
    VehicleFactory()
    school = VisitRequestFactory(preferred_date_1=datetime.date(2026, 12, 24))

    days = suggested_days(school, today=datetime.date(2026, 12, 20))

    # Thu 24, Fri 25 and Sat 26 Dec are public holidays, Sun 27 Dec is a Sunday.
    assert days == [
        datetime.date(2026, 12, 23),
        datetime.date(2026, 12, 22),
        datetime.date(2026, 12, 21),
        datetime.date(2026, 12, 28),
        datetime.date(2026, 12, 29),
    ]


def test_school_is_offered_no_epiphany_and_no_sunday():
    VehicleFactory()
    school = VisitRequestFactory(preferred_date_1=datetime.date(2027, 1, 6))

    days = suggested_days(school, today=datetime.date(2027, 1, 1))

    # Wed 6 Jan is Epiphany, Sun 3 Jan a Sunday; Sat 9 Jan is a working day for the bus.
    assert days == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 7),
        datetime.date(2027, 1, 4),
        datetime.date(2027, 1, 8),
        datetime.date(2027, 1, 9),
    ]


def test_a_municipality_may_be_offered_a_sunday_but_no_holiday():
    VehicleFactory()
    harvest_festival = VisitRequestFactory(
        institution_kind=VisitRequest.InstitutionKind.MUNICIPALITY, preferred_date_1=datetime.date(2027, 1, 6)
    )

    days = suggested_days(harvest_festival, today=datetime.date(2027, 1, 1))

    assert days == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 7),
        datetime.date(2027, 1, 4),
        datetime.date(2027, 1, 8),
        datetime.date(2027, 1, 3),  # a Sunday, three days away
    ]


def next_weekday(days_ahead):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def test_each_suggestion_links_to_the_review_page_with_the_form_filled(staff_client):
    vehicle = VehicleFactory()
    day = next_weekday(10)
    visit_request = VisitRequestFactory(preferred_date_1=day)
    review = f"/admin/edubus/requests/{visit_request.pk}/"

    page = staff_client.get(review)

    first_link = page.context["suggestions"][0][2]
    assert first_link == (
        f"{review}?vehicle={vehicle.pk}&day={day.isoformat()}&arrival=09%3A00&departure=13%3A00#approve"
    )
    assert f'href="{first_link.replace("&", "&amp;")}"' in page.content.decode()
    other_day = page.context["suggestions"][1][1].day

    prefilled = staff_client.get(
        review,
        {"vehicle": vehicle.pk, "day": other_day.isoformat(), "arrival": "10:30", "departure": "12:00"},
    )

    initial = prefilled.context["approve_form"].initial
    assert (initial["vehicle"], initial["day"], initial["arrival"], initial["departure"]) == (
        vehicle,
        other_day,
        datetime.time(10, 30),
        datetime.time(12, 0),
    )
    content = prefilled.content.decode()
    assert f'name="approve-day" value="{other_day.isoformat()}"' in content
    assert 'name="approve-arrival" value="10:30"' in content


def test_a_broken_prefill_link_falls_back_to_the_first_suggestion(staff_client):
    vehicle = VehicleFactory()
    day = next_weekday(10)
    visit_request = VisitRequestFactory(preferred_date_1=day)

    page = staff_client.get(
        f"/admin/edubus/requests/{visit_request.pk}/",
        {"vehicle": "999999", "day": "2030-02-31", "arrival": "25:00", "departure": "<script>"},
    )

    assert page.status_code == 200
    initial = page.context["approve_form"].initial
    assert (initial["vehicle"], initial["day"], initial["arrival"], initial["departure"]) == (
        vehicle,
        day,
        datetime.time(9, 0),
        datetime.time(13, 0),
    )


def test_approving_opens_the_schedule_on_the_stops_week(staff_client):
    vehicle = VehicleFactory()
    visit_request = VisitRequestFactory(preferred_date_1=datetime.date(2030, 12, 4))

    response = staff_client.post(
        f"/admin/edubus/requests/{visit_request.pk}/",
        {
            "action": "approve",
            "approve-vehicle": vehicle.pk,
            "approve-day": "2030-12-04",
            "approve-arrival": "09:00",
            "approve-departure": "13:00",
            "approve-kind": "school",
            "approve-is_public": "on",
        },
        follow=True,
    )

    assert response.redirect_chain == [
        (f"/admin/edubus/schedule/{vehicle.pk}/?date=2030-12-04#day-2030-12-04", 302)
    ]
    assert (response.context["first"], response.context["last"]) == (
        datetime.date(2030, 12, 2),
        datetime.date(2030, 12, 8),
    )
    stop = Stop.objects.get()
    assert stop.arrival == at(datetime.date(2030, 12, 4), 9)
    assert 'id="day-2030-12-04"' in response.content.decode()
    assert visit_request.institution in response.content.decode()


def test_a_place_not_found_is_said_and_staff_set_the_point_to_get_suggestions(staff_client):
    VehicleFactory()
    visit_request = VisitRequestFactory(
        municipality="Nibylandia",
        latitude=None,
        longitude=None,
        location_status="not_found",
        preferred_date_1=next_weekday(10),
    )
    review = f"/admin/edubus/requests/{visit_request.pk}/"

    before = staff_client.get(review)
    assert before.context["suggestions"] == []
    assert "Nie znaleziono miejscowości „Nibylandia” w wykazie miejscowości." in before.content.decode()

    response = staff_client.post(
        review,
        {"action": "locate", "location-latitude": "50.4889", "location-longitude": "17.59898"},
        follow=True,
    )

    assert response.redirect_chain == [(review, 302)]
    visit_request.refresh_from_db()
    assert (visit_request.latitude, visit_request.longitude, visit_request.location_status) == (
        Decimal("50.488900"),
        Decimal("17.598980"),
        "staff",
    )
    assert len(response.context["suggestions"]) == 5
    assert "Punkt zapisano; proponowane terminy są policzone dla niego." in response.content.decode()


def test_a_bad_point_is_refused_with_a_message_and_nothing_changes(staff_client):
    visit_request = VisitRequestFactory()

    response = staff_client.post(
        f"/admin/edubus/requests/{visit_request.pk}/",
        {"action": "locate", "location-latitude": "91", "location-longitude": "abc"},
    )

    assert response.status_code == 200
    errors = response.context["location_form"].errors
    assert set(errors) == {"latitude", "longitude"}
    visit_request.refresh_from_db()
    assert (visit_request.latitude, visit_request.location_status) == (Decimal("50.474700"), "")


def test_locating_again_from_the_place_name(staff_client):
    visit_request = VisitRequestFactory(municipality="Korfantów", latitude=None, longitude=None)

    response = staff_client.post(
        f"/admin/edubus/requests/{visit_request.pk}/", {"action": "relocate"}, follow=True
    )

    visit_request.refresh_from_db()
    assert (visit_request.latitude, visit_request.longitude, visit_request.location_status) == (
        Decimal("50.488940"),
        Decimal("17.598980"),
        "found",
    )
    assert "Położenie ustalono z nazwy miejscowości: Korfantów (opolskie)" in response.content.decode()
