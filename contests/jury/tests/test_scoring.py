from decimal import Decimal as D

import pytest

from contests.jury import scoring
from contests.jury.scoring import CriterionSpec, round2

CRITERIA = [
    CriterionSpec("idea", weight=D(2), scale_min=D(0), scale_max=D(10)),
    CriterionSpec("craft", weight=D(1), scale_min=D(1), scale_max=D(5)),
    CriterionSpec("bonus", weight=D(1), scale_min=D(0), scale_max=D(10), required=False),
]


def test_weighted_total_places_each_value_on_its_scale_and_weights_it():
    # idea 8/10 → 0.8 * 2, craft 4 on 1-5 → 0.75 * 1: 2.35 / 3 * 100
    assert round2(scoring.weighted_total(CRITERIA, {"idea": 8, "craft": 4})) == D("78.33")


def test_weighted_total_counts_an_optional_criterion_only_when_given():
    assert scoring.weighted_total(CRITERIA, {"idea": 8, "craft": 4, "bonus": 5}) == D("71.25")


def test_weighted_total_refuses_a_missing_required_criterion():
    with pytest.raises(scoring.IncompleteScore):
        scoring.weighted_total(CRITERIA, {"idea": 8})


def test_weighted_total_refuses_a_value_off_the_scale():
    with pytest.raises(ValueError):
        scoring.weighted_total(CRITERIA, {"idea": 11, "craft": 4})


def test_full_marks_make_one_hundred_and_minimum_marks_zero():
    assert scoring.weighted_total(CRITERIA, {"idea": 10, "craft": 5}) == D(100)
    assert scoring.weighted_total(CRITERIA, {"idea": 0, "craft": 1}) == D(0)


def test_mean_median_and_trimmed_mean_on_fixed_totals():
    totals = [70, 80, 90, 100, 10]
    assert scoring.aggregate(totals, scoring.MEAN) == D(70)
    assert scoring.aggregate(totals, scoring.MEDIAN) == D(80)
    # trimmed: 10 and 100 dropped → mean of 70, 80, 90
    assert scoring.aggregate(totals, scoring.TRIMMED) == D(80)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert scoring.median([60, 95, 70, 80]) == D(75)


def test_trimmed_mean_of_two_totals_drops_nothing():
    assert scoring.trimmed_mean([60, 70]) == D(65)


def test_unknown_aggregation_is_an_error():
    with pytest.raises(ValueError):
        scoring.aggregate([1], "mode")


def harsh_and_lenient():
    return {
        "anna": {"e1": 90, "e2": 70},  # mean 80, sd 10
        "bartek": {"e1": 60, "e2": 100},  # mean 80, sd 20
        "celina": {"e1": 80},  # a single score
    }


def test_normalisation_maps_z_scores_onto_the_round_mean_and_spread():
    # every total: 90 70 60 100 80 → M = 80, S = √200 = 14.1421…
    normalised = scoring.normalise_per_juror(harsh_and_lenient())
    assert {k: round2(v) for k, v in normalised["anna"].items()} == {"e1": D("94.14"), "e2": D("65.86")}
    assert {k: round2(v) for k, v in normalised["bartek"].items()} == {"e1": D("65.86"), "e2": D("94.14")}


def test_a_juror_with_one_score_or_no_spread_gets_the_round_mean():
    totals = harsh_and_lenient() | {"dorota": {"e1": 50, "e2": 50}}
    normalised = scoring.normalise_per_juror(totals)
    # totals 90 70 60 100 80 50 50 → M = 500 / 7
    round_mean = D(500) / 7
    assert normalised["celina"] == {"e1": round_mean}
    assert normalised["dorota"] == {"e1": round_mean, "e2": round_mean}


def test_normalisation_changes_the_outcome_of_a_harsh_and_a_lenient_juror():
    raw = scoring.results_per_entry(harsh_and_lenient(), scoring.MEAN)
    assert {k: round2(v) for k, v in raw.items()} == {"e1": D("76.67"), "e2": D("85.00")}
    fair = scoring.results_per_entry(harsh_and_lenient(), scoring.MEAN, normalise=True)
    # e1: (80+√200) + (80-√200) + 80 over 3; e2: (80-√200) + (80+√200) over 2
    assert {k: round2(v) for k, v in fair.items()} == {"e1": D("80.00"), "e2": D("80.00")}


def test_normalising_a_round_where_every_total_is_equal_keeps_them():
    normalised = scoring.normalise_per_juror({"a": {"e1": 70, "e2": 70}, "b": {"e1": 70}})
    assert normalised == {"a": {"e1": D(70), "e2": D(70)}, "b": {"e1": D(70)}}


def test_ranking_shares_a_rank_between_equal_totals_and_skips_the_next():
    ranked = scoring.rank({"a": D(80), "b": D(90), "c": D(80), "d": D(70), "e": D("80.004")})
    assert [(r.key, r.rank, r.tied) for r in ranked] == [
        ("b", 1, False),
        ("a", 2, True),
        ("c", 2, True),
        ("e", 2, True),
        ("d", 5, False),
    ]


COMPONENTS = {
    "jury": {"a": D(80), "b": D(60), "c": D(40)},
    "public": {"a": 10, "b": 50, "c": 0},
    "external": {"a": 3, "b": 1, "c": 6},
}
WEIGHTS = {"jury": 50, "public": 30, "external": 20}


def test_composite_raw_scales_each_component_to_its_best_entry():
    # jury 100/75/50, public 20/100/0, external 50/16.67/100
    result = scoring.composite(COMPONENTS, WEIGHTS, scoring.RAW)
    assert {k: round2(v) for k, v in result.items()} == {"a": D("66.00"), "b": D("70.83"), "c": D("45.00")}


def test_composite_points_gives_n_minus_rank_plus_one_per_component():
    # points: jury 3/2/1, public 2/3/1, external 2/1/3
    result = scoring.composite(COMPONENTS, WEIGHTS, scoring.POINTS)
    assert result == {"a": D("2.5"), "b": D("2.1"), "c": D("1.4")}


def test_composite_points_share_points_between_tied_entries():
    result = scoring.composite({"public": {"a": 10, "b": 10, "c": 0}}, {"public": 1}, scoring.POINTS)
    assert result == {"a": D(3), "b": D(3), "c": D(1)}


def test_composite_counts_an_entry_missing_from_a_component_as_zero():
    result = scoring.composite({"jury": {"a": 50, "b": 100}, "public": {"b": 4}}, {"jury": 1, "public": 1})
    assert result == {"a": D(25), "b": D(100)}


def test_composite_refuses_all_zero_weights():
    with pytest.raises(ValueError):
        scoring.composite(COMPONENTS, {"jury": 0})


def test_pass_fail_needs_a_majority():
    assert scoring.passed([True, True, False]) is True
    assert scoring.passed([True, False]) is False
    assert scoring.passed([]) is False
