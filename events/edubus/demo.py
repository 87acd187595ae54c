"""Demo content of the Edubus: a bus in Opolskie, its stops over the coming weeks, two requests.

Every stop goes through ``services.schedule_stop``, so the demo schedule obeys the same rules as
staff do. Dates are relative to today; running the seed again changes nothing (stops are keyed by
vehicle and place, requests by institution and e-mail).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from . import services
from .models import Blackout, CrewMember, Stop, StopReport, Vehicle, VisitRequest
from .scheduling import WARSAW, blackout_reason

# municipality, postal code, TERYT county code, latitude, longitude
TOWNS = {
    "Opole": ("Opole", "45-001", "1661", "50.675100", "17.921300"),
    "Nysa": ("Nysa", "48-300", "1607", "50.474700", "17.334000"),
    "Prudnik": ("Prudnik", "48-200", "1610", "50.322200", "17.576900"),
    "Brzeg": ("Brzeg", "49-300", "1601", "50.860800", "17.467600"),
    "Kluczbork": ("Kluczbork", "46-200", "1604", "50.971600", "18.218600"),
    "Krapkowice": ("Krapkowice", "47-300", "1605", "50.475000", "17.965300"),
    "Dobrzeń Wielki": ("Dobrzeń Wielki", "46-081", "1609", "50.763300", "17.850800"),
    "Kędzierzyn-Koźle": ("Kędzierzyn-Koźle", "47-200", "1603", "50.349500", "18.226300"),
    "Głubczyce": ("Głubczyce", "48-100", "1602", "50.201300", "17.829400"),
    "Olesno": ("Olesno", "46-300", "1608", "50.875500", "18.419700"),
    "Strzelce Opolskie": ("Strzelce Opolskie", "47-100", "1611", "50.510800", "18.300600"),
    "Ozimek": ("Ozimek", "46-040", "1609", "50.673300", "18.213100"),
    "Namysłów": ("Namysłów", "46-100", "1606", "51.076200", "17.717600"),
}

# (place, town, street, kind, day offset, "weekday"/"saturday", (from), (to), public, extra)
STOPS = [
    (
        "Zespół Szkół w Krapkowicach",
        "Krapkowice",
        "ul. Kilińskiego 1",
        "school",
        -10,
        "weekday",
        (9, 0),
        (13, 0),
        True,
        "done",
    ),
    (
        "Publiczna Szkoła Podstawowa nr 2 w Nysie",
        "Nysa",
        "ul. Kościuszki 10",
        "school",
        3,
        "weekday",
        (9, 0),
        (12, 0),
        True,
        "",
    ),
    ("Rynek w Prudniku", "Prudnik", "Rynek 1", "open_event", 3, "weekday", (14, 0), (16, 0), True, ""),
    (
        "Szkoła Podstawowa nr 1 w Kluczborku",
        "Kluczbork",
        "ul. Mickiewicza 5",
        "school",
        5,
        "weekday",
        (10, 0),
        (13, 0),
        False,
        "",
    ),
    ("Targi Edukacyjne w Brzegu", "Brzeg", "ul. Mossora 1", "fair", 7, "weekday", (10, 0), (14, 0), True, ""),
    (
        "Dożynki Gminy Dobrzeń Wielki",
        "Dobrzeń Wielki",
        "ul. Namysłowska 1",
        "harvest_festival",
        8,
        "saturday",
        (11, 0),
        (16, 0),
        True,
        "",
    ),
    (
        "Zespół Szkół Zawodowych w Kędzierzynie-Koźlu",
        "Kędzierzyn-Koźle",
        "ul. Skarbowa 2",
        "school",
        10,
        "weekday",
        (9, 30),
        (13, 30),
        True,
        "",
    ),
    (
        "Liceum Ogólnokształcące w Głubczycach",
        "Głubczyce",
        "ul. Kochanowskiego 1",
        "school",
        12,
        "weekday",
        (9, 30),
        (12, 30),
        True,
        "cancelled",
    ),
    (
        "Dzień Otwarty w Oleśnie",
        "Olesno",
        "ul. Pieloka 1",
        "open_event",
        14,
        "weekday",
        (10, 0),
        (14, 0),
        True,
        "",
    ),
    (
        "Zespół Szkół w Strzelcach Opolskich",
        "Strzelce Opolskie",
        "ul. Mickiewicza 10",
        "school",
        17,
        "weekday",
        (9, 0),
        (13, 0),
        True,
        "",
    ),
]


def _day(today, offset, kind):
    """The first day from ``today + offset`` that is a working weekday (or a Saturday) and no holiday."""
    day = today + datetime.timedelta(days=offset)
    while True:
        ok = day.weekday() == 5 if kind == "saturday" else day.weekday() < 5
        if ok and not blackout_reason(day):
            return day
        day += datetime.timedelta(days=1 if offset >= 0 else -1)


def _address(town):
    municipality, postal_code, county, lat, lon = TOWNS[town]
    return {
        "municipality": municipality,
        "postal_code": postal_code,
        "county": county,
        "voivodeship": "16",
        "latitude": Decimal(lat),
        "longitude": Decimal(lon),
    }


def ensure_vehicles():
    bus, _ = Vehicle.objects.get_or_create(
        name="Edubus Opolskie",
        defaults={
            "registration_plate": "OP 1234E",
            "length_m": Decimal("12.0"),
            "base_name": "Opole",
            "base_latitude": Decimal("50.675100"),
            "base_longitude": Decimal("17.921300"),
        },
    )
    van, _ = Vehicle.objects.get_or_create(
        name="Edubus Opolskie Mini",
        defaults={
            "registration_plate": "OP 5678E",
            "length_m": Decimal("7.5"),
            "average_speed_kmh": 60,
            "setup_minutes": 30,
            "packup_minutes": 20,
            "base_name": "Opole",
            "base_latitude": Decimal("50.675100"),
            "base_longitude": Decimal("17.921300"),
        },
    )
    for name, vehicle, qualifications in (
        ("Tomasz Zieliński", bus, "kierowca, prawo jazdy kat. D"),
        ("Agnieszka Lewandowska", bus, "doradczyni zawodowa"),
        ("Paweł Mazur", van, "kierowca i doradca zawodowy"),
    ):
        CrewMember.objects.get_or_create(
            name=name, defaults={"vehicle": vehicle, "qualifications": qualifications}
        )
    return bus, van


def seed(*, stdout=None):
    bus, _van = ensure_vehicles()
    today = timezone.localdate()
    maintenance_day = _day(today, 20, "weekday")
    Blackout.objects.get_or_create(
        vehicle=bus,
        note="Przegląd techniczny",
        defaults={
            "starts_on": maintenance_day,
            "ends_on": maintenance_day,
            "reason": Blackout.Reason.MAINTENANCE,
        },
    )
    days = {}
    for offset, weekday in sorted({(stop[4], stop[5]) for stop in STOPS}):
        day = _day(today, offset, weekday)
        # two offsets fell on one day after skipping a weekend, or a stop on the bus's maintenance day
        while day in days.values() or day == maintenance_day:
            day = _day(day, 1, weekday)
        days[offset, weekday] = day
    for n, (place, town, street, kind, offset, weekday, start, end, public, state) in enumerate(STOPS):
        if Stop.objects.filter(vehicle=bus, place_name=place).exists():
            continue
        day = days[offset, weekday]
        stop = Stop(
            vehicle=bus,
            place_name=place,
            street=street,
            kind=kind,
            host_institution=place,
            contact_name=("Ewa Kowalska", "Jan Nowak", "Maria Wójcik", "Piotr Kamiński")[n % 4],
            contact_email=f"gospodarz{n + 1}@example.org",
            contact_phone=f"+48 77 400 00 {n + 10:02d}",
            arrival=datetime.datetime.combine(day, datetime.time(*start), tzinfo=WARSAW),
            departure=datetime.datetime.combine(day, datetime.time(*end), tzinfo=WARSAW),
            expected_audience=(120, 80, 200, 60, 300, 500, 90, 75, 150, 110)[n],
            is_public=public,
            status=Stop.Status.DONE if state == "done" else Stop.Status.CONFIRMED,
            **_address(town),
        )
        try:
            services.schedule_stop(stop=stop)
        except services.ScheduleConflict as conflict:
            if stdout:
                stdout.write(f"Edubus demo: skipped {place}: {conflict}")
            continue
        if state == "done":
            StopReport.objects.get_or_create(
                stop=stop,
                defaults={
                    "visitors": 164,
                    "groups_reached": 7,
                    "notes": "Klasy 7 i 8, duże zainteresowanie VR.",
                },
            )
        if state == "cancelled":
            services.cancel_stop(stop=stop, reason="Szkoła zamknięta z powodu awarii ogrzewania.")
    for institution, kind, town, street, email, offsets, audience in (
        (
            "Publiczna Szkoła Podstawowa nr 1 w Ozimku",
            "school",
            "Ozimek",
            "ul. Słowackiego 1",
            "sekretariat.psp1@example.org",
            (9, 11),
            140,
        ),
        (
            "Urząd Miejski w Namysłowie",
            "municipality",
            "Namysłów",
            "ul. Dubois 3",
            "promocja@example.org",
            (15, 16, 22),
            400,
        ),
    ):
        VisitRequest.objects.get_or_create(
            institution=institution,
            contact_email=email,
            defaults={
                "institution_kind": kind,
                "contact_name": "Katarzyna Szymańska" if kind == "school" else "Michał Dąbrowski",
                "contact_phone": "+48 77 400 20 20",
                "street": street,
                "preferred_date_1": _day(today, offsets[0], "weekday"),
                "preferred_date_2": _day(today, offsets[1], "weekday"),
                "preferred_date_3": _day(today, offsets[2], "weekday") if len(offsets) > 2 else None,
                "expected_audience": audience,
                "parking_ok": True,
                "power_available": kind == "school",
                "setting": VisitRequest.Setting.OUTDOOR,
                "privacy_notice_version": "2026-01",
                "privacy_acknowledged_at": timezone.now(),
                **_address(town),
            },
        )
    return bus
