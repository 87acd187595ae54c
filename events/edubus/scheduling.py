"""The Edubus scheduling rules as pure functions (no database): a schedule is feasible by construction.

A stop occupies the vehicle from ``arrival`` to ``departure`` (the visit on site); set-up happens
before the arrival and pack-up after the departure. Travel time between two places is

    minutes = ceil(haversine_km * road_factor / average_speed_kmh * 60)

Rules, each reported with what was needed and what there was:

- ``timing``: a stop ends after it starts, within one calendar day (Europe/Warsaw);
- ``blackout``: not on a Polish public holiday nor a staff-entered blackout day;
- ``overlap``: no two stops of one vehicle overlap;
- ``gap``: between consecutive stops of a day there is pack-up + travel + set-up;
- ``window``: the day's work, from leaving the home base (travel + set-up before the first stop) to
  coming back (pack-up + travel after the last stop), lies within the vehicle's working hours;
- ``driving``: the day's driving (base → stops → base) is at most the vehicle's daily maximum.
"""

import datetime
import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext as _

WARSAW = ZoneInfo("Europe/Warsaw")
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Rules:
    """What the schedule needs to know about a vehicle."""

    average_speed_kmh: float
    road_factor: float
    setup_minutes: int
    packup_minutes: int
    work_starts: datetime.time
    work_ends: datetime.time
    max_driving_minutes: int
    base_name: str
    base_lat: float
    base_lon: float


@dataclass(frozen=True)
class Slot:
    """One stop as the rules see it: a key (the stop's id or "new"), a place and a time span."""

    key: object
    place: str
    lat: float
    lon: float
    arrival: datetime.datetime
    departure: datetime.datetime

    @property
    def day(self):
        return self.arrival.astimezone(WARSAW).date()


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    keys: tuple = ()
    shortfall_minutes: int = 0

    def __str__(self):
        return self.message

    @property
    def identity(self):
        """What identifies the violation when comparing a schedule before and after a change."""
        return (self.rule, self.keys, self.shortfall_minutes)


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def travel_minutes(rules, lat1, lon1, lat2, lon2):
    """Driving minutes between two points, rounded up to a whole minute."""
    km = haversine_km(lat1, lon1, lat2, lon2) * rules.road_factor
    return math.ceil(round(km / rules.average_speed_kmh * 60, 6))


def duration(minutes):
    """Minutes as "1 h 25 min" (or "50 min")."""
    minutes = int(minutes)
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return _("%(sign)s%(hours)d h %(minutes)d min") % {"sign": sign, "hours": hours, "minutes": rest}
    if hours:
        return _("%(sign)s%(hours)d h") % {"sign": sign, "hours": hours}
    return _("%(sign)s%(minutes)d min") % {"sign": sign, "minutes": rest}


def _minutes_between(start, end):
    return math.floor((end - start).total_seconds() / 60)


def _local(moment):
    return moment.astimezone(WARSAW)


def _hm(moment):
    return _local(moment).strftime("%H:%M")


@lru_cache(maxsize=32)
def public_holidays(year, language="pl"):
    return dict(holidays.Poland(years=year, language=language))


def blackout_reason(day, blackouts=()):
    """Why ``day`` is closed, or None. ``blackouts`` holds ``(first_day, last_day, reason)`` tuples."""
    language = "pl" if (get_language() or "pl").startswith("pl") else "en_US"
    holiday = public_holidays(day.year, language).get(day)
    if holiday:
        return _("public holiday: %(name)s") % {"name": holiday}
    for first, last, reason in blackouts:
        if first <= day <= last:
            return reason
    return None


def timing_violations(slot):
    local_arrival, local_departure = _local(slot.arrival), _local(slot.departure)
    if slot.departure <= slot.arrival:
        return [Violation("timing", _("The departure must be after the arrival."), (slot.key,))]
    if local_arrival.date() != local_departure.date():
        return [Violation("timing", _("A stop must begin and end on the same day."), (slot.key,))]
    return []


