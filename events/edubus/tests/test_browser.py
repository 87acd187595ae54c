import datetime

import pytest
from django.utils import timezone

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
