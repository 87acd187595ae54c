"""The scheduling rules with exact figures (pure functions, no database)."""

import datetime

from django.utils import translation

from events.edubus import scheduling
from events.edubus.scheduling import Rules, Slot, candidate_violations, schedule_violations, suggest

from .factories import KLUCZBORK, NYSA, OPOLE, at

RULES = Rules(
    average_speed_kmh=50,
    road_factor=1.3,
    setup_minutes=45,
    packup_minutes=30,
    work_starts=datetime.time(7),
    work_ends=datetime.time(19),
    max_driving_minutes=240,
    base_name="Opole",
    base_lat=float(OPOLE[3]),
    base_lon=float(OPOLE[4]),
)
TUESDAY = datetime.date(2026, 12, 1)


def slot(key, town, day, start, end):
    return Slot(key, town[0], float(town[3]), float(town[4]), at(day, *start), at(day, *end))


def english(violations):
    return [(v.rule, v.shortfall_minutes, v.message) for v in violations]


def test_travel_time_is_haversine_times_road_factor_over_speed_rounded_up():
    km = scheduling.haversine_km(float(OPOLE[3]), float(OPOLE[4]), float(NYSA[3]), float(NYSA[4]))

    assert round(km, 2) == 47.08
    # 47.08 km * 1.3 = 61.2 km at 50 km/h = 73.45 min → 74 min
    assert (
        scheduling.travel_minutes(RULES, float(OPOLE[3]), float(OPOLE[4]), float(NYSA[3]), float(NYSA[4]))
        == 74
    )


def test_gap_rule_reports_needed_and_available_time():
    opole = slot(1, OPOLE, TUESDAY, (9, 0), (11, 0))
    nysa = slot("new", NYSA, TUESDAY, (12, 0), (14, 0))

    with translation.override("en"):
        found = candidate_violations(RULES, nysa, [opole])

    assert english(found) == [
        (
            "gap",
            89,
            "Not enough time to get from Opole to Nysa: 2 h 29 min needed "
            "(pack-up 30 min, drive 1 h 14 min, set-up 45 min), 1 h available.",
        )
    ]


def test_gap_rule_message_in_polish():
    opole = slot(1, OPOLE, TUESDAY, (9, 0), (11, 0))
    nysa = slot("new", NYSA, TUESDAY, (12, 0), (14, 0))

    with translation.override("pl"):
        (violation,) = candidate_violations(RULES, nysa, [opole])

    assert violation.message == (
        "Za mało czasu na przejazd z miejscowości Opole do miejscowości Nysa: potrzeba 2 h 29 min "
        "(zwijanie 30 min, jazda 1 h 14 min, rozstawienie 45 min), jest 1 h."
    )


def test_exactly_enough_time_between_stops_is_accepted():
    opole = slot(1, OPOLE, TUESDAY, (9, 0), (11, 0))
    nysa = slot("new", NYSA, TUESDAY, (13, 29), (15, 0))  # 11:00 + 30 + 74 + 45 = 13:29

    assert candidate_violations(RULES, nysa, [opole]) == []


def test_overlap_reports_by_how_much():
    first = slot(1, NYSA, TUESDAY, (10, 0), (12, 0))
    second = slot("new", NYSA, TUESDAY, (11, 0), (13, 0))

    with translation.override("en"):
        found = candidate_violations(RULES, second, [first])

    assert english(found) == [("overlap", 60, "Nysa overlaps the stop in Nysa (10:00-12:00) by 1 h.")]


def test_working_window_start_counts_drive_and_set_up_from_the_base():
    early = slot("new", NYSA, TUESDAY, (8, 0), (10, 0))  # leave Opole at 08:00 - 45 - 74 = 06:01

    with translation.override("en"):
        found = candidate_violations(RULES, early, [])

    assert english(found) == [
        (
            "window",
            59,
            "The working day starts at 07:00, but the bus would have to leave Opole at 06:01 "
            "to reach Nysa (59 min too early).",
        )
    ]


def test_working_window_end_counts_pack_up_and_drive_back():
    late = slot("new", NYSA, TUESDAY, (15, 0), (18, 0))  # back in Opole at 18:00 + 30 + 74 = 19:44

    with translation.override("en"):
        found = candidate_violations(RULES, late, [])

    assert english(found) == [
        (
            "window",
            44,
            "The working day ends at 19:00, but the bus would be back in Opole from Nysa at 19:44 "
            "(44 min too late).",
        )
    ]


