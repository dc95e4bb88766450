"""The bootstrap's array paths give what the per-draw definitions give, bit for bit.

``DrawBatches.keys`` (a batch of juror weightings at once, float counts, float32
products where exact, the gap cells apart) against :func:`float_keys` of a fresh
:func:`aggregate` per weighting; ``RankHistogram.add_keys`` (the ranks of a batch
of draws at once) against :func:`float_rank_arrays` per draw; ``sampled_arrays``
against the seeded draws merged one by one. The sessions are small and tie-heavy:
few grades, gaps, recusals, fractional criterion weights, juror weights 0-3.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput
from pitchroom.domain.consensus.extras import RankHistogram
from pitchroom.domain.consensus.prepare import aggregate, prepare
from pitchroom.domain.consensus.resample import (
    CRITERION_METHODS,
    DrawBatches,
    float_keys,
    float_rank_arrays,
    sampled,
    sampled_arrays,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sessions(draw: st.DrawFn) -> RankingInput:
    n = draw(st.integers(1, 12))
    m = draw(st.integers(1, 6))
    c = draw(st.integers(1, 9))
    step = draw(st.sampled_from([F(1), F(1, 2)]))
    grades = [1 + step * k for k in range(draw(st.integers(2, 4)))]
    weights = draw(st.lists(st.sampled_from([F(1), F(2), F(3), F(1, 2)]), min_size=c, max_size=c))
    crit = tuple(CriterionIn(f"c{i}", w) for i, w in enumerate(weights))
    pitches = tuple(
        PitchIn(f"p{i}", f"P{i}", F(100), withdrawn=draw(st.booleans()) and i == 0)
        for i in range(n)
    )
    jurors = tuple(f"j{k}" for k in range(m))
    cells = [(p.key, j, cr.key) for p in pitches for j in jurors for cr in crit]
    gaps = draw(st.booleans())
    values = draw(
        st.lists(
            st.one_of(st.sampled_from(grades), st.none()) if gaps else st.sampled_from(grades),
            min_size=len(cells),
            max_size=len(cells),
        )
    )
    scores = {cell: v for cell, v in zip(cells, values, strict=True) if v is not None}
    recused = draw(st.frozensets(st.sampled_from([(p.key, j) for p in pitches for j in jurors])))
    return RankingInput(
        criteria=crit,
        pitches=pitches,
        jurors=jurors,
        scores=scores,
        ineligible=frozenset(recused) if len(recused) < n * m // 3 else frozenset(),
        held_back=frozenset({"p1"}) if n > 1 and draw(st.booleans()) else frozenset(),
        scale_min=F(1),
        scale_max=grades[-1],
        scale_step=step,
    )


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal arrays, NaN equal to NaN (and no rounding slack)."""
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


@SETTINGS
@given(sessions(), st.data())
@pytest.mark.parametrize("method", sorted(CRITERION_METHODS))
def test_batch_keys_equal_per_draw_keys(
    method: str, inp: RankingInput, data: st.DataObject
) -> None:
    prep = prepare(inp)
    rows = data.draw(
        st.lists(
            st.lists(st.integers(0, 3), min_size=prep.m, max_size=prep.m), min_size=1, max_size=9
        )
    )
    weights = np.array(rows, dtype=np.int64)
    got = DrawBatches(prep, method).keys(weights)
    for row, keys in zip(weights, got, strict=True):
        assert same(keys, float_keys(prep, aggregate(prep, row), method, row))


@settings(max_examples=25, deadline=None)
@given(sessions())
def test_batch_keys_with_large_weights_take_float64(inp: RankingInput) -> None:
    """Products of 2**24 or more would not be exact in float32: float64 is used."""
    prep = prepare(inp)
    rng = np.random.default_rng(prep.n * 31 + prep.m)
    weights = rng.integers(0, 2**23, size=(3, prep.m))
    weights[:, 0] = 2**24 + 1  # odd above 2**24: float32 would round it
    got = DrawBatches(prep, "mean").keys(weights)
    for row, keys in zip(weights, got, strict=True):
        assert same(keys, float_keys(prep, aggregate(prep, row), "mean", row))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_batch_ranks_equal_per_draw_ranks(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 12))
    b = data.draw(st.integers(1, 6))
    values = st.one_of(st.sampled_from([1.0, 1.5, 2.0, -0.0, 0.0]), st.just(float("nan")))
    keys = np.array(
        data.draw(st.lists(st.lists(values, min_size=n, max_size=n), min_size=b, max_size=b))
    )
    ranked = np.array(
        data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n)), dtype=np.int64
    )
    weights = np.array(data.draw(st.lists(st.integers(1, 50), min_size=b, max_size=b)), float)
    batch, one = RankHistogram(n, len(ranked)), RankHistogram(n, len(ranked))
    batch.add_keys(keys, ranked, weights)
    for row, w in zip(keys, weights, strict=True):
        one.add(*float_rank_arrays(row, ranked), w)
    assert np.array_equal(batch.hist, one.hist)
    assert batch.percentiles(5, 95) == one.percentiles(5, 95)


@pytest.mark.parametrize(("m", "resamples", "seed"), [(9, 200, 1), (3, 300, 7), (12, 50, 20240612)])
def test_sampled_arrays_are_the_merged_draws(m: int, resamples: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(m, np.full(m, 1 / m), size=resamples)
    merged = Counter(tuple(int(x) for x in row) for row in draws)
    want = [(list(counts), merged[counts]) for counts in sorted(merged)]
    rows, times = sampled_arrays(m, resamples, seed)
    assert [(r.tolist(), int(k)) for r, k in zip(rows, times, strict=True)] == want
    assert [(r.tolist(), k) for r, k in sampled(m, resamples, seed)] == want
