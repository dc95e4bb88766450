"""The bootstrap: the 5-95% rank band of each ranked pitch over resampled juries.

Every multiset of jurors for small juries (with its multinomial weight), seeded
resamples beyond; each draw's keys are rounded floats (for mean from the jurors
x pitches totals, :mod:`pitchroom.domain.consensus.meandraws`), its ranks
competition ranks among the pitches the full jury ranks.
"""

from __future__ import annotations

import numpy as np

from pitchroom.domain.consensus.meandraws import MeanDraws
from pitchroom.domain.consensus.methods import field_mask
from pitchroom.domain.consensus.prepare import Prepared, aggregate
from pitchroom.domain.consensus.resample import (
    CRITERION_METHODS,
    DrawBatches,
    float_rank_arrays,
    multisets,
    sampled_arrays,
    total_keys,
)

SCHULZE_BOOTSTRAP_LIMIT = 300
"""Above this many pitches the Schulze bootstrap (O(n^3) per resample) is skipped."""


def bootstrap_bands(
    prep: Prepared,
    method: str,
    ranked: np.ndarray,
    seed: int,
    resamples: int,
    exact_up_to: int,
    notes: list[str],
) -> tuple[dict[str, tuple[int, int]], int | None]:
    """The 5-95% rank band per ranked pitch over the juror resamples, and the
    seed used (None: every multiset enumerated, or no bootstrap)."""
    if prep.m == 0 or len(ranked) == 0:
        return {}, None
    if method == "schulze" and int(field_mask(prep).sum()) > SCHULZE_BOOTSTRAP_LIMIT:
        notes.append("bootstrap skipped: schulze with too many pitches")
        return {}, None
    used_seed: int | None = None
    if prep.m <= exact_up_to:
        counts_list: list[np.ndarray] = []
        weight_list: list[int] = []
        for draw, times in multisets(prep.m):
            counts_list.append(draw)
            weight_list.append(times)
        counts = np.array(counts_list, dtype=np.int64).reshape(len(counts_list), prep.m)
        weight = np.array(weight_list, dtype=np.float64)
    else:
        counts, merged = sampled_arrays(prep.m, resamples, seed)
        weight, used_seed = merged.astype(np.float64), seed
    hist = RankHistogram(prep.n, len(ranked))
    if method == "mean":
        draws = MeanDraws(prep)
        for start in range(0, len(counts), draws.batch):
            chunk = slice(start, start + draws.batch)
            hist.add_codes(draws.rank_codes(counts[chunk]), ranked, weight[chunk])
    elif method in CRITERION_METHODS:
        batches = DrawBatches(prep, method)
        for start in range(0, len(counts), batches.batch):
            chunk = slice(start, start + batches.batch)
            hist.add_keys(batches.keys(counts[chunk]), ranked, weight[chunk])
    else:
        base = aggregate(prep)
        for row, w in zip(counts, weight, strict=True):
            keys = total_keys(prep, base, method, row)
            hist.add(*float_rank_arrays(keys, ranked), w)
    return {prep.pitch_keys[i]: band for i, band in hist.percentiles(5, 95).items()}, used_seed