def day_violations(rules, slots):
    """Rules within one day's stops of one vehicle (``slots`` all on the same local day)."""
    slots = sorted(slots, key=lambda s: (s.arrival, s.departure, str(s.key)))
    found = []
    for i, first in enumerate(slots):
        for second in slots[i + 1 :]:
            overlap = _minutes_between(second.arrival, min(first.departure, second.departure))
            if second.arrival < first.departure:
                found.append(
                    Violation(
                        "overlap",
                        _("%(place)s overlaps the stop in %(other)s (%(start)s-%(end)s) by %(overlap)s.")
                        % {
                            "place": second.place,
                            "other": first.place,
                            "start": _hm(first.arrival),
                            "end": _hm(first.departure),
                            "overlap": duration(max(overlap, 1)),
                        },
                        tuple(sorted((str(first.key), str(second.key)))),
                        max(overlap, 1),
                    )
                )
    driving = 0
    for previous, following in itertools.pairwise(slots):
        travel = travel_minutes(rules, previous.lat, previous.lon, following.lat, following.lon)
        driving += travel
        if following.arrival < previous.departure:
            continue  # already reported as an overlap
        needed = rules.packup_minutes + travel + rules.setup_minutes
        available = _minutes_between(previous.departure, following.arrival)
        if available < needed:
            found.append(
                Violation(
                    "gap",
                    _(
                        "Not enough time to get from %(from)s to %(to)s: %(needed)s needed "
                        "(pack-up %(packup)s, drive %(drive)s, set-up %(setup)s), %(available)s available."
                    )
                    % {
                        "from": previous.place,
                        "to": following.place,
                        "needed": duration(needed),
                        "packup": duration(rules.packup_minutes),
                        "drive": duration(travel),
                        "setup": duration(rules.setup_minutes),
                        "available": duration(available),
                    },
                    (str(previous.key), str(following.key)),
                    needed - available,
                )
            )
    if not slots:
        return found
    first, last = slots[0], slots[-1]
    out = travel_minutes(rules, rules.base_lat, rules.base_lon, first.lat, first.lon)
    back = travel_minutes(rules, last.lat, last.lon, rules.base_lat, rules.base_lon)
    driving += out + back
    day = first.day
    leave = first.arrival - datetime.timedelta(minutes=out + rules.setup_minutes)
    come_back = last.departure + datetime.timedelta(minutes=rules.packup_minutes + back)
    day_start = datetime.datetime.combine(day, rules.work_starts, tzinfo=WARSAW)
    day_end = datetime.datetime.combine(day, rules.work_ends, tzinfo=WARSAW)
    if leave < day_start:
        early = _minutes_between(leave, day_start)
        found.append(
            Violation(
                "window",
                _(
                    "The working day starts at %(start)s, but the bus would have to leave %(base)s at "
                    "%(leave)s to reach %(place)s (%(early)s too early)."
                )
                % {
                    "start": rules.work_starts.strftime("%H:%M"),
                    "base": rules.base_name,
                    "leave": _hm(leave),
                    "place": first.place,
                    "early": duration(early),
                },
                ("start", str(day)),
                early,
            )
        )
    if come_back > day_end:
        late = math.ceil((come_back - day_end).total_seconds() / 60)
        found.append(
            Violation(
                "window",
                _(
                    "The working day ends at %(end)s, but the bus would be back in %(base)s from "
                    "%(place)s at %(back)s (%(late)s too late)."
                )
                % {
                    "end": rules.work_ends.strftime("%H:%M"),
                    "base": rules.base_name,
                    "back": _hm(come_back),
                    "place": last.place,
                    "late": duration(late),
                },
                ("end", str(day)),
                late,
            )
        )
    if driving > rules.max_driving_minutes:
        found.append(
            Violation(
                "driving",
                _("Driving on %(day)s would total %(total)s; the limit is %(limit)s (%(over)s over).")
                % {
                    "day": day.strftime("%d.%m.%Y"),
                    "total": duration(driving),
                    "limit": duration(rules.max_driving_minutes),
                    "over": duration(driving - rules.max_driving_minutes),
                },
                ("driving", str(day)),
                driving - rules.max_driving_minutes,
            )
        )
    return found


def schedule_violations(rules, slots, blackouts=()):
    """Every rule broken by a whole schedule of one vehicle."""
    found = []
    days = {}
    for slot in slots:
        timing = timing_violations(slot)
        found.extend(timing)
        if timing:
            continue
        reason = blackout_reason(slot.day, blackouts)
        if reason:
            found.append(
                Violation(
                    "blackout",
                    _("%(day)s is not a working day for the bus (%(reason)s).")
                    % {"day": slot.day.strftime("%d.%m.%Y"), "reason": reason},
                    (str(slot.key),),
                )
            )
        days.setdefault(slot.day, []).append(slot)
    for day_slots in days.values():
        found.extend(day_violations(rules, day_slots))
    return found


def candidate_violations(rules, candidate, others, blackouts=()):
    """What accepting ``candidate`` would break, beside what ``others`` already break (overrides).

    ``others`` are the vehicle's other live stops (the candidate's old version excluded).
    """
    timing = timing_violations(candidate)
    if timing:
        return timing
    same_day = [slot for slot in others if not timing_violations(slot) and slot.day == candidate.day]
    before = {v.identity for v in schedule_violations(rules, same_day, blackouts)}
    after = schedule_violations(rules, [*same_day, candidate], blackouts)
    return [v for v in after if v.identity not in before]


@dataclass(frozen=True)
class Suggestion:
    day: datetime.date
    windows: tuple  # ((first possible arrival, last possible arrival), ...)
    nearby_km: float | None  # distance to the bus's nearest stop that day, if it is within reach
    days_from_preferred: int


