import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from cms import demo as cms_demo
from cms.tests.factories import StaffFactory
from events.edubus import demo as edubus_demo
from events.edubus.models import Stop, VisitRequest

from .factories import BRZEG, KLUCZBORK, StopFactory, VehicleFactory, at, place


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_map_shows_a_marker_per_public_stop_and_links_to_its_page(page, live_server):
    vehicle = VehicleFactory()
    day = timezone.localdate() + datetime.timedelta(days=3)
    stop = StopFactory(vehicle=vehicle, place_name="Targi w Brzegu", arrival=at(day, 10), **place(BRZEG))
    StopFactory(
        vehicle=vehicle,
        place_name="Szkoła w Kluczborku",
        arrival=at(day + datetime.timedelta(days=1), 10),
        **place(KLUCZBORK),
    )
    StopFactory(vehicle=vehicle, is_public=False, arrival=at(day + datetime.timedelta(days=2), 10))
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())  # no network in tests

    page.goto("/edubus/")
    page.wait_for_selector("#edubus-map[data-ready='2']")

    assert page.locator(".leaflet-marker-icon").count() == 2
    assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
    page.locator(".leaflet-marker-icon[title='Targi w Brzegu']").click()
    page.get_by_role("link", name="Szczegóły").click()
    page.wait_for_url(f"**/edubus/{stop.pk}/")
    assert page.locator("h1").inner_text() == "Targi w Brzegu"


def _next_weekday(days_ahead):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_host_requests_a_visit_and_staff_approve_a_suggested_date(page, live_server):
    cms_demo.seed(stdout=None)
    edubus_demo.seed(stdout=None)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())  # no network in tests
    wanted = _next_weekday(12)

    # The host: from the home page to the request form, in Polish.
    page.goto("/")
    page.get_by_role("link", name="Zaproś Edubus").first.click()
    page.wait_for_url("**/edubus/zaproszenie/")
    for name, value in {
        "institution": "Publiczna Szkoła Podstawowa w Korfantowie",
        "contact_name": "Anna Nowak",
        "contact_email": "anna.nowak@example.org",
        "contact_phone": "+48 77 400 30 30",
        "street": "ul. Wyzwolenia 1",
        "postal_code": "48-317",
        "municipality": "Korfantów",
        "preferred_date_1": wanted.isoformat(),
        "expected_audience": "80",
    }.items():
        page.fill(f"[name={name}]", value)
    page.select_option("[name=county]", "1607")
    page.check("[name=parking_ok]")
    page.check("[name=privacy]")
    page.get_by_role("button", name="Wyślij prośbę").click()
    page.wait_for_url("**/edubus/zaproszenie/dziekujemy/")
    visit_request = VisitRequest.objects.get(institution="Publiczna Szkoła Podstawowa w Korfantowie")
    assert (float(visit_request.latitude), float(visit_request.longitude)) == (50.48894, 17.59898)

    # Staff: from the admin's menu to the request, correct the point on the map, take a suggestion.
    client = Client()
    client.force_login(StaffFactory())
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto("/admin/")
    page.get_by_role("link", name="Prośby o Edubus do rozpatrzenia").click()
    page.get_by_role("link", name="Publiczna Szkoła Podstawowa w Korfantowie").click()
    assert (
        "Położenie ustalono z nazwy miejscowości: Korfantów (opolskie)" in page.locator("main").inner_text()
    )

    page.wait_for_selector("#edubus-request-map[data-ready='true']")
    box = page.locator("#edubus-request-map").bounding_box()
    page.locator("#edubus-request-map").click(
        position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 + 30}
    )
    page.wait_for_selector("[data-location-status='staff']")
    visit_request.refresh_from_db()
    assert visit_request.location_status == "staff"
    assert (visit_request.latitude, visit_request.longitude) != (50.48894, 17.59898)
    assert float(visit_request.latitude) < 50.48894 and float(visit_request.longitude) > 17.59898

    suggestion = page.locator("a.edubus-use-suggestion").first
    day = datetime.datetime.strptime(suggestion.inner_text().split()[-1], "%d.%m.%Y").date()
    assert day.weekday() != 6
    suggestion.click()
    assert page.locator("[name='approve-day']").input_value() == day.isoformat()
    page.get_by_role("button", name="Zatwierdź i powiadom gospodarza").click()

    page.wait_for_url(lambda url: "/admin/edubus/schedule/" in url and url.endswith(f"?date={day}#day-{day}"))
    stop = Stop.objects.get(request=visit_request)
    assert timezone.localtime(stop.arrival).date() == day
    assert "Publiczna Szkoła Podstawowa w Korfantowie" in page.locator("main").inner_text()
    assert VisitRequest.objects.get(pk=visit_request.pk).status == "approved"
