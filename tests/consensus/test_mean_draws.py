"""The bootstrap's mean keys from the jurors x pitches totals are the per-cell keys.

:class:`MeanDraws` (two matrix products, a check near rounding half-way points,
pitches with a partly scored juror apart) against ``DrawBatches(prep, "mean")``
and :func:`float_keys` of a fresh :func:`aggregate` per draw, bit for bit;
:meth:`RankHistogram.add_codes` (a sort of packed integers) against
:meth:`RankHistogram.add_keys` and :func:`float_rank_arrays` per draw; and the
whole :func:`bootstrap_bands` against the per-cell path it replaces. The
sessions are small and tie-heavy: two to four grades, half steps, fractional
and zero-heavy weights, whole jurors recused or absent, cells left empty,
held-back and withdrawn pitches.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput
from pitchroom.domain.consensus.bootstrap import RankHistogram, bootstrap_bands
from pitchroom.domain.consensus.meandraws import MeanDraws
from pitchroom.domain.consensus.prepare import Prepared, aggregate, prepare
from pitchroom.domain.consensus.resample import (
    DrawBatches,
    float_keys,
    float_rank_arrays,
    multisets,
    sampled_arrays,
)

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sessions(draw: st.DrawFn, max_jurors: int = 6) -> RankingInput:
    n = draw(st.integers(1, 10))
    m = draw(st.integers(1, max_jurors))
    c = draw(st.integers(1, 6))
    step = draw(st.sampled_from([F(1), F(1, 2)]))
    grades = [1 + step * k for k in range(draw(st.integers(2, 4)))]
    weights = draw(st.lists(st.sampled_from([F(1), F(2), F(3), F(1, 2)]), min_size=c, max_size=c))
    crit = tuple(CriterionIn(f"c{i}", w) for i, w in enumerate(weights))
    pitches = tuple(
        PitchIn(f"p{i}", f"P{i}", F(100), withdrawn=i == 0 and draw(st.booleans()))
        for i in range(n)
    )
    jurors = tuple(f"j{k}" for k in range(m))
    # Whole jurors missing from a pitch (all or nothing: the products' way) and,
    # sometimes, single empty cells (a pitch scored in part: the per-cell way).
    silent = draw(st.frozensets(st.sampled_from([(p.key, j) for p in pitches for j in jurors])))
    holes = draw(st.booleans())
    scores = {}
    for p in pitches:
        for j in jurors:
            if (p.key, j) in silent:
                continue
            for cr in crit:
                v = draw(st.sampled_from(grades))
                if holes and draw(st.integers(0, 9)) == 0:
                    continue
                scores[(p.key, j, cr.key)] = v
    recused = draw(st.frozensets(st.sampled_from([(p.key, j) for p in pitches for j in jurors])))
    return RankingInput(
        criteria=crit,
        pitches=pitches,
        jurors=jurors,
        scores=scores,
        ineligible=recused,
        held_back=frozenset({"p1"}) if n > 1 and draw(st.booleans()) else frozenset(),
        scale_min=F(1),
        scale_max=grades[-1],
        scale_step=step,
    )


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal arrays, NaN equal to NaN (and no rounding slack)."""
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def draws(data: st.DataObject, m: int, top: int = 3) -> np.ndarray:
    rows = data.draw(
        st.lists(st.lists(st.integers(0, top), min_size=m, max_size=m), min_size=1, max_size=9)
    )
    return np.array(rows, dtype=np.int64).reshape(len(rows), m)


@SETTINGS
@given(sessions(), st.data())
def test_mean_keys_equal_per_cell_keys(inp: RankingInput, data: st.DataObject) -> None:
    prep = prepare(inp)
    weights = draws(data, prep.m)
    got = MeanDraws(prep).keys(weights)
    assert same(got, DrawBatches(prep, "mean").keys(weights))
    for row, keys in zip(weights, got, strict=True):
        assert same(keys, float_keys(prep, aggregate(prep, row), "mean", row))


@SETTINGS
@given(sessions(), st.data())
def test_every_key_checked_gives_the_same(inp: RankingInput, data: st.DataObject) -> None:
    """With every key taken as near a half-way point, all of them come from the
    per-cell path, merged into the right places."""
    prep = prepare(inp)
    weights = draws(data, prep.m)
    draws_ = MeanDraws(prep)
    draws_.margin = 1.0
    assert same(draws_.keys(weights), DrawBatches(prep, "mean").keys(weights))


