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
from pitchroom.domain.consensus.prepare import Aggregates, Prepared


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
    used = count > 0
    iw = prep.iw[None, :] * used
    wsum = iw.sum(axis=1)
    num = (np.where(used, per_crit, 0.0) * iw).sum(axis=1)
    return np.divide(num, wsum, out=np.full(prep.n, np.nan), where=wsum > 0)


def _median_parts(tally: np.ndarray) -> tuple[np.ndarray, ...]:
    cum = np.cumsum(tally, axis=-1)
    total = cum[..., -1:]
    grade = np.argmax(2 * cum >= total, axis=-1)
    at = np.take_along_axis(tally, grade[..., None], axis=-1)[..., 0]
    upto = np.take_along_axis(cum, grade[..., None], axis=-1)[..., 0]
    below = upto - at
    above = total[..., 0] - upto
    return grade, below, at, above, total[..., 0]


def float_keys(
    prep: Prepared, agg: Aggregates, method: str, weights: np.ndarray
) -> np.ndarray:
    """(n,) float keys (larger is better, NaN: no score), or for schulze the
    (n, n) beats relation."""
    count = agg.count.astype(np.float64)
    total = agg.total.astype(np.float64)
    if method in ("mean", "trimmed"):
        if method == "trimmed":
            trim = agg.count >= 5
            total = np.where(trim, total - agg.lo - agg.hi, total)
            count = np.where(trim, count - 2, count)
        per = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
        return np.round(_weighted_score(prep, per, agg.count), 9)
    if method == "median":
        tally = agg.tally.astype(np.float64)
        grade, below, at, above, _ = _median_parts(tally)
        nu = grade + np.divide(above - below, 2 * at, out=np.zeros_like(at), where=at > 0)
        return np.round(_weighted_score(prep, nu, agg.count), 9)
    if method == "majority":
        share = np.divide(agg.tally, count[..., None], out=np.zeros(agg.tally.shape),
                          where=count[..., None] > 0)
        pooled = (share * prep.iw[None, :, None]).sum(axis=1)
        has = pooled.sum(axis=1) > 0
        grade, below, _at, above, tot = _median_parts(pooled)
        tot = np.where(has, tot, 1.0)
        p, q = above / tot, below / tot
        key = np.where(p > q + 1e-12, grade + p, grade - q)
        return np.where(has, np.round(key, 9), np.nan)
    valid = agg.complete & field_mask(prep)[:, None]
    if method == "zscore":
        return np.round(zscore_scores(prep, agg, valid, weights), 9)
    if method == "borda":
        num, den = borda_parts(agg, valid)
        v = valid & (weights > 0)[None, :]
        wv = v * weights[None, :]
        k = wv.sum(axis=1)
        s = (num / den[None, :] * wv).sum(axis=1)
        return np.round(np.divide(s, k, out=np.full(prep.n, np.nan), where=k > 0), 9)
    if method == "schulze":
        return schulze_beats(pairwise_matrix(agg.totals, valid, weights))
    raise ValueError(method)


def float_ranks(keys: np.ndarray, ranked: np.ndarray) -> dict[int, int]:
    """Competition ranks among ``ranked`` indices that have a key."""
    if keys.ndim == 2:
        idx = ranked
        beaten = keys[np.ix_(idx, idx)].sum(axis=0)
        return {int(i): 1 + int(b) for i, b in zip(idx, beaten, strict=True)}
    idx = ranked[~np.isnan(keys[ranked])]
    vals = keys[idx]
    s = np.sort(vals)
    greater = len(s) - np.searchsorted(s, vals, "right")
    return {int(i): 1 + int(g) for i, g in zip(idx, greater, strict=True)}
