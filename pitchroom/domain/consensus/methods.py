"""The seven consensus methods, exact, on :class:`Aggregates`.

Per-criterion methods (mean, trimmed, median, majority) are computed pitch by
pitch from integer aggregates and memoised on those aggregates, so an
unchanged pitch is never recomputed by :class:`LiveRanking`. Total-based
methods (zscore, borda, schulze) depend on every pitch and are vectorised.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from pitchroom.domain.consensus.majority import Gauge
from pitchroom.domain.consensus.pairwise import pairwise_matrix, schulze_beats
from pitchroom.domain.consensus.pitcharrays import majority_rows, median_rows
from pitchroom.domain.consensus.prepare import Aggregates, Prepared
from pitchroom.domain.consensus.result import GaugeInfo  # here since result needs no numpy

METHODS: tuple[str, ...] = ("mean", "trimmed", "median", "zscore", "majority", "borda", "schulze")
TOTAL_METHODS = frozenset({"zscore", "borda", "schulze"})

Score = Fraction | float | int


@dataclass
class MethodScores:
    method: str
    score: Sequence[Score | None]
    """Display score per pitch (None: no score)."""
    key: Sequence[Any]
    """Sort key per pitch, larger is better (None: no score). Schulze uses ``beats``."""
    crit: Sequence[tuple[Fraction | None, ...] | None]
    """Per-criterion consensus value of the method (tie-break by criteria)."""
    thresh: Sequence[tuple[Fraction | None, ...] | None]
    """Per-criterion value tested against the thresholds."""
    gauge: Sequence[GaugeInfo | None]
    beats: np.ndarray | None = None


CritValues = tuple[Fraction | None, ...] | None
PitchScores = tuple[Score | None, Any, CritValues, CritValues, GaugeInfo | None]
"""(score, key, crit, thresh, gauge) of one pitch under a per-criterion method."""
Memo = dict[tuple[Any, ...], PitchScores]
"""Per-pitch results by the aggregates they came from (see :func:`per_pitch`)."""


def field_mask(prep: Prepared) -> np.ndarray:
    """Pitches that take part in juror-level normalisation and pairwise counts."""
    mask: np.ndarray = ~prep.withdrawn & ~prep.held
    return mask


def _lcm_counts(counts: list[int]) -> int:
    return math.lcm(*counts) if counts else 1


def _weighted(prep: Prepared, nums: list[int], dens: list[int]) -> Fraction | None:
    """min + step * (sum_c iw_c * num_c / den_c) / sum_c iw_c over criteria with den > 0."""
    iw = prep.iw_list
    used = [c for c, d in enumerate(dens) if d > 0]
    if not used:
        return None
    lcm = _lcm_counts([dens[c] for c in used])
    num = sum(iw[c] * nums[c] * (lcm // dens[c]) for c in used)
    wsum = sum(iw[c] for c in used)
    return prep.exact(num, lcm * wsum)


def _crit_values(prep: Prepared, nums: list[int], dens: list[int]) -> tuple[Fraction | None, ...]:
    exact = prep.exact
    return tuple(exact(a, b) if b > 0 else None for a, b in zip(nums, dens, strict=True))


def _pitch_mean(prep: Prepared, agg: Aggregates, i: int, trimmed: bool) -> PitchScores:
    cnt = agg.count[i].tolist()
    tot = agg.total[i].tolist()
    if trimmed:
        lo, hi = agg.lo[i].tolist(), agg.hi[i].tolist()
        for c, k in enumerate(cnt):
            if k >= 5:
                tot[c] -= lo[c] + hi[c]
                cnt[c] = k - 2
    score = _weighted(prep, tot, cnt)
    crit = _crit_values(prep, tot, cnt)
    return score, score, crit, crit, None


def _median_units(tally: np.ndarray | list[int]) -> tuple[int, int, int, int]:
    """(grade, below, at, above) of an integer tally."""
    counts = tally.tolist() if isinstance(tally, np.ndarray) else tally
    total = sum(counts)
    acc = 0
    for g, x in enumerate(counts):
        acc += x
        if 2 * acc >= total:
            return g, acc - x, x, total - acc
    raise ValueError("empty tally")


def _pitch_median(prep: Prepared, agg: Aggregates, i: int) -> PitchScores:
    nums: list[int] = []
    dens: list[int] = []
    counts = agg.count[i].tolist()
    tallies = agg.tally[i].tolist()
    for c in range(prep.c):
        if counts[c] == 0:
            nums.append(0)
            dens.append(0)
            continue
        g, below, at, above = _median_units(tallies[c])
        # nu = g + (above - below) / (2 at)
        nums.append(2 * at * g + above - below)
        dens.append(2 * at)
    score = _weighted(prep, nums, dens)
    crit = _crit_values(prep, nums, dens)
    return score, score, crit, crit, None


def _pitch_majority(prep: Prepared, agg: Aggregates, i: int) -> PitchScores:
    step = Fraction(prep.inp.scale_step)
    sn, sd = step.numerator, step.denominator
    exact = prep.exact
    cnts = agg.count[i].tolist()
    used = [c for c, k in enumerate(cnts) if k > 0]
    if not used:
        return None, None, None, None, None
    tallies = agg.tally[i].tolist()
    crit: list[Fraction | None] = []
    grades: list[Fraction | None] = []
    for c, k in enumerate(cnts):
        if k == 0:
            crit.append(None)
            grades.append(None)
            continue
        g, below, at, above = _median_units(tallies[c])
        total = below + at + above
        # value(Gauge.number(step)), Gauge.number = g + step * (p if p > q else -q)
        signed = above if above > below else -below
        crit.append(exact(g * sd * total + sn * signed, sd * total))
        grades.append(exact(g, 1))
    lcm = _lcm_counts([cnts[c] for c in used])
    iw = prep.iw_list
    pooled = [0] * prep.grades
    for c in used:
        factor = iw[c] * (lcm // cnts[c])
        for grade, x in enumerate(tallies[c]):
            if x:
                pooled[grade] += factor * x
    tally = tuple(pooled)
    gauge = _gauge_of(pooled)
    info = GaugeInfo(prep.exact(gauge.grade, 1), gauge.p, gauge.q, gauge.plus, tally)
    return prep.value(gauge.number(step)), gauge.key(), tuple(crit), tuple(grades), info


def _gauge_of(tally: list[int]) -> Gauge:
    g, below, at, above = _median_units(tally)
    total = below + at + above
    return Gauge(g, Fraction(above, total), Fraction(below, total))


_PITCH_FUNCS: dict[str, Callable[[Prepared, Aggregates, int], PitchScores]] = {
    "mean": lambda prep, agg, i: _pitch_mean(prep, agg, i, False),
    "trimmed": lambda prep, agg, i: _pitch_mean(prep, agg, i, True),
    "median": _pitch_median,
    "majority": _pitch_majority,
}


PITCH_FUNCS = _PITCH_FUNCS


def _signature(method: str, agg: Aggregates, i: int) -> tuple[Any, ...]:
    if method in ("median", "majority"):
        return (method, agg.tally[i].tobytes())
    if method == "trimmed":
        return (
            method,
            agg.count[i].tobytes(),
            agg.total[i].tobytes(),
            agg.lo[i].tobytes(),
            agg.hi[i].tobytes(),
        )
    return (method, agg.count[i].tobytes(), agg.total[i].tobytes())


signature = _signature


def per_pitch(
    prep: Prepared, agg: Aggregates, method: str, memo: Memo | None = None
) -> list[PitchScores]:
    """(score, key, crit, thresh, gauge) per pitch for a per-criterion method."""
    func = _PITCH_FUNCS[method]
    memo = {} if memo is None else memo
    out: list[PitchScores] = []
    scored = agg.count.sum(axis=1) > 0
    empty: PitchScores = (None, None, None, None, None)
    missing: dict[int, tuple[Any, ...]] = {}
    for i in range(prep.n):
        if not scored[i]:
            out.append(empty)
            continue
        sig = _signature(method, agg, i)
        hit = memo.get(sig)
        if hit is None:
            missing[i] = sig
            hit = empty
        out.append(hit)
    if not missing:
        return out
    rows = list(missing)
    batch = _ROW_FUNCS.get(method) if len(rows) >= ARRAY_ROWS else None
    done = batch(prep, agg, np.array(rows, dtype=np.int64)) if batch else [None] * len(rows)
    for i, got in zip(rows, done, strict=True):
        sig = missing[i]
        hit = memo.get(sig)  # an equal pitch earlier in this call
        if hit is None:
            hit = memo[sig] = func(prep, agg, i) if got is None else got
        out[i] = hit
    return out


ARRAY_ROWS = 16
"""From this many pitches to compute, median and majority take the array path."""

_ROW_FUNCS: dict[str, Callable[[Prepared, Aggregates, np.ndarray], list[Any]]] = {
    "median": median_rows,
    "majority": majority_rows,
}


def score_method(
    prep: Prepared,
    agg: Aggregates,
    method: str,
    memo: Memo | None = None,
    weights: np.ndarray | None = None,
) -> MethodScores:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    memo = {} if memo is None else memo
    if method in _PITCH_FUNCS:
        rows = per_pitch(prep, agg, method, memo)
        return MethodScores(
            method=method,
            score=[r[0] for r in rows],
            key=[r[1] for r in rows],
            crit=[r[2] for r in rows],
            thresh=[r[3] for r in rows],
            gauge=[r[4] for r in rows],
        )
    crit = [r[2] for r in per_pitch(prep, agg, "mean", memo)]
    score, key, beats = total_scores(prep, agg, method, weights)
    return MethodScores(method, score, key, crit, crit, [None] * prep.n, beats)


def total_scores(
    prep: Prepared,
    agg: Aggregates,
    method: str,
    weights: np.ndarray | None = None,
    beats_of: Callable[[np.ndarray], np.ndarray] = schulze_beats,
) -> tuple[list[Score | None], list[Any], np.ndarray | None]:
    """(score, key, beats) of a total-based method (zscore, borda, schulze); its
    per-criterion values are the means (see :func:`score_method`). ``beats_of``:
    the beatpath relation of a pairwise matrix (the widest paths by default)."""
    valid = agg.complete & field_mask(prep)[:, None]
    beats = None
    if method == "zscore":
        floats = zscore_scores(prep, agg, valid, weights)
        score: list[Score | None] = [None if math.isnan(x) else round(x, 9) for x in floats]
        key = list(score)
    elif method == "borda":
        score = borda_scores(agg, valid, weights)
        key = list(score)
    else:
        beats = beats_of(pairwise_matrix(agg.totals, valid, weights))
        has = valid.any(axis=1)
        wins = beats.sum(axis=1)
        score = [int(wins[i]) if has[i] else None for i in range(prep.n)]
        key = list(score)
    return score, key, beats


def zscore_scores(
    prep: Prepared, agg: Aggregates, valid: np.ndarray, weights: np.ndarray | None = None
) -> np.ndarray:
    """Per-juror z-scores of totals, averaged per pitch, mapped back to the scale."""
    t = prep.fvalue(agg.totals / max(prep.wsum, 1))
    w = np.ones(prep.m) if weights is None else weights.astype(np.float64)
    v = valid & (w > 0)[None, :]
    cnt = v.sum(axis=0)
    tv = np.where(v, t, 0.0)
    mean_j = np.divide(tv.sum(axis=0), cnt, out=np.zeros(prep.m), where=cnt > 0)
    dev = np.where(v, t - mean_j[None, :], 0.0)
    var_j = np.divide((dev**2).sum(axis=0), cnt - 1, out=np.zeros(prep.m), where=cnt > 1)
    sd_j = np.sqrt(var_j)
    sd_j = np.where(np.round(sd_j, 12) > 0, sd_j, 0.0)
    z = np.divide(dev, sd_j[None, :], out=np.zeros_like(dev), where=sd_j[None, :] > 0)
    wv = v * w[None, :]
    k = wv.sum(axis=1)
    zbar = np.divide((z * wv).sum(axis=1), k, out=np.full(prep.n, np.nan), where=k > 0)
    total_w = wv.sum()
    if total_w == 0:
        return np.full(prep.n, np.nan)
    big_m = float((t * wv).sum() / total_w)
    big_s = float(np.sqrt(((t - big_m) ** 2 * wv).sum() / (total_w - 1))) if total_w > 1 else 0.0
    scores: np.ndarray = big_m + big_s * zbar
    return scores


def borda_parts(agg: Aggregates, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per (pitch, juror) Borda numerator and per-juror denominator:
    points / (n_j - 1) = (2 below + ties) / (2 (n_j - 1)); a lone pitch gets 1/2."""
    n, m = valid.shape
    num = np.zeros((n, m), dtype=np.int64)
    den = np.full(m, 2, dtype=np.int64)
    for j in range(m):
        idx = np.nonzero(valid[:, j])[0]
        if len(idx) == 0:
            continue
        if len(idx) == 1:
            num[idx, j] = 1
            continue
        t = agg.totals[idx, j]
        s = np.sort(t)
        below = np.searchsorted(s, t, "left")
        upto = np.searchsorted(s, t, "right")
        num[idx, j] = 2 * below + (upto - below - 1)
        den[j] = 2 * (len(idx) - 1)
    return num, den


def borda_scores(
    agg: Aggregates, valid: np.ndarray, weights: np.ndarray | None = None
) -> list[Score | None]:
    num, den = borda_parts(agg, valid)
    n, m = valid.shape
    w = np.ones(m, dtype=np.int64) if weights is None else weights.astype(np.int64)
    v = valid & (w > 0)[None, :]
    k = (v * w[None, :]).sum(axis=1)
    sums: dict[int, np.ndarray] = {}
    for d in sorted({int(x) for x in den[w > 0]}):
        cols = (den == d) & (w > 0)
        sums[d] = (np.where(v[:, cols], num[:, cols], 0) * w[cols][None, :]).sum(axis=1)
    # sum_d s_d / d over one common denominator, in Python ints (exact).
    common = math.lcm(*sums) if sums else 1
    scaled = np.zeros(n, dtype=object)
    for d, s in sums.items():
        scaled = scaled + s.astype(object) * (common // d)
    counts = k.tolist()
    return [None if counts[i] == 0 else Fraction(scaled[i], common * counts[i]) for i in range(n)]