def feasible_arrivals(rules, *, day, lat, lon, visit_minutes, others, blackouts=(), step_minutes=15):
    """Arrival times on ``day`` (every ``step_minutes``) at which a visit of ``visit_minutes`` fits."""
    if blackout_reason(day, blackouts):
        return []
    same_day = [slot for slot in others if slot.day == day]
    start = datetime.datetime.combine(day, rules.work_starts, tzinfo=WARSAW)
    end = datetime.datetime.combine(day, rules.work_ends, tzinfo=WARSAW)
    found = []
    moment = start
    while moment + datetime.timedelta(minutes=visit_minutes) <= end:
        candidate = Slot("new", "", lat, lon, moment, moment + datetime.timedelta(minutes=visit_minutes))
        if not candidate_violations(rules, candidate, same_day, blackouts):
            found.append(moment)
        moment += datetime.timedelta(minutes=step_minutes)
    return found


def suggest(
    rules,
    *,
    lat,
    lon,
    preferred,
    visit_minutes,
    others,
    blackouts=(),
    nearby_km=30,
    nearby_bonus_days=3,
    earliest=None,
    horizon_days=42,
    limit=5,
    step_minutes=15,
    closed_weekdays=(),
):
    """The nearest feasible days to the ``preferred`` dates.

    A day when the bus already has a stop within ``nearby_km`` counts as ``nearby_bonus_days`` closer
    to the preferred dates, so such days come first among similar ones. Public holidays and
    blackouts are never suggested, nor days whose ``weekday()`` is in ``closed_weekdays`` (a
    school is closed on Sundays: 6).
    """
    preferred = sorted(preferred)
    earliest = earliest or preferred[0]
    days = {}
    for anchor in preferred:
        for offset in range(-horizon_days, horizon_days + 1):
            day = anchor + datetime.timedelta(days=offset)
            if day >= earliest and day.weekday() not in closed_weekdays:
                days[day] = min(days.get(day, abs(offset)), abs(offset))
    by_day = {}
    for slot in others:
        by_day.setdefault(slot.day, []).append(slot)
    ranked = []
    for day, distance_days in days.items():
        nearest = min((haversine_km(lat, lon, s.lat, s.lon) for s in by_day.get(day, ())), default=None)
        nearby = nearest if nearest is not None and nearest <= nearby_km else None
        score = distance_days - (nearby_bonus_days if nearby is not None else 0)
        ranked.append((score, distance_days, day, nearby))
    ranked.sort(key=lambda item: item[:3])
    suggestions = []
    for _score, distance_days, day, nearby in ranked:
        arrivals = feasible_arrivals(
            rules,
            day=day,
            lat=lat,
            lon=lon,
            visit_minutes=visit_minutes,
            others=by_day.get(day, ()),
            blackouts=blackouts,
            step_minutes=step_minutes,
        )
        if arrivals:
            suggestions.append(Suggestion(day, _windows(arrivals, step_minutes), nearby, distance_days))
            if len(suggestions) >= limit:
                break
    return suggestions


def _windows(arrivals, step_minutes):
    """Runs of consecutive arrival times as (first, last) pairs."""
    windows = []
    for moment in arrivals:
        if windows and moment - windows[-1][1] == datetime.timedelta(minutes=step_minutes):
            windows[-1][1] = moment
        else:
            windows.append([moment, moment])
    return tuple((first, last) for first, last in windows)


@dataclass(frozen=True)
class Block:
    """A piece of a vehicle's day for the staff schedule: driving, set-up, a stop or pack-up."""

    kind: str  # "drive", "setup", "stop", "packup"
    start: datetime.datetime
    end: datetime.datetime
    key: object = None
    origin: str = ""
    destination: str = ""

    @property
    def minutes(self):
        return _minutes_between(self.start, self.end)


def day_blocks(rules, slots):
    """The day of one vehicle in route order: leave the base, set up, stop, pack up, drive on, back."""
    slots = sorted(slots, key=lambda s: (s.arrival, str(s.key)))
    blocks = []
    previous_place, previous_point, free_from = rules.base_name, (rules.base_lat, rules.base_lon), None
    for slot in slots:
        drive = travel_minutes(rules, *previous_point, slot.lat, slot.lon)
        setup_start = slot.arrival - datetime.timedelta(minutes=rules.setup_minutes)
        drive_start = setup_start - datetime.timedelta(minutes=drive)
        if free_from is not None and drive_start < free_from:
            drive_start = free_from  # not enough time: the schedule shows the clash as it is
        blocks.append(
            Block(
                "drive",
                drive_start,
                drive_start + datetime.timedelta(minutes=drive),
                None,
                previous_place,
                slot.place,
            )
        )
        blocks.append(Block("setup", setup_start, slot.arrival, slot.key))
        blocks.append(Block("stop", slot.arrival, slot.departure, slot.key, destination=slot.place))
        packed = slot.departure + datetime.timedelta(minutes=rules.packup_minutes)
        blocks.append(Block("packup", slot.departure, packed, slot.key))
        previous_place, previous_point, free_from = slot.place, (slot.lat, slot.lon), packed
    if slots:
        drive = travel_minutes(rules, *previous_point, rules.base_lat, rules.base_lon)
        blocks.append(
            Block(
                "drive",
                free_from,
                free_from + datetime.timedelta(minutes=drive),
                None,
                previous_place,
                rules.base_name,
            )
        )
    return blocks