def near_half() -> tuple[Prepared, np.ndarray]:
    """A draw (found by search) whose exact mean is so close to a half-way point
    k + 0.5 (in units of 1e-9) that the per-cell float and the quotient of the
    totals round to neighbouring keys."""
    weights = [6, 2, 4, 5, 6, 4, 7]
    units = [[4, 8, 5, 3, 0, 4, 5], [5, 8, 4, 0, 7, 3, 0], [3, 9, 9, 9, 3, 1, 1]]
    crit = tuple(CriterionIn(f"c{i}", F(w)) for i, w in enumerate(weights))
    jurors = ("j0", "j1", "j2")
    scores = {
        ("p", j, cr.key): F(1 + units[k][i])
        for k, j in enumerate(jurors)
        for i, cr in enumerate(crit)
    }
    inp = RankingInput(
        criteria=crit,
        pitches=(PitchIn("p", "P", F(100)),),
        jurors=jurors,
        scores=scores,
        scale_min=F(1),
        scale_max=F(10),
    )
    return prepare(inp), np.array([[1575517, 1046240, 1688808]], dtype=np.int64)


def test_a_key_near_a_half_way_point_takes_the_per_cell_path() -> None:
    prep, weights = near_half()
    want = DrawBatches(prep, "mean").keys(weights)
    assert MeanDraws(prep).keys(weights)[0, 0] == want[0, 0] == 3.864956354
    plain = MeanDraws(prep)
    plain.margin = 0.0  # without the check the quotient rounds up: a different key
    assert plain.keys(weights)[0, 0] == 3.864956355


@settings(max_examples=25, deadline=None)
@given(sessions())
def test_totals_too_large_for_float64_take_the_per_cell_path(inp: RankingInput) -> None:
    prep = prepare(inp)
    weights = np.full((2, prep.m), 2**51, dtype=np.int64)
    weights[1, 0] = 3
    assert same(MeanDraws(prep).keys(weights), DrawBatches(prep, "mean").keys(weights))


def add_per_draw(hist: RankHistogram, keys: np.ndarray, ranked: np.ndarray, w: np.ndarray) -> None:
    for row, weight in zip(keys, w, strict=True):
        hist.add(*float_rank_arrays(row, ranked), weight)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_ranks_of_codes_equal_ranks_of_keys(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 12))
    b = data.draw(st.integers(1, 6))
    wide = data.draw(st.booleans())  # codes too far apart to pack: add_keys' way
    # Codes a few units apart pack into int32, 2**33 apart into int64.
    far = data.draw(st.sampled_from([7.0, 3.0 * 2**33]))
    pool = [0.0, 1.0, 2.0, 5.0, 2.0**60 if wide else far, float("nan")]
    codes = np.array(
        data.draw(
            st.lists(
                st.lists(st.sampled_from(pool), min_size=n, max_size=n), min_size=b, max_size=b
            )
        )
    )
    ranked = np.array(
        data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n)), dtype=np.int64
    )
    if data.draw(st.booleans()):
        ranked = np.arange(n)
    ones = data.draw(st.booleans())
    top = 1 if ones else 50
    weights = np.array(data.draw(st.lists(st.integers(1, top), min_size=b, max_size=b)), float)
    packed, keyed, one = (RankHistogram(n, len(ranked)) for _ in range(3))
    packed.add_codes(codes, ranked, weights)
    keyed.add_keys(codes, ranked, weights)
    add_per_draw(one, codes, ranked, weights)
    assert np.array_equal(packed.hist, one.hist)
    assert np.array_equal(packed.hist, keyed.hist)
    assert packed.percentiles(5, 95) == one.percentiles(5, 95)


def per_cell_bands(prep: Prepared, ranked: np.ndarray, seed: int) -> dict[str, tuple[int, int]]:
    """The bootstrap as it was: DrawBatches' keys, ranks by argsort."""
    if prep.m <= 4:
        pairs = list(multisets(prep.m))
        counts = np.array([c for c, _ in pairs], dtype=np.int64).reshape(len(pairs), prep.m)
        weight = np.array([w for _, w in pairs], dtype=np.float64)
    else:
        counts, merged = sampled_arrays(prep.m, 60, seed)
        weight = merged.astype(np.float64)
    hist = RankHistogram(prep.n, len(ranked))
    hist.add_keys(DrawBatches(prep, "mean").keys(counts), ranked, weight)
    return {prep.pitch_keys[i]: band for i, band in hist.percentiles(5, 95).items()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(max_jurors=9), st.data())
def test_bands_equal_the_per_cell_bootstrap(inp: RankingInput, data: st.DataObject) -> None:
    prep = prepare(inp)
    ranked = np.array(
        data.draw(st.lists(st.integers(0, prep.n - 1), unique=True, min_size=1)), dtype=np.int64
    )
    seed = data.draw(st.integers(0, 2**32 - 1))
    if prep.m == 0:
        return
    got, used = bootstrap_bands(prep, "mean", ranked, seed, 60, 4, [])
    assert got == per_cell_bands(prep, ranked, seed)
    assert used == (seed if prep.m > 4 else None)


