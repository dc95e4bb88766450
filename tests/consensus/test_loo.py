"""The leave-one-out of all jurors at once (consensus.loo) decides exactly what
the exact path decides jury by jury: the same ranks and the same funded pitches.

The sessions are small and tie-heavy (few grades, recusals, fractional weights,
thresholds, pots, a cap, awards and reserves, logged tie decisions, requests of
a few amounts and budgets that fall inside ties), so that ties at the funding
line, ties whose order matters and ties whose order does not are all common.
The reference is the exact path (``_decide(..., fast=False)``: exact
``Fraction`` keys, the funding pass over every block) on
``aggregate_without`` for each juror.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import (
    CriterionIn,
    PitchIn,
    PotIn,
    RankingInput,
    TieDecision,
    fundpass,
    loo,
)
from pitchroom.domain.consensus.prepare import aggregate, aggregate_without, prepare
from pitchroom.domain.consensus.ranking import _decide, rank_prepared

DECISIONS = [None, None, None, None, None, None, "award", "reserve", "reject"]
STAGES = ["pitch"] * 8 + ["preselected", "rejected"]


@st.composite
def sessions(draw: st.DrawFn) -> RankingInput:
    n = draw(st.integers(2, 12))
    m = draw(st.integers(2, 7))
    c = draw(st.integers(1, 3))
    step = draw(st.sampled_from([F(1), F(1, 2)]))
    grades = [1 + step * k for k in range(draw(st.integers(2, 4)))]
    weights = draw(
        st.lists(st.sampled_from([F(1), F(2), F(1, 2), F(2, 3)]), min_size=c, max_size=c)
    )
    thresholds = draw(
        st.lists(st.one_of(st.none(), st.sampled_from(grades)), min_size=c, max_size=c)
    )
    if draw(st.booleans()):
        thresholds = [None] * c
    crit = tuple(
        CriterionIn(f"c{i}", w, t) for i, (w, t) in enumerate(zip(weights, thresholds, strict=True))
    )
    amounts = [F(10), F(20), F(30), F(25, 2)]
    pitches = []
    for i in range(n):
        decision = draw(st.sampled_from(DECISIONS))
        stage = draw(st.sampled_from(STAGES))
        pitches.append(
            PitchIn(
                f"p{i}",
                f"P{i}",
                draw(st.sampled_from(amounts)),
                withdrawn=draw(st.integers(0, 9)) == 0,
                decision=decision,
                granted=draw(st.sampled_from([None, F(5), F(15, 2)])) if decision else None,
                stage=stage,
            )
        )
    keys = [p.key for p in pitches]
    jurors = tuple(f"j{k}" for k in range(m))
    cells = [(p.key, j, cr.key) for p in pitches for j in jurors for cr in crit]
    values = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(grades), st.sampled_from(grades)),
            min_size=len(cells),
            max_size=len(cells),
        )
    )
    scores = {cell: v for cell, v in zip(cells, values, strict=True) if v is not None}
    recused = draw(st.frozensets(st.sampled_from([(k, j) for k in keys for j in jurors])))
    pots: tuple[PotIn, ...] = ()
    if draw(st.booleans()):
        pots = (
            PotIn("small", draw(st.sampled_from([F(20), F(25), F(45, 2)])), max_requested=F(15)),
            PotIn("large", draw(st.sampled_from([F(30), F(50), F(60)])), min_requested=F(16)),
        )
    ties = ()
    if draw(st.booleans()):
        ties = (TieDecision(tuple(draw(st.permutations(keys)))),)
    return RankingInput(
        criteria=crit,
        pitches=tuple(pitches),
        jurors=jurors,
        scores=scores,
        ineligible=frozenset(recused) if len(recused) < n * m // 3 else frozenset(),
        scale_min=F(1),
        scale_max=grades[-1],
        scale_step=step,
        quorum=draw(st.sampled_from([None, 1, 2])),
        budget=draw(st.sampled_from([None, F(30), F(45), F(50), F(125, 2)])),
        max_funded=draw(st.sampled_from([None, None, 1, 2, 3])),
        funding_rule=draw(st.sampled_from(["skip", "strict"])),
        pots=pots,
        tie_decisions=ties,
    )


def _exact(inp: RankingInput, method: str) -> tuple[np.ndarray, np.ndarray, frozenset[int]]:
    """Per jury the ranks and funded pitches of the exact path, and the ranked set."""
    prep = prepare(inp)
    agg = aggregate(prep)
    base = rank_prepared(prep, agg, method)
    keep = frozenset(prep.pidx[r.pitch] for r in base.rows if r.rank is not None)
    ranks = np.zeros((prep.m, prep.n), dtype=np.int64)
    funded = np.zeros((prep.m, prep.n), dtype=bool)
    for j in range(prep.m):
        w = loo.without_juror(j, prep.m)
        d = _decide(prep, aggregate_without(prep, agg, j), method, {}, w, keep, fast=False)
        for i, r in d.ranks.items():
            ranks[j, i] = r
        for i, s in enumerate(d.status):
            funded[j, i] = s == "funded"
    return ranks, funded, keep


def _same(inp: RankingInput, method: str) -> None:
    ranks, funded, keep = _exact(inp, method)
    prep = prepare(inp)
    got = loo.leave_one_out(prep, aggregate(prep), method, {}, keep)
    assert got.ranks.tolist() == ranks.tolist()
    assert got.funded.tolist() == funded.tolist()


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(sessions())
def test_mean_leave_one_out_is_exact(inp: RankingInput) -> None:
    _same(inp, "mean")


@SETTINGS
@given(sessions())
def test_trimmed_leave_one_out_is_exact(inp: RankingInput) -> None:
    _same(inp, "trimmed")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.sampled_from(["median", "majority", "borda"]))
def test_other_methods_take_the_exact_path(inp: RankingInput, method: str) -> None:
    _same(inp, method)


def test_a_tie_whose_order_decides_is_broken() -> None:
    """Budget 30, two pitches tied on the mean asking 20 each: only one fits, so
    the tie-break (here the first criterion) decides which, in every jury."""
    crit = (CriterionIn("a", F(1)), CriterionIn("b", F(1)))
    pitches = tuple(PitchIn(k, k, F(20)) for k in ("x", "y"))
    jurors = ("j0", "j1", "j2")
    values = {"x": (6, 4), "y": (4, 6)}
    scores = {
        (p, j, c): F(values[p][k]) for p in values for j in jurors for k, c in enumerate("ab")
    }
    inp = RankingInput(crit, pitches, jurors, scores, budget=F(30))
    ranks, funded, keep = _exact(inp, "mean")
    prep = prepare(inp)
    got = loo.leave_one_out(prep, aggregate(prep), "mean", {}, keep)
    assert got.ranks.tolist() == ranks.tolist() == [[1, 1]] * 3
    assert got.funded.tolist() == funded.tolist() == [[True, False]] * 3


def test_the_plan_scales_every_amount_to_integers() -> None:
    pitches = (PitchIn("a", "A", F(5, 2)), PitchIn("b", "B", F(7, 3), decision="award"))
    inp = RankingInput((CriterionIn("c", F(1)),), pitches, ("j",), {}, budget=F(11, 4))
    plan = fundpass.plan_of(inp)
    assert plan.scale == 12
    assert plan.units == [30, 28]
    assert plan.left == {None: 33}
    assert plan.awards == {1: F(7, 3)} and plan.open == [True, False]
    assert fundpass.plan_of(inp) is plan
