"""Float scoring of every method for many juror weightings (the bootstrap).

Keys are rounded to 1e-9 so that ties stay ties. Schulze returns its
beatpath relation instead of keys.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator

import numpy as np

from pitchroom.domain.consensus.methods import borda_parts, field_mask, zscore_scores
from pitchroom.domain.consensus.pairwise import pairwise_matrix, schulze_beats
from pitchroom.domain.consensus.prepare import Aggregates, Prepared, tally_bounds


def multisets(m: int) -> Iterator[tuple[np.ndarray, int]]:
    """Every multiset of m jurors out of m, as counts, with its multinomial weight
    (the weights sum to m**m): the exact bootstrap."""
    fact = math.factorial(m)
    for combo in itertools.combinations_with_replacement(range(m), m):
        counts = np.bincount(np.array(combo, dtype=np.int64), minlength=m)
        w = fact
        for k in counts:
            w //= math.factorial(int(k))
        yield counts, w


def sampled(m: int, resamples: int, seed: int) -> Iterator[tuple[np.ndarray, int]]:
    """Seeded resamples of m jurors with replacement, identical draws merged."""
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(m, np.full(m, 1 / m), size=resamples)
    merged = Counter(tuple(int(x) for x in row) for row in draws)
    for counts in sorted(merged):
        yield np.array(counts, dtype=np.int64), merged[counts]


def _weighted_score(prep: Prepared, per_crit: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Weighted mean over the criteria (last axis) that have scores; leading
    axes are pitches, or draws x pitches for a batch of resamples."""
    used = count > 0
    iw = prep.iw * used
    wsum = iw.sum(axis=-1)
    num = (np.where(used, per_crit, 0.0) * iw).sum(axis=-1)
    score: np.ndarray = np.divide(num, wsum, out=np.full(num.shape, np.nan), where=wsum > 0)
    return score


def _median_parts(tally: np.ndarray) -> tuple[np.ndarray, ...]:
    cum = np.cumsum(tally, axis=-1)
    total = cum[..., -1:]
    grade = np.argmax(2 * cum >= total, axis=-1)
    at = np.take_along_axis(tally, grade[..., None], axis=-1)[..., 0]
    upto = np.take_along_axis(cum, grade[..., None], axis=-1)[..., 0]
    below = upto - at
    above = total[..., 0] - upto
    return grade, below, at, above, total[..., 0]


CRITERION_METHODS = frozenset({"mean", "trimmed", "median", "majority"})
"""Methods whose float keys come from per-criterion aggregates alone."""


def _given(array: np.ndarray | None, name: str, method: str) -> np.ndarray:
    if array is None:
        raise TypeError(f"{method} keys need {name}")
    return array


def criterion_keys(
    prep: Prepared,
    method: str,
    count: np.ndarray,
    total: np.ndarray | None = None,
    lo: np.ndarray | None = None,
    hi: np.ndarray | None = None,
    tally: np.ndarray | None = None,
) -> np.ndarray:
    """Float keys of a per-criterion method from (weighted) aggregates:
    ``count``, ``total``, ``lo``, ``hi`` are (..., n, C), ``tally`` (..., n, C, G);
    any leading axes (a batch of resamples) are carried through."""
    if method in ("mean", "trimmed"):
        fcount = count.astype(np.float64)
        ftotal = _given(total, "total", method).astype(np.float64)
        if method == "trimmed":
            trim = count >= 5
            low, high = _given(lo, "lo", method), _given(hi, "hi", method)
            ftotal = np.where(trim, ftotal - low - high, ftotal)
            fcount = np.where(trim, fcount - 2, fcount)
        per = np.divide(ftotal, fcount, out=np.zeros_like(ftotal), where=fcount > 0)
        return np.round(_weighted_score(prep, per, count), 9)
    if method == "median":
        grade, below, at, above, _ = _median_parts(
            _given(tally, "tally", method).astype(np.float64)
        )
        nu = grade + np.divide(above - below, 2 * at, out=np.zeros_like(at), where=at > 0)
        return np.round(_weighted_score(prep, nu, count), 9)
    if method == "majority":
        fcount = count.astype(np.float64)
        grades = _given(tally, "tally", method)
        share = np.divide(
            grades, fcount[..., None], out=np.zeros(grades.shape), where=fcount[..., None] > 0
        )
        pooled = (share * prep.iw[:, None]).sum(axis=-2)
        has = pooled.sum(axis=-1) > 0
        grade, below, _at, above, tot = _median_parts(pooled)
        tot = np.where(has, tot, 1.0)
        p, q = above / tot, below / tot
        key = np.where(p > q + 1e-12, grade + p, grade - q)
        keys: np.ndarray = np.where(has, np.round(key, 9), np.nan)
        return keys
    raise ValueError(method)