@pytest.mark.parametrize("margin", [None, 1.0])
def test_stress_shaped_session_agrees(margin: float | None) -> None:
    """Forty pitches, twelve jurors, five criteria, everyone scored: the shape of the
    stress session, where the products replace the whole per-cell pass."""
    rng = np.random.default_rng(3)
    crit = tuple(CriterionIn(f"c{i}", F(1 + i % 3)) for i in range(5))
    pitches = tuple(PitchIn(f"p{i}", f"P{i}", F(100)) for i in range(40))
    jurors = tuple(f"j{k}" for k in range(12))
    scores = {
        (p.key, j, cr.key): F(int(rng.integers(1, 6)))
        for p in pitches
        for j in jurors
        for cr in crit
    }
    prep = prepare(RankingInput(criteria=crit, pitches=pitches, jurors=jurors, scores=scores))
    counts, _ = sampled_arrays(prep.m, 300, 11)
    draws_ = MeanDraws(prep)
    assert draws_.everyone and len(draws_.whole) == prep.n
    if margin is not None:
        draws_.margin = margin
    assert same(draws_.keys(counts), DrawBatches(prep, "mean").keys(counts))


def hist_of(codes: np.ndarray, n: int, weights: np.ndarray | None = None) -> RankHistogram:
    hist = RankHistogram(n, n)
    hist.add_codes(codes, np.arange(n), np.ones(len(codes)) if weights is None else weights)
    return hist


@SETTINGS
@given(sessions(), st.data())
def test_rank_codes_rank_as_the_codes(inp: RankingInput, data: st.DataObject) -> None:
    """Draws of one size (as the bootstrap's are), or not: the totals rank the
    pitches as the rounded keys do, ties included."""
    prep = prepare(inp)
    size = data.draw(st.integers(0, 3 * prep.m))
    rows = []
    for _ in range(data.draw(st.integers(1, 6))):
        picks = data.draw(st.lists(st.integers(0, prep.m - 1), min_size=size, max_size=size))
        rows.append(np.bincount(np.array(picks, dtype=np.int64), minlength=prep.m))
    if data.draw(st.booleans()):
        rows.append(draws(data, prep.m)[0])  # sizes that differ
    weights = np.array(rows, dtype=np.int64).reshape(len(rows), prep.m)
    draws_ = MeanDraws(prep)
    got, want = draws_.rank_codes(weights), draws_.codes(weights)
    assert np.array_equal(hist_of(got, prep.n).hist, hist_of(want, prep.n).hist)


def test_rank_codes_where_totals_are_finer_than_the_keys() -> None:
    """Weights summing to 3e9: totals 0 and 1 are both the key 0 (to 1e-9)."""
    crit = (CriterionIn("c0", F(1)), CriterionIn("c1", F(2_999_999_999)))
    scores = {("a", "j", "c0"): F(1), ("a", "j", "c1"): F(1)}
    scores |= {("b", "j", "c0"): F(2), ("b", "j", "c1"): F(1)}
    pitches = (PitchIn("a", "A", F(100)), PitchIn("b", "B", F(100)))
    prep = prepare(RankingInput(criteria=crit, pitches=pitches, jurors=("j",), scores=scores))
    weights = np.array([[1]], dtype=np.int64)
    draws_ = MeanDraws(prep)
    assert np.array_equal(draws_.codes(weights), [[0.0, 0.0]])
    got = draws_.rank_codes(weights)
    assert np.array_equal(hist_of(got, 2).hist, hist_of(draws_.codes(weights), 2).hist)


def test_rank_codes_of_a_half_way_total_take_the_keys() -> None:
    """Two pitches with the same totals, one criterion's scores swapped with
    another's of the same weight: their exact means are the same half-way point
    (3 jurors x weights 1024 = 3072, a multiple of 2**10), the per-cell floats
    round it apart (found by search). Ranking by the totals would tie them."""
    units = [[1, 3, 4, 3], [9, 6, 5, 1], [2, 1, 9, 7]]
    crit = tuple(CriterionIn(f"c{i}", F(w)) for i, w in enumerate([511, 1, 511, 1]))
    jurors = ("j0", "j1", "j2")
    scores = {}
    for name, swap in (("a", False), ("b", True)):
        for k, j in enumerate(jurors):
            row = list(units[k])
            if swap:
                row[0], row[2] = row[2], row[0]
            for c, cr in enumerate(crit):
                scores[(name, j, cr.key)] = F(1 + row[c])
    pitches = (PitchIn("a", "A", F(100)), PitchIn("b", "B", F(100)))
    prep = prepare(RankingInput(criteria=crit, pitches=pitches, jurors=jurors, scores=scores))
    draws_ = MeanDraws(prep)
    assert np.array_equal(draws_.totals[:, 0], draws_.totals[:, 1])
    # After a draw of another size without any half-way total (found by search).
    for rows in ([[1, 1, 1]], [[0, 1, 3], [1, 1, 1]]):
        weights = np.array(rows, dtype=np.int64)
        want = DrawBatches(prep, "mean").keys(weights)
        assert want[-1, 0] != want[-1, 1]
        got = draws_.rank_codes(weights)
        assert np.array_equal(hist_of(got, 2).hist, hist_of(draws_.codes(weights), 2).hist)
        assert got[-1, 0] != got[-1, 1]
