"""The bootstrap's mean keys from the jurors x pitches totals: two matrix products.

:class:`~pitchroom.domain.consensus.resample.DrawBatches` computes a draw's mean
key the way :func:`~pitchroom.domain.consensus.resample.criterion_keys` defines
it: per cell total / count, times the criterion weight, summed over the
criteria, divided by the weights of the criteria with scores, rounded to 1e-9.
That is a pass over (draws x pitches x criteria). When every juror counted for
a pitch has scored all of its criteria (no recusal, absence or missing score
*inside* the pitch), every criterion of a draw has the same count ``S``, and the
exact key is ``(w . T) / (S * W)``: ``w`` the draw's juror weights, ``T`` the
jurors' weighted totals of the pitch (``sum_c iw_c u``), ``W`` the sum of the
criterion weights. ``w @ T`` and ``w @ P`` (``P``: who is counted) are two
(draws x jurors) x (jurors x pitches) products of whole numbers, exact in
float64.

The result must be *the same rounded key*, not merely a close one: both floats
lie within a few units of rounding of the exact value, so they round to the same
multiple of 1e-9 unless they are that close to a half-way point. Such a draw
(or a pitch with a juror who scored only some criteria) takes the per-cell path
(tests/consensus/test_mean_draws.py compares both, bit for bit).
"""

from __future__ import annotations

import numpy as np

from pitchroom.domain.consensus.prepare import Prepared
from pitchroom.domain.consensus.resample import DrawBatches

UNIT = 2.0**-53
"""Unit roundoff of float64."""

EXACT = 2.0**53
"""Whole numbers below this are exact in float64."""

EXACT32 = 2.0**24
"""Whole numbers below this are exact in float32."""


def whole_product(w: np.ndarray, mat: np.ndarray, bound: float) -> np.ndarray:
    """``w @ mat`` (float64) for whole numbers >= 0 whose sums stay below ``bound``
    (at most :data:`EXACT`), without BLAS: OpenBLAS runs a product of this size
    (a few hundred draws x jurors x pitches) on two threads, and its second thread
    then spins for about 0.1 s after each call, a core taken from the other
    process of ``ranking --json`` (and counted as CPU). ``einsum`` sums in its own
    loops, in float32 when every partial sum is a whole number below 2**24 (twice
    as fast); whole numbers are exact in any order of summation, so the result is
    ``w @ mat``'s."""
    if bound < EXACT32:
        small = np.einsum("bj,jn->bn", w.astype(np.float32), mat.astype(np.float32))
        out: np.ndarray = small.astype(np.float64)
        return out
    out = np.einsum("bj,jn->bn", w.astype(np.float64, copy=False), mat)
    return out