class RankHistogram:
    """Weighted counts of (pitch, rank) over the draws."""

    def __init__(self, n: int, ranked: int) -> None:
        self.width = ranked + 1
        self.n = n
        self._hist = np.zeros(n * self.width)
        self._pending: list[np.ndarray] = []
        """Flat (pitch, rank) indices of draws of weight one, counted at once
        when :attr:`hist` is read (one ``bincount`` instead of one a batch)."""

    @property
    def hist(self) -> np.ndarray:
        """Flat (pitch, rank) weights; whole numbers, summed exactly in float64."""
        if self._pending:
            flat = np.concatenate(self._pending) if len(self._pending) > 1 else self._pending[0]
            self._pending = []
            self._hist += np.bincount(flat, minlength=len(self._hist))
        return self._hist

    @hist.setter
    def hist(self, value: np.ndarray) -> None:
        self._hist = value

    def add(self, idx: np.ndarray, ranks: np.ndarray, weight: float) -> None:
        self.hist += np.bincount(idx * self.width + ranks, minlength=len(self.hist)) * weight

    def add_codes(self, codes: np.ndarray, ranked: np.ndarray, weights: np.ndarray) -> None:
        """:meth:`add_keys` for keys given as whole numbers (floats; NaN: no key),
        such as :meth:`MeanDraws.codes`: each row's codes, counted down from the
        largest, and the pitch's column share one integer, so that a plain sort of
        each row (no argsort) orders the pitches, ties by column.

        The ranks depend on the set of ``ranked`` pitches only, so the columns are
        taken in index order (all of them, without a copy, when every pitch is
        ranked); without a NaN every pitch of every draw is counted."""
        b, r = len(codes), len(ranked)
        if r == 0 or b == 0:
            return
        cols = np.sort(ranked)
        whole = r == codes.shape[1] and bool((cols == np.arange(r)).all())
        sub = codes if whole else codes[:, cols]
        high = float(sub.max())
        if np.isnan(high):
            self._add_gapped(codes, ranked, sub, cols, whole, weights)
            return
        low = float(sub.min())
        span = int(high - low) + 1
        bits = max(1, (r - 1).bit_length())
        if max(high, -low) >= 2.0**52 or span.bit_length() + bits > 62:
            # Differences of the codes would not be exact, or not fit beside positions.
            self.add_keys(codes, ranked, weights)
            return
        # Half the bytes to sort and scan when code and position fit in 31 bits.
        kind = np.int32 if span.bit_length() + bits <= 31 else np.int64
        packed = np.empty((b, r), dtype=kind)
        np.subtract(high, sub, out=packed, casting="unsafe")  # whole numbers: exact
        packed <<= bits
        packed |= np.arange(r, dtype=kind)
        packed.sort(axis=1)
        ranks = _sorted_ranks(packed, bits, kind)
        order = packed
        order &= (1 << bits) - 1
        flat = _flat(order if whole else cols[order], self.width, ranks, self.n)
        if bool((weights == 1).all()):
            self._pending.append(flat.ravel())
            return
        w = np.broadcast_to(weights[:, None], (b, r))
        self.hist += np.bincount(flat.ravel(), weights=w.ravel(), minlength=len(self.hist))

    def _add_gapped(
        self,
        codes: np.ndarray,
        ranked: np.ndarray,
        sub: np.ndarray,
        cols: np.ndarray,
        whole: bool,
        weights: np.ndarray,
    ) -> None:
        """:meth:`add_codes` where some draw has no key for a pitch (NaN): those
        sort last and are not counted."""
        b, r = sub.shape
        high = float(np.nanmax(sub, initial=-np.inf))
        if high == -np.inf:
            return
        low = float(np.nanmin(sub))
        span = int(high - low) + 1  # the code of "no key"
        bits = max(1, (r - 1).bit_length())
        if max(high, -low) >= 2.0**52 or span.bit_length() + bits > 62:
            self.add_keys(codes, ranked, weights)
            return
        kind = np.int32 if span.bit_length() + bits <= 31 else np.int64
        valid = ~np.isnan(sub)
        down = np.subtract(high, sub, out=np.full(sub.shape, float(span)), where=valid)
        packed = down.astype(kind)
        packed <<= bits
        packed |= np.arange(r, dtype=kind)
        packed.sort(axis=1)
        ranks = _sorted_ranks(packed, bits, kind)
        counted = (packed >> bits) < span
        order = packed
        order &= (1 << bits) - 1
        flat = _flat(order if whole else cols[order], self.width, ranks, self.n)
        w = np.broadcast_to(weights[:, None], (b, r))
        self.hist += np.bincount(flat[counted], weights=w[counted], minlength=len(self.hist))

    def add_keys(self, keys: np.ndarray, ranked: np.ndarray, weights: np.ndarray) -> None:
        """Each draw's competition ranks among ``ranked`` by its (B, n) float
        keys (NaN: no key, no rank), with the draw's weight: what
        :func:`float_rank_arrays` gives per row, for the batch at once."""
        b, r = len(keys), len(ranked)
        if r == 0 or b == 0:
            return
        whole = r == keys.shape[1] and bool((ranked == np.arange(r)).all())
        down = -keys if whole else -keys[:, ranked]
        order = np.argsort(down, axis=1)  # largest key first, NaN last
        s = np.take_along_axis(down, order, axis=1)
        # The rank of a sorted position is 1 + the start of its run of equal keys.
        starts = np.empty((b, r), dtype=bool)
        starts[:, 0] = True
        np.not_equal(s[:, 1:], s[:, :-1], out=starts[:, 1:])
        first = np.where(starts, np.arange(1, r + 1), 0)
        ranks = np.maximum.accumulate(first, axis=1)
        flat = (order if whole else ranked[order]) * self.width + ranks
        w = np.broadcast_to(weights[:, None], (b, r))
        valid = ~np.isnan(s)
        if valid.all():
            counted = np.bincount(flat.ravel(), weights=w.ravel(), minlength=len(self.hist))
        else:
            counted = np.bincount(flat[valid], weights=w[valid], minlength=len(self.hist))
        self.hist += counted

    def percentiles(self, low: int, high: int) -> dict[int, tuple[int, int]]:
        """Per pitch with a rank in some draw: the smallest ranks whose cumulative
        weight reaches low% and high% (inverted CDF)."""
        hist = np.rint(self.hist).astype(np.int64).reshape(self.n, self.width)
        acc = np.cumsum(hist, axis=1)
        total = acc[:, -1]
        out: dict[int, tuple[int, int]] = {}
        lo = np.argmax(100 * acc >= low * total[:, None], axis=1)
        hi = np.argmax(100 * acc >= high * total[:, None], axis=1)
        for i in np.nonzero(total > 0)[0]:
            out[int(i)] = (int(lo[i]), int(hi[i]))
        return out


def _sorted_ranks(packed: np.ndarray, bits: int, kind: type) -> np.ndarray:
    """Competition ranks of the positions of rows sorted by packed (code, column):
    1 + the start of each position's run of equal codes."""
    b, r = packed.shape
    code = packed >> bits
    starts = np.empty((b, r), dtype=bool)
    starts[:, 0] = True
    np.not_equal(code[:, 1:], code[:, :-1], out=starts[:, 1:])
    ranks = np.multiply(starts, np.arange(1, r + 1, dtype=kind), dtype=kind)
    np.maximum.accumulate(ranks, axis=1, out=ranks)
    return ranks


def _flat(pitch: np.ndarray, width: int, ranks: np.ndarray, n: int) -> np.ndarray:
    """``pitch * width + ranks``, the histogram's flat index (int32 when it fits)."""
    kind = np.int32 if n * width < 2**31 else np.int64
    flat: np.ndarray = np.multiply(pitch, width, dtype=kind)
    flat += ranks
    return flat
