import datetime
from decimal import Decimal

import factory

from events.edubus.models import Blackout, Stop, StopKind, StopReport, Vehicle, VisitRequest
from events.edubus.scheduling import WARSAW

# Real places in Opolskie: (municipality, postal code, TERYT county code, latitude, longitude)
OPOLE = ("Opole", "45-001", "1661", Decimal("50.675100"), Decimal("17.921300"))
NYSA = ("Nysa", "48-300", "1607", Decimal("50.474700"), Decimal("17.334000"))
KLUCZBORK = ("Kluczbork", "46-200", "1604", Decimal("50.971600"), Decimal("18.218600"))
BRZEG = ("Brzeg", "49-300", "1601", Decimal("50.860800"), Decimal("17.467600"))


def at(day, hour, minute=0):
    """An aware moment in Warsaw on ``day`` (a date) at hour:minute."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WARSAW)


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    name = factory.Sequence(lambda n: f"Edubus {n}")
    registration_plate = factory.Sequence(lambda n: f"OP {10000 + n}")
    length_m = Decimal("12.0")
    average_speed_kmh = 50
    road_factor = Decimal("1.30")
    setup_minutes = 45
    packup_minutes = 30
    work_starts = datetime.time(7, 0)
    work_ends = datetime.time(19, 0)
    max_driving_minutes = 240
    base_name = "Opole"
    base_latitude = OPOLE[3]
    base_longitude = OPOLE[4]


def place(town):
    municipality, postal_code, county, lat, lon = town
    return {
        "municipality": municipality,
        "postal_code": postal_code,
        "county": county,
        "voivodeship": "16",
        "latitude": lat,
        "longitude": lon,
    }


class StopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stop

    vehicle = factory.SubFactory(VehicleFactory)
    place_name = factory.Sequence(lambda n: f"Szkoła Podstawowa nr {n + 1}")
    kind = StopKind.SCHOOL
    host_institution = factory.LazyAttribute(lambda stop: stop.place_name)
    contact_name = "Ewa Kowalska"
    contact_email = "ewa.kowalska@example.org"
    contact_phone = "+48 77 400 00 00"
    street = "ul. Szkolna 1"
    municipality, postal_code, county = NYSA[0], NYSA[1], NYSA[2]
    voivodeship = "16"
    latitude, longitude = NYSA[3], NYSA[4]
    arrival = factory.LazyFunction(lambda: at(datetime.date(2026, 12, 1), 10))
    departure = factory.LazyAttribute(lambda stop: stop.arrival + datetime.timedelta(hours=3))
    expected_audience = 120
    status = Stop.Status.CONFIRMED


class StopReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StopReport

    stop = factory.SubFactory(StopFactory, status=Stop.Status.DONE)
    visitors = 140
    groups_reached = 6


class BlackoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Blackout

    starts_on = datetime.date(2026, 12, 7)
    ends_on = datetime.date(2026, 12, 8)
    reason = Blackout.Reason.MAINTENANCE


class VisitRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitRequest

    institution = "Publiczna Szkoła Podstawowa nr 2 w Nysie"
    institution_kind = VisitRequest.InstitutionKind.SCHOOL
    contact_name = "Marek Wiśniewski"
    contact_email = "marek.wisniewski@example.org"
    contact_phone = "+48 77 400 11 22"
    street = "ul. Kościuszki 10"
    municipality, postal_code, county = NYSA[0], NYSA[1], NYSA[2]
    voivodeship = "16"
    latitude, longitude = NYSA[3], NYSA[4]
    preferred_date_1 = datetime.date(2026, 12, 2)
    expected_audience = 90
    parking_ok = True
    power_available = True
    privacy_notice_version = "2026-01"
    privacy_acknowledged_at = factory.LazyFunction(lambda: at(datetime.date(2026, 11, 20), 12))
