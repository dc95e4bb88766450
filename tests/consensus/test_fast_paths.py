"""The fast paths of the extras give what the plain definitions give.

Leave-one-out aggregates are derived from the full jury's; the bootstrap
scores a batch of resamples with one matrix product; the pairwise matrix
masks instead of indexing. Each is checked here against the straightforward
computation it replaces, on random sessions with gaps, recusals, withdrawn
and held-back pitches, half-point scales and fractional weights.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import numpy as np
import pytest

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput
from pitchroom.domain.consensus.pairwise import pairwise_matrix, strongest_paths
from pitchroom.domain.consensus.prepare import (
    Aggregates,
    aggregate,
    aggregate_without,
    prepare,
)
from pitchroom.domain.consensus.resample import (
    CRITERION_METHODS,
    DrawBatches,
    float_keys,
    multisets,
    sampled,
)


def random_input(seed: int) -> RankingInput:
    rng = random.Random(seed)
    n, m, c = rng.randint(1, 25), rng.randint(1, 12), rng.randint(1, 4)
    step = rng.choice([F(1), F(1, 2)])
    top = rng.choice([3, 5, 10])
    grades = [1 + step * k for k in range(int((top - 1) / step) + 1)]
    narrow = grades[: rng.choice([2, len(grades)])]
    crit = tuple(CriterionIn(f"c{i}", rng.choice([F(1), F(2), F(1, 2)])) for i in range(c))
    pitches = tuple(
        PitchIn(f"p{i}", f"P{i}", F(100), withdrawn=rng.random() < 0.1) for i in range(n)
    )
    jurors = tuple(f"j{k}" for k in range(m))
    scores = {
        (p.key, j, cr.key): rng.choice(narrow)
        for p in pitches
        for j in jurors
        for cr in crit
        if rng.random() < 0.9
    }
    return RankingInput(
        crit,
        pitches,
        jurors,
        scores,
        scale_max=F(top),
        scale_step=step,
        ineligible=frozenset((p.key, j) for p in pitches for j in jurors if rng.random() < 0.1),
        held_back=frozenset({pitches[0].key}) if rng.random() < 0.2 else frozenset(),
    )


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal arrays, NaN equal to NaN (and no rounding slack)."""
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


@pytest.mark.parametrize("seed", range(40))
def test_leave_one_out_aggregates_equal_a_fresh_aggregate(seed: int) -> None:
    prep = prepare(random_input(seed))
    base = aggregate(prep)
    for j in range(prep.m):
        w = np.ones(prep.m, dtype=np.int64)
        w[j] = 0
        fresh, derived = aggregate(prep, w), aggregate_without(prep, base, j)
        for f in dataclasses.fields(Aggregates):
            x, y = getattr(fresh, f.name), getattr(derived, f.name)
            assert x.dtype == y.dtype and np.array_equal(x, y), f.name


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("method", sorted(CRITERION_METHODS))
def test_batched_bootstrap_keys_equal_per_draw_keys(seed: int, method: str) -> None:
    prep = prepare(random_input(seed))
    if prep.m == 0:
        return
    draws = multisets(prep.m) if prep.m <= 4 else sampled(prep.m, 40, seed)
    counts = np.array([c for c, _ in draws], dtype=np.int64)
    batch = DrawBatches(prep, method)
    batch.batch = 7  # several chunks
    got = np.concatenate([batch.keys(counts[i : i + 7]) for i in range(0, len(counts), 7)])
    for row, keys in zip(counts, got, strict=True):
        assert same(keys, float_keys(prep, aggregate(prep, row), method, row))


@pytest.mark.parametrize("seed", range(30))
def test_pairwise_matrix_and_paths_match_the_definition(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 15)), int(rng.integers(1, 8))
    totals = rng.integers(0, 6, size=(n, m))
    valid = rng.random((n, m)) < 0.8
    weights = rng.integers(0, 3, size=m)
    d = pairwise_matrix(totals, valid, weights)
    want = np.zeros((n, n), dtype=np.int64)
    for j in range(m):
        for a in range(n):
            for b in range(n):
                if valid[a, j] and valid[b, j] and totals[a, j] > totals[b, j]:
                    want[a, b] += weights[j]
    assert np.array_equal(d, want)
    p = np.where(want > want.T, want, 0)
    for k in range(n):  # Floyd-Warshall on widest paths, in int64
        p = np.maximum(p, np.minimum(p[:, k : k + 1], p[k : k + 1, :]))
    np.fill_diagonal(p, 0)
    assert np.array_equal(strongest_paths(want), p)
