"""The leave-one-out's funding pass stops where nothing further down can be funded.

Without pots, once the cap is reached or less money is left than the cheapest
request still to come, the juries' passes stop (:func:`loo._cheapest_after`).
Checked against the exact path jury by jury (``test_loo._exact``) on sessions
made for it: no pots, many pitches of a few requests, budgets that an exact
fit further down reaches, the cap, the skip and strict rules, ties.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput, loo
from pitchroom.domain.consensus.fundpass import plan_of
from pitchroom.domain.consensus.prepare import aggregate, prepare
from tests.consensus.test_loo import _exact


def _same(inp: RankingInput) -> None:
    ranks, funded, keep = _exact(inp, "mean")
    prep = prepare(inp)
    got = loo.leave_one_out(prep, aggregate(prep), "mean", {}, keep)
    assert got.ranks.tolist() == ranks.tolist()
    assert got.funded.tolist() == funded.tolist()


@st.composite
def budgets(draw: st.DrawFn) -> RankingInput:
    n = draw(st.integers(2, 14))
    m = draw(st.integers(2, 5))
    crit = (CriterionIn("a", F(1)), CriterionIn("b", F(2)))
    amounts = draw(
        st.lists(st.sampled_from([F(5), F(10), F(20), F(25, 2)]), min_size=n, max_size=n)
    )
    pitches = tuple(
        PitchIn(f"p{i}", f"P{i}", a, decision="award" if draw(st.integers(0, 9)) == 0 else None)
        for i, a in enumerate(amounts)
    )
    jurors = tuple(f"j{k}" for k in range(m))
    scores = {
        (p.key, j, c.key): F(draw(st.integers(1, 4))) for p in pitches for j in jurors for c in crit
    }
    return RankingInput(
        criteria=crit,
        pitches=pitches,
        jurors=jurors,
        scores=scores,
        budget=draw(st.sampled_from([F(10), F(25), F(30), F(35), F(45, 2), F(60)])),
        max_funded=draw(st.sampled_from([None, None, 1, 2, 4])),
        funding_rule=draw(st.sampled_from(["skip", "skip", "strict"])),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budgets())
def test_a_stopped_pass_funds_what_the_whole_pass_funds(inp: RankingInput) -> None:
    _same(inp)


def _ranked(vals: dict[str, int], asks: dict[str, F], **kw: object) -> RankingInput:
    """One criterion, three jurors agreeing: pitch p's mean is vals[p] in every jury."""
    crit = (CriterionIn("a", F(1)),)
    pitches = tuple(PitchIn(k, k, asks[k]) for k in vals)
    jurors = ("j0", "j1", "j2")
    scores = {(p, j, "a"): F(vals[p]) for p in vals for j in jurors}
    return RankingInput(crit, pitches, jurors, scores, **kw)  # type: ignore[arg-type]


def test_money_left_that_the_last_request_fits_exactly() -> None:
    """30 to spend on 20, 20, 10 in that order: the second does not fit, the
    third takes the 10 left (a pass stopped at "left <= cheapest" misses it)."""
    inp = _ranked({"x": 6, "y": 5, "z": 4}, {"x": F(20), "y": F(20), "z": F(10)}, budget=F(30))
    _same(inp)
    prep = prepare(inp)
    _, _, keep = _exact(inp, "mean")
    got = loo.leave_one_out(prep, aggregate(prep), "mean", {}, keep)
    assert got.funded.tolist() == [[True, False, True]] * 3


def test_the_cheapest_request_to_come_skips_the_non_candidates() -> None:
    """The smallest request still to come counts candidates only: a pitch that
    is none (given by hand) asking 5 does not lower it."""
    inp = _ranked(
        {"x": 6, "y": 5, "w": 4, "z": 3},
        {"x": F(20), "y": F(20), "w": F(5), "z": F(10)},
        budget=F(30),
    )
    _same(inp)
    plan = plan_of(inp)
    order = np.array([[0, 1, 2, 3]])
    candidate = np.array([[True, True, False, True]])
    after = loo._cheapest_after(plan, order, candidate)
    assert after is not None
    assert after.tolist() == [[plan.units[3]] * 4]


def test_pots_and_no_budget_never_stop_early() -> None:
    inp = _ranked({"x": 6, "y": 5}, {"x": F(20), "y": F(20)})
    order, candidate = np.array([[0, 1]]), np.ones((1, 2), dtype=bool)
    assert loo._cheapest_after(plan_of(inp), order, candidate) is None
