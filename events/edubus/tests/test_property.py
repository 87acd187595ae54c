"""Property: whatever sequence of requests, edits and cancellations arrives, an accepted schedule
never breaks a rule. The oracle below re-checks every rule from scratch, independently of
``scheduling.py``'s bookkeeping."""

import datetime
import itertools
import math

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.edubus import scheduling, services
from events.edubus.models import Blackout, Stop
from events.edubus.scheduling import WARSAW, Slot, candidate_violations

from .factories import BRZEG, KLUCZBORK, NYSA, OPOLE, VehicleFactory, place
from .test_scheduling import RULES

TOWNS = [OPOLE, NYSA, KLUCZBORK, BRZEG]
DAYS = [datetime.date(2026, 11, 10) + datetime.timedelta(days=n) for n in range(4)]  # includes 11 Nov
MAINTENANCE = [(DAYS[3], DAYS[3], "maintenance")]


def oracle_breaches(slots):
    """Every rule, checked naively over the whole schedule."""
    breaches = []
    for a in slots:
        if (
            a.departure <= a.arrival
            or a.arrival.astimezone(WARSAW).date() != a.departure.astimezone(WARSAW).date()
        ):
            breaches.append(("timing", a.key))
        day = a.arrival.astimezone(WARSAW).date()
        if day == datetime.date(2026, 11, 11) or any(f <= day <= t for f, t, _ in MAINTENANCE):
            breaches.append(("blackout", a.key))
    by_day = {}
    for a in slots:
        by_day.setdefault(a.arrival.astimezone(WARSAW).date(), []).append(a)
    for day, day_slots in by_day.items():
        day_slots.sort(key=lambda s: s.arrival)
        for i, a in enumerate(day_slots):
            for b in day_slots[i + 1 :]:
                if a.arrival < b.departure and b.arrival < a.departure:
                    breaches.append(("overlap", a.key, b.key))

        def drive(p, q):
            km = scheduling.haversine_km(p[0], p[1], q[0], q[1]) * RULES.road_factor
            return math.ceil(round(km / RULES.average_speed_kmh * 60, 6))

        base = (RULES.base_lat, RULES.base_lon)
        points = [base] + [(s.lat, s.lon) for s in day_slots] + [base]
        total = sum(drive(p, q) for p, q in itertools.pairwise(points))
        if total > RULES.max_driving_minutes:
            breaches.append(("driving", day))
        for a, b in itertools.pairwise(day_slots):
            needed = datetime.timedelta(
                minutes=RULES.packup_minutes + drive((a.lat, a.lon), (b.lat, b.lon)) + RULES.setup_minutes
            )
            if b.arrival - a.departure < needed:
                breaches.append(("gap", a.key, b.key))
        first, last = day_slots[0], day_slots[-1]
        leave = first.arrival - datetime.timedelta(
            minutes=RULES.setup_minutes + drive(base, (first.lat, first.lon))
        )
        back = last.departure + datetime.timedelta(
            minutes=RULES.packup_minutes + drive((last.lat, last.lon), base)
        )
        if leave < datetime.datetime.combine(day, RULES.work_starts, tzinfo=WARSAW):
            breaches.append(("early", day))
        if back > datetime.datetime.combine(day, RULES.work_ends, tzinfo=WARSAW):
            breaches.append(("late", day))
    return breaches


def make_slot(key, town, day, start_quarter, length_quarters):
    arrival = datetime.datetime.combine(day, datetime.time(6), tzinfo=WARSAW) + datetime.timedelta(
        minutes=15 * start_quarter
    )
    departure = arrival + datetime.timedelta(minutes=15 * length_quarters)
    return Slot(key, town[0], float(town[3]), float(town[4]), arrival, departure)


placement = st.tuples(st.sampled_from(TOWNS), st.sampled_from(DAYS), st.integers(0, 60), st.integers(-2, 40))
action = st.one_of(
    st.tuples(st.just("request"), placement),
    st.tuples(st.just("edit"), st.integers(0, 50), placement),
    st.tuples(st.just("cancel"), st.integers(0, 50)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(action, min_size=1, max_size=25))
def test_no_accepted_schedule_ever_breaks_a_rule(actions):
    schedule = {}
    next_key = 0
    for step in actions:
        if step[0] == "request":
            candidate = make_slot(next_key, *step[1])
            if not candidate_violations(RULES, candidate, list(schedule.values()), MAINTENANCE):
                schedule[next_key] = candidate
            next_key += 1
        elif step[0] == "edit" and schedule:
            key = sorted(schedule)[step[1] % len(schedule)]
            candidate = make_slot(key, *step[2])
            others = [s for k, s in schedule.items() if k != key]
            if not candidate_violations(RULES, candidate, others, MAINTENANCE):
                schedule[key] = candidate
        elif step[0] == "cancel" and schedule:
            del schedule[sorted(schedule)[step[1] % len(schedule)]]
        assert oracle_breaches(list(schedule.values())) == []


@pytest.mark.parametrize("quarters", [8, 16])
def test_oracle_agrees_that_a_refused_stop_breaks_a_rule(quarters):
    # Sanity check of the oracle itself: a stop overlapping another is a breach it sees.
    a = make_slot(1, NYSA, DAYS[0], 16, quarters)
    b = make_slot(2, NYSA, DAYS[0], 17, quarters)

    assert ("overlap", 1, 2) in oracle_breaches([a, b])
    assert candidate_violations(RULES, b, [a]) != []


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(action, min_size=1, max_size=12))
def test_services_never_store_a_schedule_that_breaks_a_rule(actions):
    """The same property through ``services`` and the database: requests, moves, cancellations."""
    with transaction.atomic():
        vehicle = VehicleFactory()
        Blackout.objects.create(vehicle=vehicle, starts_on=DAYS[3], ends_on=DAYS[3], reason="maintenance")
        for step in actions:
            live = list(Stop.objects.filter(vehicle=vehicle).exclude(status="cancelled").order_by("pk"))
            if step[0] == "request":
                town, day, start, length = step[1]
                slot = make_slot("new", town, day, start, length)
                stop = Stop(
                    vehicle=vehicle,
                    place_name=town[0],
                    arrival=slot.arrival,
                    departure=slot.departure,
                    **place(town),
                )
            elif step[0] == "edit" and live:
                stop = live[step[1] % len(live)]
                town, day, start, length = step[2]
                slot = make_slot(stop.pk, town, day, start, length)
                stop.arrival, stop.departure = slot.arrival, slot.departure
                for name, value in place(town).items():
                    setattr(stop, name, value)
            elif step[0] == "cancel" and live:
                services.cancel_stop(stop=live[step[1] % len(live)], reason="test")
                continue
            else:
                continue
            try:
                services.schedule_stop(stop=stop)
            except services.ScheduleConflict:
                pass
            stored = [
                Slot(s.pk, s.municipality, float(s.latitude), float(s.longitude), s.arrival, s.departure)
                for s in Stop.objects.filter(vehicle=vehicle).exclude(status="cancelled")
            ]
            assert oracle_breaches(stored) == []
        transaction.set_rollback(True)
