"""The float keys of leave-one-out and the method switch (consensus.fastkeys)
decide exactly what the exact path decides: the same ranks, blocks and statuses.

The sessions are small and tie-heavy (few grades, gaps, recusals, fractional
weights, juror weights 0-2 as in leave-one-out and the bootstrap), so that
exactly equal means whose floats differ in the last bits are common: without
the exact check at near-ties these properties fail (see the last test).
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput, fastkeys
from pitchroom.domain.consensus.prepare import aggregate, prepare
from pitchroom.domain.consensus.ranking import _decide


@st.composite
def tie_heavy(draw: st.DrawFn) -> tuple[RankingInput, np.ndarray]:
    n = draw(st.integers(2, 14))
    m = draw(st.integers(1, 7))
    c = draw(st.integers(1, 4))
    step = draw(st.sampled_from([F(1), F(1, 2)]))
    grades = [1 + step * k for k in range(draw(st.integers(2, 4)))]
    weights = draw(st.lists(st.sampled_from([F(1), F(2), F(3), F(1, 2)]), min_size=c, max_size=c))
    crit = tuple(CriterionIn(f"c{i}", w) for i, w in enumerate(weights))
    pitches = tuple(PitchIn(f"p{i}", f"P{i}", F(100)) for i in range(n))
    jurors = tuple(f"j{k}" for k in range(m))
    cells = [(p.key, j, cr.key) for p in pitches for j in jurors for cr in crit]
    values = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(grades)), min_size=len(cells), max_size=len(cells)
        )
    )
    scores = {cell: v for cell, v in zip(cells, values, strict=True) if v is not None}
    recused = draw(st.frozensets(st.sampled_from([(p.key, j) for p in pitches for j in jurors])))
    inp = RankingInput(
        criteria=crit,
        pitches=pitches,
        jurors=jurors,
        scores=scores,
        ineligible=frozenset(recused) if len(recused) < n * m // 3 else frozenset(),
        scale_min=F(1),
        scale_max=grades[-1],
        scale_step=step,
        quorum=draw(st.sampled_from([None, 1])),
        budget=draw(st.sampled_from([None, F(300), F(500)])),
    )
    w = np.array(draw(st.lists(st.integers(0, 2), min_size=m, max_size=m)), dtype=np.int64)
    return inp, w


def _same(inp: RankingInput, w: np.ndarray, method: str) -> None:
    prep = prepare(inp)
    for weights in (None, w):
        agg = aggregate(prep, weights)
        fast = _decide(prep, agg, method, {}, weights, fast=True)
        exact = _decide(prep, agg, method, {}, weights, fast=False)
        assert fast.ranks == exact.ranks
        assert fast.blocks == exact.blocks
        assert fast.status == exact.status
        assert fast.funding == exact.funding


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tie_heavy())
def test_mean_fast_path_is_exact(case: tuple[RankingInput, np.ndarray]) -> None:
    _same(*case, "mean")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tie_heavy())
def test_trimmed_fast_path_is_exact(case: tuple[RankingInput, np.ndarray]) -> None:
    _same(*case, "trimmed")


def test_equal_means_with_unequal_floats_share_a_rank() -> None:
    """Two pitches with the same exact mean (3/10) whose floats were summed in
    different ways (0.1 + 0.2 against 0.3) and so differ in the last bit: the
    exact check at near-ties gives them one rank."""
    a, b = (1 / 10 + 2 / 10) / 1, 3 / 10
    assert a != b  # the float sum is not the exact one
    fkey = np.array([a, b])
    ranks = fastkeys.float_competition_ranks([F(3, 10), F(3, 10)], fkey, [0, 1])
    assert ranks == {0: 1, 1: 1}
