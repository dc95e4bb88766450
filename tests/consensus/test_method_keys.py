"""The method switch's array keys (consensus.methodkeys: median, majority,
zscore, borda, schulze) decide exactly what the exact path decides: the same
ranks, blocks (tie-breaks by criteria and head to head), thresholds, statuses
and funding.

The sessions are those of test_fastkeys (tie-heavy, juror weights 0-2 as in
leave-one-out and the bootstrap) and of test_loo (thresholds, pots, a cap,
awards, reserves, logged tie decisions, strict rule), and some with large
scale steps (majority gauges below the scale's lowest grade in units) and
many equal gauges. The reference is ``_decide(..., fast=False)``: the exact
``Fraction`` scores of :func:`methods.score_method`.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput, fastkeys, methodkeys
from pitchroom.domain.consensus.prepare import aggregate, aggregate_without, prepare
from pitchroom.domain.consensus.ranking import _decide

from .helpers import multi
from .test_fastkeys import tie_heavy
from .test_loo import sessions

METHODS = ["median", "majority", "zscore", "borda", "schulze"]


@st.composite
def wide_steps(draw: st.DrawFn) -> tuple[RankingInput, np.ndarray]:
    """Few grades on a scale with a large step (or a small one), criteria of
    weights 1-3 and juror counts that make equal gauges common."""
    n = draw(st.integers(2, 16))
    m = draw(st.integers(1, 6))
    c = draw(st.integers(1, 3))
    step = draw(st.sampled_from([F(1), F(2), F(5), F(1, 4), F(5, 2)]))
    low = draw(st.sampled_from([F(0), F(1), F(-3)]))
    grades = [low + step * k for k in range(draw(st.integers(2, 5)))]
    weights = draw(st.lists(st.sampled_from([F(1), F(2), F(3)]), min_size=c, max_size=c))
    thresholds = [None] * c
    if draw(st.booleans()):
        thresholds = draw(
            st.lists(st.one_of(st.none(), st.sampled_from(grades)), min_size=c, max_size=c)
        )
    crit = tuple(
        CriterionIn(f"c{i}", w, t) for i, (w, t) in enumerate(zip(weights, thresholds, strict=True))
    )
    pitches = tuple(
        PitchIn(f"p{i}", f"P{i}", draw(st.sampled_from([F(10), F(20), F(30)]))) for i in range(n)
    )
    jurors = tuple(f"j{k}" for k in range(m))
    cells = [(p.key, j, cr.key) for p in pitches for j in jurors for cr in crit]
    values = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(grades[:2]), st.sampled_from(grades)),
            min_size=len(cells),
            max_size=len(cells),
        )
    )
    scores = {cell: v for cell, v in zip(cells, values, strict=True) if v is not None}
    inp = RankingInput(
        criteria=crit,
        pitches=pitches,
        jurors=jurors,
        scores=scores,
        scale_min=low,
        scale_max=grades[-1],
        scale_step=step,
        quorum=draw(st.sampled_from([None, 1])),
        budget=draw(st.sampled_from([None, F(40), F(60)])),
        max_funded=draw(st.sampled_from([None, 2, 3])),
    )
    w = np.array(draw(st.lists(st.integers(0, 3), min_size=m, max_size=m)), dtype=np.int64)
    return inp, w


def _same(prep_inp: RankingInput, weights: np.ndarray | None, method: str) -> None:
    prep = prepare(prep_inp)
    agg = aggregate(prep, weights)
    runs = [(agg, weights)]
    if prep.m > 1:  # a leave-one-out jury as well
        runs.append((aggregate_without(prep, agg, 0), weights))
    for a, w in runs:
        fast = _decide(prep, a, method, {}, w, fast=True)
        exact = _decide(prep, a, method, {}, w, fast=False)
        assert fast.ranks == exact.ranks
        assert fast.blocks == exact.blocks
        assert fast.met == exact.met
        assert fast.status == exact.status
        assert fast.funding == exact.funding
        # The values that break ties and meet thresholds, pitch by pitch.
        for i in range(prep.n):
            assert fast.ms.crit[i] == exact.ms.crit[i]
            assert fast.ms.thresh[i] == exact.ms.thresh[i]


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=tie_heavy())
def test_tie_heavy(method: str, case: tuple[RankingInput, np.ndarray]) -> None:
    inp, w = case
    _same(inp, None, method)
    _same(inp, w, method)


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inp=sessions())
def test_funding_sessions(method: str, inp: RankingInput) -> None:
    _same(inp, None, method)


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=wide_steps())
def test_wide_steps(method: str, case: tuple[RankingInput, np.ndarray]) -> None:
    inp, w = case
    _same(inp, None, method)
    _same(inp, w, method)


def test_the_array_path_is_taken() -> None:
    """The comparison above would pass trivially if the fast path fell back to
    the exact one: on an ordinary session it does not."""
    scores = {(f"p{i}", f"j{j}", "c"): F(1 + (i * j) % 4) for i in range(6) for j in range(5)}
    inp = RankingInput(
        criteria=(CriterionIn("c", F(1)),),
        pitches=tuple(PitchIn(f"p{i}", f"P{i}", F(10)) for i in range(6)),
        jurors=tuple(f"j{j}" for j in range(5)),
        scores=scores,
        scale_min=F(1),
        scale_max=F(4),
    )
    prep = prepare(inp)
    agg = aggregate(prep)
    ranked = list(range(prep.n))
    for method in METHODS:
        assert methodkeys.usable(prep, method)
        got = methodkeys.decide_scores(prep, agg, method, {}, None, ranked)
        assert got is not None
        assert isinstance(got[0].crit, fastkeys.CritColumn)


def test_equal_medians_with_unequal_floats_share_a_rank() -> None:
    """Two pitches with the same exact median key, (0.1 + 0.2) / 2 against
    (0.3 + 0) / 2 in units, whose floats differ in the last bit and whose
    criteria's denominators differ (so no integer pair decides it): the exact
    check at near-ties gives them one rank."""
    g1, g2 = F(1), F(2)
    a = [[g1, g1]] * 5 + [[g2, g2], [None, g2], [None, None]]
    b = [[g1, g1]] * 3 + [[g1, None]] * 2 + [[g2, None]] * 3
    inp = multi({"a": a, "b": b}, scale_min=F(1), scale_max=F(2), quorum=1)
    prep = prepare(inp)
    agg = aggregate(prep)
    fast = _decide(prep, agg, "median", {}, None, fast=True)
    exact = _decide(prep, agg, "median", {}, None, fast=False)
    assert exact.ranks == {0: 1, 1: 1}
    ms, _ = methodkeys.decide_scores(prep, agg, "median", {}, None, [0, 1]) or (None, None)
    assert ms is not None and ms.key[0] == ms.key[1]
    assert fast.ranks == exact.ranks


def test_negative_or_large_values_are_not_ordered_by_floats() -> None:
    """The criteria floats mark a missing value as -1.0, below every value in
    [0, FLOAT_TOP): values outside that range (a majority gauge below the
    lowest grade, with a large step) must leave the ordering to the exact values."""
    inp = multi({"a": [[1, 1]], "b": [[1, 1]]}, scale_min=F(1), scale_max=F(4))
    prep = prepare(inp)
    cnt = np.array([[1, 0], [1, 1]])
    assert fastkeys.CritColumn(prep, np.array([[3, 0], [2, 1]]), cnt).floats is not None
    assert fastkeys.CritColumn(prep, np.array([[-4, 0], [2, 1]]), cnt).floats is None
    assert fastkeys.CritColumn(prep, np.array([[2**11, 0], [2, 1]]), cnt).floats is None
