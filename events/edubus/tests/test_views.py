import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.edubus.models import Stop, VisitRequest

from .factories import BRZEG, KLUCZBORK, StopFactory, VehicleFactory, at, place

pytestmark = pytest.mark.django_db


def upcoming(days, hour=10):
    return at(timezone.localdate() + datetime.timedelta(days=days), hour)


def test_list_shows_public_stops_and_closed_ones_as_town_and_day(client):
    vehicle = VehicleFactory()
    StopFactory(vehicle=vehicle, place_name="Targi Edukacyjne w Brzegu", arrival=upcoming(2), **place(BRZEG))
    StopFactory(
        vehicle=vehicle,
        place_name="SP nr 1 w Kluczborku",
        arrival=upcoming(3),
        is_public=False,
        **place(KLUCZBORK),
    )

    response = client.get("/edubus/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Targi Edukacyjne w Brzegu" in content
    assert "Kluczbork" in content
    assert "SP nr 1 w Kluczborku" not in content
    assert "wizyta zamknięta (tylko dla szkoły)" in content
    markers = response.context["markers"]
    assert [(m["title"], m["town"], m["lat"], m["lon"]) for m in markers] == [
        ("Targi Edukacyjne w Brzegu", "Brzeg", 50.8608, 17.4676)
    ]
    assert 'id="edubus-stops-data"' in content
    assert "<script>" not in content


def test_list_filters_by_county(client):
    vehicle = VehicleFactory()
    StopFactory(vehicle=vehicle, place_name="Targi w Brzegu", arrival=upcoming(2), **place(BRZEG))
    StopFactory(vehicle=vehicle, place_name="Szkoła w Kluczborku", arrival=upcoming(3), **place(KLUCZBORK))

    response = client.get("/edubus/?county=1601")

    assert [stop.place_name for stop in response.context["stops"]] == ["Targi w Brzegu"]
    assert [code for code, _name in response.context["counties"]] == ["1601", "1604"]


def test_stop_list_has_constant_query_count(client):
    vehicle = VehicleFactory()

    def make(n):
        Stop.objects.all().delete()
        for i in range(n):
            StopFactory(vehicle=vehicle, arrival=upcoming(1 + i), is_public=i % 3 != 0)

    make(5)
    client.get("/edubus/")  # warm the site and settings caches
    with CaptureQueriesContext(connection) as small:
        client.get("/edubus/")
    make(50)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/edubus/")

    assert len(small.captured_queries) == len(large.captured_queries)
    assert len(response.context["stops"]) == 50


def test_stop_page_shows_details_of_a_public_stop(client):
    stop = StopFactory(
        place_name="Targi Edukacyjne w Brzegu", arrival=upcoming(2), street="ul. Mossora 1", **place(BRZEG)
    )

    response = client.get(f"/edubus/{stop.pk}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Targi Edukacyjne w Brzegu</h1>" in content
    assert "ul. Mossora 1, 49-300 Brzeg" in content


def test_closed_stop_page_shows_only_town_and_day(client):
    stop = StopFactory(
        place_name="SP nr 1 w Kluczborku",
        street="ul. Mickiewicza 5",
        contact_name="Ewa Kowalska",
        arrival=at(datetime.date(2026, 12, 3), 10),
        is_public=False,
        **place(KLUCZBORK),
    )

    content = client.get(f"/edubus/{stop.pk}/").content.decode()

    assert "<h1>Edubus w miejscowości Kluczbork</h1>" in content
    assert "Czwartek, 3 grudnia 2026" in content
    for secret in ("SP nr 1 w Kluczborku", "ul. Mickiewicza 5", "Ewa Kowalska", "10:00"):
        assert secret not in content


def test_cancelled_stop_page_shows_a_banner(client):
    stop = StopFactory(status="cancelled", cancellation_reason="Awaria autobusu.", arrival=upcoming(2))

    content = client.get(f"/edubus/{stop.pk}/").content.decode()

    assert "Ta wizyta została odwołana." in content
    assert "Awaria autobusu." in content


def test_unknown_stop_is_404(client, demo_site):
    assert client.get("/edubus/999999/").status_code == 404


def request_data(**overrides):
    tomorrow = timezone.localdate() + datetime.timedelta(days=7)
    data = {
        "institution": "Publiczna Szkoła Podstawowa nr 1 w Ozimku",
        "institution_kind": "school",
        "contact_name": "Katarzyna Szymańska",
        "contact_email": "k.szymanska@example.org",
        "contact_phone": "+48 77 400 20 20",
        "street": "ul. Słowackiego 1",
        "postal_code": "46-040",
        "municipality": "Ozimek",
        "county": "1609",
        "voivodeship": "16",
        "preferred_date_1": tomorrow.isoformat(),
        "expected_audience": "140",
        "setting": "outdoor",
        "parking_ok": "on",
        "privacy": "on",
    }
    data.update(overrides)
    return data


def test_request_form_records_the_request_and_acknowledges_it(client, django_capture_on_commit_callbacks):
    VehicleFactory(length_m=12)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/edubus/zaproszenie/", request_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("edubus:request_thanks")
    visit_request = VisitRequest.objects.get()
    assert (
        visit_request.status,
        visit_request.municipality,
        visit_request.parking_ok,
        visit_request.power_available,
    ) == (
        "new",
        "Ozimek",
        True,
        False,
    )
    assert visit_request.privacy_notice_version == "2026-01"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["k.szymanska@example.org"], "Otrzymaliśmy prośbę o wizytę Edubusa")
    ]


