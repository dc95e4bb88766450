"""Pairwise majorities, Schulze beatpath and Kendall's W (numpy, exact ints)."""

from __future__ import annotations

from typing import Any

import numpy as np

BAND = 64
"""Rows of the pairwise matrix counted at a time (see :func:`pairwise_matrix`)."""


def pairwise_matrix(
    totals: np.ndarray, valid: np.ndarray, weights: np.ndarray | None = None
) -> np.ndarray:
    """``d[a, b]`` = (weighted) number of jurors whose total for a beats b.

    ``totals`` and ``valid`` are (n, m): a juror counts for a pair only when
    valid (complete scores) on both. Equal totals count for neither.
    """
    n, m = totals.shape
    w = np.ones(m, dtype=np.int64) if weights is None else np.asarray(weights, dtype=np.int64)
    # Counted in the narrowest unsigned type that holds the largest possible count
    # (the sum of the weights): the loop is memory bound.
    acc: np.dtype[Any] = np.dtype(np.uint64)
    for unsigned in (np.uint8, np.uint16, np.uint32):
        if int(w[w > 0].sum()) <= np.iinfo(unsigned).max:
            acc = np.dtype(unsigned)
            break
    # The totals in the narrowest signed type that holds them above its lowest value
    # (the comparisons are four times faster in int16 than in int64).
    small: np.dtype[Any] = np.dtype(np.int64)
    if valid.any():
        low, high = int(totals[valid].min()), int(totals[valid].max())
        for signed in (np.int16, np.int32):
            if np.iinfo(signed).min < low and high <= np.iinfo(signed).max:
                small = np.dtype(signed)
                break
    lowest = np.iinfo(small).min
    # Per counted juror its totals, an invalid pitch at the lowest total: it then
    # beats nobody, and the column mask stops valid pitches from beating it.
    jurors = [j for j in range(m) if int(w[j]) > 0 and int(valid[:, j].sum()) >= 2]
    cols = np.where(valid, totals, lowest).astype(small).T.copy()
    masks = [None if bool(valid[:, j].all()) else valid[:, j] for j in range(m)]
    d = np.zeros((n, n), dtype=acc)
    # A band of rows at a time, every juror over it, so that the band of ``d`` and
    # the comparison stay in the cache (the loop is memory bound: 2-3x faster than
    # whole matrices at 1,000 pitches).
    gt = np.empty((min(n, BAND), n), dtype=bool)
    step = np.empty((min(n, BAND), n), dtype=acc)
    for start in range(0, n, BAND):
        end = min(n, start + BAND)
        band, g, s = d[start:end], gt[: end - start], step[: end - start]
        for j in jurors:
            t = cols[j]
            np.greater(t[start:end, None], t[None, :], out=g)
            mask = masks[j]
            if mask is not None:
                g &= mask[None, :]
            ones = g.view(np.uint8)
            wj = int(w[j])
            if wj == 1:
                np.add(band, ones, out=band, casting="unsafe")
            else:
                np.multiply(ones, acc.type(wj), out=s, casting="unsafe")
                np.add(band, s, out=band)
    return d.astype(np.int64)


def strongest_paths(d: np.ndarray) -> np.ndarray:
    """Schulze's widest paths: links ``d[a,b]`` where ``d[a,b] > d[b,a]``."""
    top = int(d.max()) if d.size else 0
    # The narrowest integer type that holds every link: the O(n^3) loop below
    # is memory bound, so int8 or int16 runs it several times faster than int64.
    small = (
        np.int8
        if top < 2**7
        else np.int16
        if top < 2**15
        else np.int32
        if top < 2**31
        else np.int64
    )
    p = np.where(d > d.T, d, 0).astype(small)
    n = len(p)
    via = np.empty_like(p)
    for k in range(n):
        np.minimum(p[:, k : k + 1], p[k : k + 1, :], out=via)
        np.maximum(p, via, out=p)
    np.fill_diagonal(p, 0)
    return p.astype(np.int64)


def schulze_beats(d: np.ndarray) -> np.ndarray:
    """(n, n) bool: a beats b in the beatpath relation."""
    p = strongest_paths(d)
    return p > p.T


def average_ranks(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Ranks (1 = highest value, ties averaged) and the tie term sum(t^3 - t)."""
    order = np.argsort(-values, kind="stable")
    sorted_vals = values[order]
    ranks = np.empty(len(values), dtype=np.float64)
    ties = 0
    i = 0
    n = len(values)
    while i < n:
        j = i
        while j + 1 < n and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        t = j - i + 1
        ties += t**3 - t
        i = j + 1
    return ranks, ties


def row_ranks(scores: np.ndarray) -> tuple[np.ndarray, int]:
    """:func:`average_ranks` of every row of ``scores`` (m, n) at once: the (m, n)
    ranks and the tie term summed over the rows."""
    m, n = scores.shape
    order = np.argsort(-scores, axis=1, kind="stable")
    ordered = np.take_along_axis(scores, order, axis=1)
    pos = np.broadcast_to(np.arange(n), (m, n))
    starts = np.ones((m, n), dtype=bool)  # a tie group starts here
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    ends = np.ones((m, n), dtype=bool)  # ... ends here
    ends[:, :-1] = starts[:, 1:]
    first = np.maximum.accumulate(np.where(starts, pos, 0), axis=1)
    last = np.minimum.accumulate(np.where(ends, pos, n)[:, ::-1], axis=1)[:, ::-1]
    ranks = np.empty((m, n), dtype=np.float64)
    np.put_along_axis(ranks, order, (first + last) / 2 + 1, axis=1)
    sizes = (last - first + 1)[starts].astype(np.int64)
    return ranks, int((sizes**3 - sizes).sum())


def kendalls_w(scores: np.ndarray) -> float | None:
    """Kendall's W with tie correction; ``scores`` is (jurors, items), higher = better.

    None with fewer than 2 jurors or 2 items. A constant denominator gives None.
    The ranks of all jurors at once (:func:`row_ranks`): halves, so their sums are
    exact and the same as :func:`average_ranks` row by row.
    """
    m, n = scores.shape
    if m < 2 or n < 2:
        return None
    ranks, tie_total = row_ranks(np.asarray(scores))
    r = ranks.sum(axis=0)
    s = float(((r - r.mean()) ** 2).sum())
    denom = m * m * (n**3 - n) - m * tie_total
    if denom <= 0:
        return None
    return float(12 * s / denom)
