"""A juror's total: one rule for a half-filled row, wherever it is shown or used."""

from __future__ import annotations

from fractions import Fraction as F

from pitchroom.domain.totals import TotalRule, juror_total

WEIGHTS = {"feasibility": 2, "impact": 1}


def test_a_full_row_is_the_weighted_mean_and_counts() -> None:
    total = juror_total(WEIGHTS, {"feasibility": F(8), "impact": F(5)})
    assert total.value == F(21, 3) and total.complete and total.counted == 7


def test_a_half_filled_row_has_a_mean_that_does_not_count() -> None:
    total = juror_total(WEIGHTS, {"impact": F(5)})
    assert total.value == 5 and not total.complete and total.counted is None


def test_an_empty_row_has_no_total() -> None:
    total = juror_total(WEIGHTS, {})
    assert total.value is None and not total.complete and total.counted is None


def test_unknown_criteria_weigh_nothing_and_halves_stay_exact() -> None:
    rule = TotalRule({"a": F(3, 2), "b": 1})
    total = rule.total({"a": F(15, 2), "b": F(6), "gone": F(1)})
    assert total.value == (F(3, 2) * F(15, 2) + 6) / F(5, 2) and total.complete


def test_the_engine_totals_follow_the_same_rule() -> None:
    from pitchroom.domain.consensus.prepare import aggregate, prepare
    from tests.consensus.helpers import multi

    inp = multi(
        {"p": [[8, 5], [7, None], [None, None]], "q": [[6, 9], [3, 4], [10, 10]]},
        weights=[2, F(1, 2)],
    )
    prep = prepare(inp)
    agg = aggregate(prep)
    rule = TotalRule({c.key: c.weight for c in inp.criteria})
    for i, pitch in enumerate(prep.pitch_keys):
        for j, juror in enumerate(prep.juror_keys):
            row = {c: v for (p, jj, c), v in inp.scores.items() if p == pitch and jj == juror}
            counted = rule.total(row).counted
            assert bool(agg.complete[i, j]) == (counted is not None)
            if counted is not None:
                assert prep.exact(int(agg.totals[i, j]), prep.wsum) == counted
