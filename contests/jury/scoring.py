"""The jury's arithmetic: pure functions on plain values, no database.

Every figure is a ``Decimal``; nothing is rounded until :func:`round2` (or the caller) rounds for
display, so repeated runs give identical, exact results.

Rules, as staff see them in the results view:

* **Weighted total of one juror for one entry** (:func:`weighted_total`): each criterion's value is
  placed on its scale (``(value - scale_min) / (scale_max - scale_min)``, 0 … 1), the criteria are
  averaged with their weights, and the result is multiplied by 100. A total is therefore 0 … 100
  whatever the scales. A required criterion without a value makes the sheet incomplete
  (:class:`IncompleteScore`); an optional criterion left empty is left out of the average (its weight
  does not count).
* **Aggregation per entry** (:func:`aggregate`): ``mean``; ``median`` (an even count takes the mean
  of the two middle values); ``trimmed`` mean: with three or more totals the single highest and
  the single lowest are dropped and the rest averaged (the "olympic" rule); with one or two totals
  nothing is dropped.
* **Per-juror normalisation** (:func:`normalise_per_juror`): each juror's totals are turned into
  z-scores across the entries that juror scored (population standard deviation), then mapped back
  to the round's scale as ``M + S · z``, where ``M`` and ``S`` are the mean and population standard
  deviation of every total in the round. A juror with a single total, or whose totals are all equal,
  expresses no preference between entries: z = 0, so each of their totals becomes ``M``. When all
  totals in the round are equal (``S`` = 0) every normalised total is ``M``.
* **Ranking** (:func:`rank`): highest first; totals equal after rounding to two decimal places
  share a rank and the next rank is skipped (1, 2, 2, 4 — "competition ranking").
* **Composite final score** (:func:`composite`): a weighted mix of the jury's result, the public
  vote and an external figure (e.g. an activity ranking). ``raw`` mode: each component is scaled so
  its best entry gets 100 and the others are in proportion (``value / max · 100``; a component that
  is zero everywhere gives 0). ``points`` mode: each component is ranked as above and, with N
  entries, rank r earns ``N - r + 1`` points (first N, last 1; tied entries share the points of
  their common rank). The composite is the weighted mean of the components. An entry absent from a
  component counts as 0 there.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MEAN = "mean"
MEDIAN = "median"
TRIMMED = "trimmed"
METHODS = (MEAN, MEDIAN, TRIMMED)

RAW = "raw"
POINTS = "points"

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)


class IncompleteScore(ValueError):
    """A required criterion has no value."""


def to_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


def round2(value) -> Decimal:
    """Round half up to two decimal places (how every figure is shown and exported)."""
    return to_decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CriterionSpec:
    key: Hashable
    weight: Decimal = Decimal(1)
    scale_min: Decimal = Decimal(0)
    scale_max: Decimal = Decimal(10)
    required: bool = True

    def position(self, value) -> Decimal:
        """The value's place on the scale, 0 … 1; a value off the scale is an error."""
        value, low, high = to_decimal(value), to_decimal(self.scale_min), to_decimal(self.scale_max)
        if high <= low:
            raise ValueError(f"criterion {self.key!r}: scale maximum must exceed its minimum")
        if not low <= value <= high:
            raise ValueError(f"criterion {self.key!r}: {value} is outside {low}-{high}")
        return (value - low) / (high - low)


def weighted_total(criteria: Iterable[CriterionSpec], values: Mapping) -> Decimal:
    """One juror's total for one entry, 0 … 100 (see the module's rules)."""
    weighted = Decimal(0)
    weights = Decimal(0)
    for criterion in criteria:
        value = values.get(criterion.key)
        if value is None:
            if criterion.required:
                raise IncompleteScore(criterion.key)
            continue
        weight = to_decimal(criterion.weight)
        weighted += weight * criterion.position(value)
        weights += weight
    if weights == 0:
        raise IncompleteScore("no weighted criterion has a value")
    return weighted / weights * HUNDRED


def mean(values: Iterable) -> Decimal:
    values = [to_decimal(v) for v in values]
    if not values:
        raise ValueError("mean of no values")
    return sum(values, Decimal(0)) / len(values)


def median(values: Iterable) -> Decimal:
    values = sorted(to_decimal(v) for v in values)
    if not values:
        raise ValueError("median of no values")
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def trimmed_mean(values: Iterable) -> Decimal:
    """Drop the single highest and lowest value when there are three or more, then average."""
    values = sorted(to_decimal(v) for v in values)
    if len(values) >= 3:
        values = values[1:-1]
    return mean(values)