def total_keys(prep: Prepared, agg: Aggregates, method: str, weights: np.ndarray) -> np.ndarray:
    """Float keys of a total-based method (zscore, borda), or for schulze the
    (n, n) beats relation, for one juror weighting. ``agg`` may be the full
    jury's (``aggregate(prep)``): a juror's totals do not depend on the
    weights, and only jurors with weight > 0 count."""
    valid = agg.complete & field_mask(prep)[:, None] & (weights > 0)[None, :]
    if method == "zscore":
        return np.round(zscore_scores(prep, agg, valid, weights), 9)
    if method == "borda":
        num, den = borda_parts(agg, valid)
        v = valid & (weights > 0)[None, :]
        wv = v * weights[None, :]
        k = wv.sum(axis=1)
        s = (num / den[None, :] * wv).sum(axis=1)
        mean: np.ndarray = np.divide(s, k, out=np.full(prep.n, np.nan), where=k > 0)
        return np.round(mean, 9)
    if method == "schulze":
        return schulze_beats(pairwise_matrix(agg.totals, valid, weights))
    raise ValueError(method)


def float_keys(prep: Prepared, agg: Aggregates, method: str, weights: np.ndarray) -> np.ndarray:
    """(n,) float keys (larger is better, NaN: no score), or for schulze the
    (n, n) beats relation."""
    if method in CRITERION_METHODS:
        return criterion_keys(prep, method, agg.count, agg.total, agg.lo, agg.hi, agg.tally)
    if method in ("zscore", "borda", "schulze"):
        return total_keys(prep, agg, method, weights)
    raise ValueError(method)


class DrawBatches:
    """Per-criterion aggregates for many juror weightings at once.

    The scores are laid out once as (jurors x cells) matrices; a batch of
    weightings (B x jurors) times them gives the weighted counts, sums and
    grade tallies of every draw in one matrix product. Every entry is a
    small whole number, exact in float64, so the aggregates equal
    :func:`aggregate`'s.
    """

    CELLS = 2_000_000
    """Largest batch result (draws x cells) built at once."""

    def __init__(self, prep: Prepared, method: str) -> None:
        n, m, c, g = prep.n, prep.m, prep.c, prep.grades
        self.prep, self.method = prep, method
        eligible = prep.elig & ~prep.held[:, None]
        pres = prep.present & eligible[:, :, None]
        by_juror = pres.transpose(1, 0, 2).reshape(m, n * c)
        self.present = by_juror.astype(np.float64)
        self.units = np.where(pres, prep.units, 0).transpose(1, 0, 2).reshape(m, n * c)
        self.units = self.units.astype(np.float64)
        self.onehot: np.ndarray | None = None
        width = n * c
        if method != "mean":
            self.onehot = np.zeros((m, n * c * g), dtype=np.float64)
            jj, cell = np.nonzero(by_juror)
            grade = prep.units.transpose(1, 0, 2).reshape(m, n * c)[jj, cell]
            self.onehot[jj, cell * g + grade] = 1.0
            width = n * c * g
        self.batch = max(1, self.CELLS // max(width, 1))

    def keys(self, weights: np.ndarray) -> np.ndarray:
        """(B, n) float keys for (B, m) juror weightings."""
        prep = self.prep
        n, c, g = prep.n, prep.c, prep.grades
        w = weights.astype(np.float64)
        b = len(weights)
        count = np.rint(w @ self.present).astype(np.int64).reshape(b, n, c)
        if self.method == "mean":
            total = np.rint(w @ self.units).astype(np.int64).reshape(b, n, c)
            return criterion_keys(prep, "mean", count, total)
        onehot = _given(self.onehot, "grade tallies", self.method)
        tally = np.rint(w @ onehot).astype(np.int64).reshape(b, n, c, g)
        if self.method == "trimmed":
            total = np.rint(w @ self.units).astype(np.int64).reshape(b, n, c)
            lo, hi = tally_bounds(tally)
            return criterion_keys(prep, "trimmed", count, total, lo, hi)
        return criterion_keys(prep, self.method, count, tally=tally)


def float_ranks(keys: np.ndarray, ranked: np.ndarray) -> dict[int, int]:
    """Competition ranks among ``ranked`` indices that have a key."""
    idx, ranks = float_rank_arrays(keys, ranked)
    return {int(i): int(r) for i, r in zip(idx, ranks, strict=True)}


def float_rank_arrays(keys: np.ndarray, ranked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`float_ranks` as two arrays: pitch indices and their ranks."""
    if keys.ndim == 2:
        idx = ranked
        beaten = keys[np.ix_(idx, idx)].sum(axis=0)
        return idx, 1 + beaten.astype(np.int64)
    idx = ranked[~np.isnan(keys[ranked])]
    vals = keys[idx]
    s = np.sort(vals)
    greater = len(s) - np.searchsorted(s, vals, "right")
    return idx, 1 + greater