def test_daily_driving_limit_sums_base_stops_and_back():
    nysa = slot(1, NYSA, TUESDAY, (9, 0), (10, 0))
    kluczbork = slot("new", KLUCZBORK, TUESDAY, (13, 30), (15, 0))  # 74 + 130 + 61 = 265 min

    with translation.override("en"):
        found = candidate_violations(RULES, kluczbork, [nysa])

    assert english(found) == [
        ("driving", 25, "Driving on 01.12.2026 would total 4 h 25 min; the limit is 4 h (25 min over).")
    ]


def test_public_holiday_is_a_blackout_day():
    independence_day = slot("new", NYSA, datetime.date(2026, 11, 11), (10, 0), (12, 0))

    with translation.override("pl"):
        found = candidate_violations(RULES, independence_day, [])

    assert [(v.rule, v.message) for v in found] == [
        (
            "blackout",
            "11.11.2026 to dzień wolny dla autobusu (święto: Narodowe Święto Niepodległości).",
        )
    ]


def test_staff_blackout_day_is_refused_with_its_reason():
    maintenance = [(datetime.date(2026, 12, 7), datetime.date(2026, 12, 8), "przegląd")]
    candidate = slot("new", NYSA, datetime.date(2026, 12, 8), (10, 0), (12, 0))

    with translation.override("en"):
        found = candidate_violations(RULES, candidate, [], maintenance)

    assert english(found) == [("blackout", 0, "08.12.2026 is not a working day for the bus (przegląd).")]


def test_stop_must_end_after_it_starts_on_the_same_day():
    backwards = slot("new", NYSA, TUESDAY, (12, 0), (10, 0))
    overnight = Slot(
        "new", "Nysa", 50.47, 17.33, at(TUESDAY, 20), at(TUESDAY, 20) + datetime.timedelta(hours=6)
    )

    with translation.override("en"):
        assert [v.message for v in candidate_violations(RULES, backwards, [])] == [
            "The departure must be after the arrival."
        ]
        assert [v.message for v in candidate_violations(RULES, overnight, [])] == [
            "A stop must begin and end on the same day."
        ]


def test_existing_overridden_breach_does_not_block_unrelated_stops():
    # An overridden stop left Opole too early; adding a later stop that breaks nothing new is fine.
    overridden = slot(1, NYSA, TUESDAY, (7, 30), (9, 0))
    later = slot("new", NYSA, TUESDAY, (10, 15), (12, 0))  # 09:00 + 30 + 0 + 45 = 10:15

    assert [v.rule for v in schedule_violations(RULES, [overridden])] == ["window"]
    assert candidate_violations(RULES, later, [overridden]) == []


def test_suggestions_skip_holidays_and_prefer_days_when_the_bus_is_nearby():
    # Preferred: Wed 11 Nov 2026 (a holiday). The bus is in Nysa on Fri 13 Nov, 0 km away.
    nysa_friday = slot(1, NYSA, datetime.date(2026, 11, 13), (9, 0), (11, 0))

    found = suggest(
        RULES,
        lat=float(NYSA[3]),
        lon=float(NYSA[4]),
        preferred=[datetime.date(2026, 11, 11)],
        visit_minutes=120,
        others=[nysa_friday],
        nearby_km=30,
        earliest=datetime.date(2026, 11, 2),
        limit=3,
    )

    assert [(s.day, s.nearby_km is not None, s.days_from_preferred) for s in found] == [
        (datetime.date(2026, 11, 13), True, 2),
        (datetime.date(2026, 11, 10), False, 1),
        (datetime.date(2026, 11, 12), False, 1),
    ]
    friday = found[0]
    assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in friday.windows] == [("12:15", "15:15")]
    tuesday = found[1]
    assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in tuesday.windows] == [("09:00", "15:15")]


def test_suggestions_skip_closed_weekdays():
    # Preferred: Sat 5 Dec 2026; Sunday (6) closed: Sun 6 Dec is never offered.
    found = suggest(
        RULES,
        lat=float(NYSA[3]),
        lon=float(NYSA[4]),
        preferred=[datetime.date(2026, 12, 5)],
        visit_minutes=120,
        others=[],
        earliest=datetime.date(2026, 12, 2),
        limit=4,
        closed_weekdays=(6,),
    )

    assert [s.day for s in found] == [
        datetime.date(2026, 12, 5),
        datetime.date(2026, 12, 4),
        datetime.date(2026, 12, 3),
        datetime.date(2026, 12, 7),
    ]