AGGREGATORS = {MEAN: mean, MEDIAN: median, TRIMMED: trimmed_mean}


def aggregate(values: Iterable, method: str = MEAN) -> Decimal:
    try:
        return AGGREGATORS[method](values)
    except KeyError:
        raise ValueError(f"unknown aggregation method {method!r}") from None


def _population_sd(values: list[Decimal], centre: Decimal) -> Decimal:
    return (sum(((v - centre) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


def normalise_per_juror(totals: Mapping[Hashable, Mapping[Hashable, object]]) -> dict:
    """``{juror: {entry: total}}`` → the same shape with z-score normalised totals (module rules)."""
    every = [to_decimal(v) for by_entry in totals.values() for v in by_entry.values()]
    if not every:
        return {}
    round_mean = mean(every)
    round_sd = _population_sd(every, round_mean)
    result = {}
    for juror, by_entry in totals.items():
        values = {entry: to_decimal(v) for entry, v in by_entry.items()}
        if not values:
            continue
        juror_mean = mean(values.values())
        juror_sd = _population_sd(list(values.values()), juror_mean)
        result[juror] = {
            entry: round_mean + round_sd * ((value - juror_mean) / juror_sd if juror_sd else Decimal(0))
            for entry, value in values.items()
        }
    return result


def results_per_entry(totals: Mapping, method: str = MEAN, normalise: bool = False) -> dict:
    """``{juror: {entry: total}}`` → ``{entry: aggregated score}``."""
    if normalise:
        totals = normalise_per_juror(totals)
    by_entry: dict = {}
    for by_juror_entry in totals.values():
        for entry, value in by_juror_entry.items():
            by_entry.setdefault(entry, []).append(value)
    return {entry: aggregate(values, method) for entry, values in by_entry.items()}


@dataclass(frozen=True)
class Ranked:
    key: Hashable
    score: Decimal
    rank: int
    tied: bool


def rank(scores: Mapping) -> list[Ranked]:
    """Highest first; equal scores (to two decimal places) share a rank: 1, 2, 2, 4."""
    ordered = sorted(scores.items(), key=lambda item: round2(item[1]), reverse=True)
    counts: dict = {}
    for _key, score in ordered:
        counts[round2(score)] = counts.get(round2(score), 0) + 1
    result = []
    previous, previous_rank = None, 0
    for position, (key, score) in enumerate(ordered, start=1):
        shown = round2(score)
        current_rank = previous_rank if shown == previous else position
        result.append(Ranked(key, to_decimal(score), current_rank, counts[shown] > 1))
        previous, previous_rank = shown, current_rank
    return result


def _scaled_to_best(values: Mapping, keys) -> dict:
    values = {key: to_decimal(values.get(key, 0)) for key in keys}
    if any(v < 0 for v in values.values()):
        raise ValueError("composite components must not be negative")
    best = max(values.values(), default=Decimal(0))
    return {key: (v / best * HUNDRED if best else Decimal(0)) for key, v in values.items()}


def _rank_points(values: Mapping, keys) -> dict:
    keys = list(keys)
    ranked = rank({key: to_decimal(values.get(key, 0)) for key in keys})
    return {row.key: Decimal(len(keys) - row.rank + 1) for row in ranked}


def composite(components: Mapping[str, Mapping], weights: Mapping[str, object], mode: str = RAW) -> dict:
    """``components`` = ``{"jury": {entry: score}, "public": {...}, "external": {...}}``.

    Returns ``{entry: composite score}`` over every entry that appears in any component.
    """
    if mode not in (RAW, POINTS):
        raise ValueError(f"unknown composite mode {mode!r}")
    weights = {name: to_decimal(w) for name, w in weights.items() if to_decimal(w)}
    if not weights or any(w < 0 for w in weights.values()):
        raise ValueError("composite weights must be non-negative and not all zero")
    keys = []
    for values in components.values():
        for key in values:
            if key not in keys:
                keys.append(key)
    transform = _scaled_to_best if mode == RAW else _rank_points
    scaled = {name: transform(components.get(name, {}), keys) for name in weights}
    total_weight = sum(weights.values(), Decimal(0))
    return {
        key: sum((weights[name] * scaled[name][key] for name in weights), Decimal(0)) / total_weight
        for key in keys
    }


def passed(votes: Iterable[bool]) -> bool:
    """Pass/fail round: an entry passes when more than half of its jurors say "pass"."""
    votes = list(votes)
    return bool(votes) and sum(1 for v in votes if v) * 2 > len(votes)
