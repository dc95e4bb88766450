"""Float scoring of every method for many juror weightings (the bootstrap).

Keys are rounded to 1e-9 so that ties stay ties. Schulze returns its
beatpath relation instead of keys.
"""

from __future__ import annotations

import itertools
import math
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
    rows, times = sampled_arrays(m, resamples, seed)
    yield from zip(rows, times.tolist(), strict=True)


def sampled_arrays(m: int, resamples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`sampled` as arrays: the distinct draws (D, m) in lexicographic order
    and how often each was drawn (D,)."""
    if resamples <= 0:
        return np.zeros((0, m), dtype=np.int64), np.zeros(0, dtype=np.int64)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(m, np.full(m, 1 / m), size=resamples).astype(np.int64)
    rows, times = np.unique(draws.reshape(resamples, m), axis=0, return_counts=True)
    return rows.reshape(len(rows), m), times.astype(np.int64)


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
        fcount = count.astype(np.float64, copy=False)
        ftotal = _given(total, "total", method).astype(np.float64, copy=False)
        if method == "trimmed":
            trim = count >= 5
            low, high = _given(lo, "lo", method), _given(hi, "hi", method)
            ftotal = np.where(trim, ftotal - low - high, ftotal)
            fcount = np.where(trim, fcount - 2, fcount)
        per = np.divide(ftotal, fcount, out=np.zeros_like(ftotal), where=fcount > 0)
        return np.round(_weighted_score(prep, per, count), 9)
    if method == "median":
        grade, below, at, above, _ = _median_parts(
            _given(tally, "tally", method).astype(np.float64, copy=False)
        )
        nu = grade + np.divide(above - below, 2 * at, out=np.zeros_like(at), where=at > 0)
        return np.round(_weighted_score(prep, nu, count), 9)
    if method == "majority":
        fcount = count.astype(np.float64, copy=False)
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
    weightings (B x jurors) times them gives the weighted sums and grade
    tallies of every draw in one matrix product. Every entry is a small whole
    number, exact in float64, so the aggregates equal :func:`aggregate`'s and
    stay floats (no integer round trip). The counts are the draw's total weight
    less the weight of the jurors missing from a cell: only the cells with a
    gap (a recusal, an absence, a score not given) take a product.

    For mean the sums are a float32 product where every partial sum is a whole
    number below 2**24, and the keys are computed in place with the same float
    operations as :func:`criterion_keys` in the same order, so they are bit for
    bit the same (tests/consensus/test_boot_arrays.py, test_fast_paths.py).
    """

    CELLS = 2_000_000
    """Largest batch result (draws x cells) built at once."""

    def __init__(self, prep: Prepared, method: str, pitches: np.ndarray | None = None) -> None:
        """``pitches``: only these pitch indices (their keys are the same as among
        all pitches: each pitch's key depends on its own scores alone)."""
        sub = np.arange(prep.n) if pitches is None else np.asarray(pitches, dtype=np.int64)
        n, m, c, g = len(sub), prep.m, prep.c, prep.grades
        self.prep, self.method, self.n = prep, method, n
        eligible = prep.elig[sub] & ~prep.held[sub, None]
        pres = prep.present[sub] & eligible[:, :, None]
        units = prep.units[sub]
        by_juror = pres.transpose(1, 0, 2).reshape(m, n * c)
        gaps = ~by_juror
        self.gap_cells = np.nonzero(gaps.any(axis=0))[0]
        self.gaps = gaps[:, self.gap_cells].astype(np.float64)
        self.units = np.where(pres, units, 0).transpose(1, 0, 2).reshape(m, n * c)
        self.units = self.units.astype(np.float64)
        self.onehot: np.ndarray | None = None
        width = n * c
        if method != "mean":
            self.onehot = np.zeros((m, n * c * g), dtype=np.float64)
            jj, cell = np.nonzero(by_juror)
            grade = units.transpose(1, 0, 2).reshape(m, n * c)[jj, cell]
            self.onehot[jj, cell * g + grade] = 1.0
            width = n * c * g
        self.batch = max(1, self.CELLS // max(width, 1))
        self.iw = prep.iw.astype(np.float64)
        self._units32: np.ndarray | None = None

    def counts(self, w: np.ndarray) -> np.ndarray:
        """(B, n * C) weighted number of scores per cell, as floats."""
        b, cells = len(w), self.n * self.prep.c
        count = np.empty((b, cells))
        count[...] = w.sum(axis=1)[:, None]
        if len(self.gap_cells):
            count[:, self.gap_cells] -= w @ self.gaps
        return count

    def keys(self, weights: np.ndarray) -> np.ndarray:
        """(B, n) float keys for (B, m) juror weightings."""
        prep = self.prep
        n, c, g = self.n, prep.c, prep.grades
        w = weights.astype(np.float64)
        b = len(weights)
        if self.method == "mean":
            return self._mean_keys(w)
        count = self.counts(w).reshape(b, n, c)
        onehot = _given(self.onehot, "grade tallies", self.method)
        tally = (w @ onehot).reshape(b, n, c, g)
        if self.method == "trimmed":
            total = (w @ self.units).reshape(b, n, c)
            lo, hi = tally_bounds(tally, np.float64)
            return criterion_keys(prep, "trimmed", count, total, lo, hi)
        return criterion_keys(prep, self.method, count, tally=tally)

    def _totals(self, w: np.ndarray) -> np.ndarray:
        """(B, n * C) weighted sums of units: in float32 when every partial sum is
        a whole number below 2**24 (exact, and twice as fast), else float64."""
        top = float(w.sum(axis=1).max(initial=0)) * float(self.units.max(initial=0))
        out: np.ndarray
        if top >= 2**24:
            out = w @ self.units
            return out
        if self._units32 is None:
            self._units32 = self.units.astype(np.float32)
        out = w.astype(np.float32) @ self._units32
        return out

    def _mean_keys(self, w: np.ndarray) -> np.ndarray:
        """:func:`criterion_keys` for mean with the same float operations in the
        same order: per cell total / count (0 where no score), times the
        criterion weight, summed over the criteria, divided by the weights of
        the criteria with scores, rounded. A cell without gaps counts the
        draw's whole weight."""
        n, c = self.n, self.prep.c
        b = len(w)
        size = w.sum(axis=1)
        some = size > 0
        totals = self._totals(w)
        per = np.divide(totals, size[:, None], out=np.zeros((b, n * c)), where=some[:, None])
        wsum = np.where(some, float(self.iw.sum()), 0.0)[:, None]
        if len(self.gap_cells):
            count = size[:, None] - w @ self.gaps
            used = count > 0
            # Where nothing is counted the total is 0 too: the quotient stays 0.
            per[:, self.gap_cells] = np.divide(
                totals[:, self.gap_cells], count, out=np.zeros_like(count), where=used
            )
            bb, k = np.nonzero(~used & some[:, None])
            if len(bb):
                cell = self.gap_cells[k]
                off = np.bincount(bb * n + cell // c, weights=self.iw[cell % c], minlength=b * n)
                wsum = wsum - off.reshape(b, n)
        triple = per.reshape(b, n, c)
        np.multiply(triple, self.iw, out=triple)
        num = triple.sum(axis=-1)
        score = np.divide(num, wsum, out=np.full(num.shape, np.nan), where=wsum > 0)
        keys: np.ndarray = np.round(score, 9, out=score)
        return keys


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