def test_request_form_shows_the_bus_length_in_the_parking_question(client):
    VehicleFactory(length_m="12.5")

    content = client.get("/edubus/zaproszenie/").content.decode()

    assert "Jest miejsce do zaparkowania autobusu o długości 12,5 m." in content


def test_request_form_bad_input_gets_polish_messages_and_keeps_values(client):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        "/edubus/zaproszenie/",
        request_data(contact_email="nie-email", postal_code="4604", preferred_date_1=yesterday, privacy=""),
    )

    content = response.content.decode()
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["contact_email"] == ["Wprowadź poprawny adres email."]
    assert errors["postal_code"] == ["Wpisz kod pocztowy w formacie XX-XXX."]
    assert errors["preferred_date_1"] == ["Wybierz datę od jutra."]
    assert errors["privacy"] == ["Potwierdź, że zapoznałeś(-aś) się z klauzulą informacyjną."]
    assert 'value="Publiczna Szkoła Podstawowa nr 1 w Ozimku"' in content
    assert 'value="nie-email"' in content
    assert 'aria-describedby="id_contact_email_error"' in content
    assert VisitRequest.objects.count() == 0


def test_request_form_in_english(client):
    response = client.post("/en/edubus/zaproszenie/", request_data(contact_email="x"))

    assert response.context["form"].errors["contact_email"] == ["Enter a valid email address."]


@pytest.mark.parametrize("typed", ["46040", "46 040", "46\u2013040", " 46-040 "])
def test_request_form_normalises_a_postal_code_typed_without_its_dash(client, typed):
    VehicleFactory(length_m=12)

    response = client.post("/edubus/zaproszenie/", request_data(postal_code=typed))

    assert response.status_code == 302
    assert VisitRequest.objects.get().postal_code == "46-040"


def test_request_form_still_refuses_a_postal_code_of_four_digits(client):
    VehicleFactory(length_m=12)

    response = client.post("/edubus/zaproszenie/", request_data(postal_code="4604"))

    assert response.status_code == 200
    assert "Wpisz kod pocztowy w formacie XX-XXX." in response.content.decode()
    assert 'value="4604"' in response.content.decode()
    assert not VisitRequest.objects.exists()