class MeanDraws:
    """Mean keys of many juror weightings (draws) at once; see the module."""

    CELLS = 400_000
    """Largest (draws x pitches) result built at once (a dozen such arrays live
    at a time; larger batches were no faster at the stress size)."""

    def __init__(self, prep: Prepared) -> None:
        n, m, c = prep.n, prep.m, prep.c
        self.prep = prep
        eligible = prep.elig & ~prep.held[:, None]
        pres = prep.present & eligible[:, :, None]
        counted = pres.all(axis=2)
        # A pitch is "whole" when each juror has all of its criteria or none.
        whole = (pres.any(axis=2) == counted).all(axis=1)
        iw = prep.iw.astype(np.int64)
        usable = c > 0 and m > 0 and bool((iw >= 0).all()) and int(iw.sum()) > 0
        # Keys are at most the top grade: times 1e9 they stay whole and exact.
        usable = usable and prep.grades * 1e9 < 2.0**50 and int(iw.sum()) * prep.grades < EXACT
        self.whole = np.nonzero(whole)[0] if usable else np.zeros(0, dtype=np.int64)
        # the others (not np.setdiff1d: its np.unique imports numpy.ma, some 0.01 s)
        self.split = np.nonzero(~whole)[0] if usable else np.arange(n)
        if len(self.whole) < n:
            pres, counted, units = pres[self.whole], counted[self.whole], prep.units[self.whole]
        else:
            units = prep.units
        # (pitches, jurors) weighted totals: whole numbers far below 2**53, exact.
        fu = np.where(pres, units, 0).astype(np.float64)
        totals = fu @ iw.astype(np.float64)
        self.totals = np.ascontiguousarray(totals.T)
        self.counted = np.ascontiguousarray(counted.T, dtype=np.float64)
        self.everyone = bool(counted.all())
        """Every juror counted for every whole pitch: the count is the draw's size."""
        self.top = float(totals.max(initial=0))
        self.wsum = float(iw.sum())
        self.margin = 2.0 * (c + 8) * UNIT
        """Distance from a half-way point, relative to the largest scaled key,
        within which the two floats may round apart. All terms are >= 0, so the
        per-cell key is within (c + 2) roundings of the exact mean (a quotient and
        a product per cell, c - 1 sums, the division by the weights) and one more
        for the scaling by 1e9; this quotient within two. Twice that, with room."""
        self._exact: DrawBatches | None = None
        self.rest = DrawBatches(prep, "mean", self.split) if len(self.split) else None
        self.batch = max(1, self.CELLS // max(n, 1))

    def keys(self, weights: np.ndarray) -> np.ndarray:
        """(B, n) rounded mean keys (NaN: no score) for (B, m) juror weightings,
        bit for bit ``DrawBatches(prep, "mean").keys(weights)``."""
        codes = self.codes(weights)
        codes /= 1e9
        return codes

    def rank_codes(self, weights: np.ndarray) -> np.ndarray:
        """Whole numbers that order and tie each row's pitches exactly as
        :meth:`codes` does, for the ranks only: where every juror is counted for
        every pitch and every draw has the same size ``S``, the totals ``w @ T``
        themselves (a few thousand values: they pack into int32 for the sort).

        Then ``codes`` is ``g(w @ T)`` for one function ``g(v) = rint(v / (S W) *
        1e9)`` in floats, monotone as each step is correctly rounded, and strictly
        so while ``2 S W < 1e9`` (consecutive totals two units of 1e-9 apart or
        more). That holds unless a value of the batch is near a half-way point,
        where :meth:`codes` would take the per-cell key instead: ``g`` is
        computed once for every value up to the largest, and a batch that has
        such a value gets :meth:`codes`."""
        w = weights.astype(np.float64)
        size = w.sum(axis=1)
        if not len(size) or not self.everyone or len(self.whole) != self.prep.n:
            return self.codes(weights)
        first = float(size[0])
        if (
            first <= 0
            or not bool((size == first).all())
            or 2.0 * first * self.wsum >= 1e9
            or first * self.top >= EXACT
        ):
            return self.codes(weights)
        num = whole_product(w, self.totals, first * self.top)
        top = int(num.max())
        if top >= 2**20:  # the table of g would be large
            return self.codes(weights)
        values = np.arange(top + 1, dtype=np.float64)
        scaled = values / (first * self.wsum)
        scaled *= 1e9
        off = np.abs(scaled - np.rint(scaled))
        near = np.nonzero(off >= 0.5 - self.margin * (float(np.rint(scaled[-1])) + 1.0))[0]
        if len(near) and bool(np.isin(num, near).any()):
            return self.codes(weights)
        return num

    def codes(self, weights: np.ndarray) -> np.ndarray:
        """:meth:`keys` times 1e9: the whole numbers ``rint(key * 1e9)`` that
        ``numpy.round(key, 9)`` divides by 1e9 (NaN: no score)."""
        w = weights.astype(np.float64)
        most = float(w.sum(axis=1).max(initial=0))
        if not len(self.whole) or most * self.top >= EXACT:
            return self._exact_codes(weights)
        num = whole_product(w, self.totals, most * self.top)
        # Without any gap the count of each pitch is the draw's size.
        den = w.sum(axis=1)[:, None] if self.everyone else whole_product(w, self.counted, most)
        some = den > 0
        den *= self.wsum
        scaled = np.divide(num, den, out=np.full(num.shape, np.nan), where=some)
        scaled *= 1e9
        codes: np.ndarray = np.rint(scaled)
        # How far each scaled key is from the nearest half-way point k + 0.5.
        off = np.subtract(scaled, codes, out=scaled)
        np.abs(off, out=off)
        top = float(np.nanmax(codes, initial=0.0)) + 1.0
        near = off >= 0.5 - self.margin * top
        redo = np.nonzero(near.any(axis=1))[0]
        if len(redo):
            exact = np.rint(self.exact.keys(weights[redo]) * 1e9)
            codes[redo] = np.where(near[redo], exact, codes[redo])
        if not len(self.split):
            return codes
        out = np.empty((len(w), self.prep.n))
        out[:, self.whole] = codes
        assert self.rest is not None
        out[:, self.split] = np.rint(self.rest.keys(weights) * 1e9)
        return out

    @property
    def exact(self) -> DrawBatches:
        """The per-cell path for the whole pitches (built when first needed)."""
        if self._exact is None:
            self._exact = DrawBatches(self.prep, "mean", self.whole)
        return self._exact

    def _exact_codes(self, weights: np.ndarray) -> np.ndarray:
        out = np.empty((len(weights), self.prep.n))
        out[:, self.whole] = self.exact.keys(weights)
        if self.rest is not None:
            out[:, self.split] = self.rest.keys(weights)
        out *= 1e9
        return np.rint(out, out=out)
