"""Float keys with an exact check at near-ties, for the runs that only decide
ranks and the funding line (leave-one-out, the method switch).

For mean and trimmed, a pitch's key is ``value(sum_c iw_c t_c / n_c / W)``
with integer t_c, n_c: its float is computed for every pitch at once, and the
exact :class:`~fractions.Fraction` of a pitch (key, criteria values) only when
something asks for it: a pitch whose float is within :data:`NEAR` of a
neighbour's, or one in a tied group that the criteria must split. Floats
further apart than the rounding error of the sum order the pitches as their
exact values do, so the ranks are those of the exact path, bit for bit
(tests/consensus/test_fastkeys.py compares the two).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, cast, overload

import numpy as np

from pitchroom.domain.consensus.funding import FLOAT_DEN, FLOAT_TOP
from pitchroom.domain.consensus.methods import (
    PITCH_FUNCS,
    CritValues,
    Memo,
    MethodScores,
    PitchScores,
    signature,
)
from pitchroom.domain.consensus.prepare import Aggregates, Prepared

NEAR = 1e-9
"""Relative distance under which two float keys are compared exactly. The
float of a key has a relative error of about (C + 2) * 2**-53 (a sum of C
non-negative, correctly rounded quotients, then one division): far below this."""

FAST_METHODS = frozenset({"mean", "trimmed"})

T = TypeVar("T")


class LazyRows:
    """The per-pitch (score, key, crit, thresh, gauge) of a per-criterion
    method, computed (through the memo) on first access."""

    def __init__(self, prep: Prepared, agg: Aggregates, method: str, memo: Memo) -> None:
        self.prep, self.agg, self.method, self.memo = prep, agg, method, memo
        self.func = PITCH_FUNCS[method]
        self.scored = agg.count.sum(axis=1) > 0
        self.rows: dict[int, PitchScores] = {}

    def get(self, i: int) -> PitchScores:
        hit = self.rows.get(i)
        if hit is None:
            if not self.scored[i]:
                hit = (None, None, None, None, None)
            else:
                sig = signature(self.method, self.agg, i)
                hit = self.memo.get(sig)
                if hit is None:
                    hit = self.memo[sig] = self.func(self.prep, self.agg, i)
            self.rows[i] = hit
        return hit


class Column(Sequence[T], Generic[T]):
    """One field of :class:`LazyRows` as a read-only sequence."""

    def __init__(self, rows: LazyRows, field: int) -> None:
        self.rows, self.field = rows, field

    def __len__(self) -> int:
        return self.rows.prep.n

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return cast(T, self.rows.get(i)[self.field])

    def __iter__(self) -> Iterator[T]:
        return (self[k] for k in range(len(self)))


class CritColumn(Sequence[CritValues]):
    """Each pitch's per-criterion means (exact), from the integer totals and
    counts: what :func:`methods._pitch_mean` gives as ``crit``, without its score.
    Any per-criterion values ``value(tot / cnt)`` (``cnt`` 0: none) will do: the
    medians and majority gauges of :mod:`methodkeys` are such ratios too."""

    def __init__(self, prep: Prepared, tot: np.ndarray, cnt: np.ndarray) -> None:
        self.exact = prep.exact
        self.tot, self.cnt = tot.tolist(), cnt.tolist()
        self.rows: dict[int, CritValues] = {}
        g = np.gcd(tot, cnt)
        g = np.where(g > 0, g, 1)
        pairs = np.stack([tot // g, cnt // g], axis=-1)
        self.groups = [row.tobytes() for row in pairs]
        """Per pitch its criteria means as reduced integer pairs ((0, 0): no
        score), as bytes: equal exactly when the means are."""
        used = cnt > 0
        means = np.divide(tot, cnt, out=np.full(tot.shape, -1.0), where=used)
        self.floats: list[tuple[float, ...]] | None = None
        """Per pitch the correctly rounded float of each mean in units (-1.0: none),
        when distinct means have distinct floats (the means are in [0, FLOAT_TOP)
        and their denominators at most the largest count: see
        :data:`funding.FLOAT_DEN`); None otherwise. (The float of a value in
        [0, FLOAT_TOP) is in [0, FLOAT_TOP]; one outside is outside [0, FLOAT_TOP).)"""
        inside = (means >= 0) & (means < FLOAT_TOP)
        if int(cnt.max(initial=0)) < FLOAT_DEN and bool((inside | ~used).all()):
            self.floats = [tuple(row) for row in means.tolist()]

    def __len__(self) -> int:
        return len(self.tot)

    @overload
    def __getitem__(self, i: int) -> CritValues: ...
    @overload
    def __getitem__(self, i: slice) -> list[CritValues]: ...
    def __getitem__(self, i: int | slice) -> CritValues | list[CritValues]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        hit = self.rows.get(i)
        if hit is None:
            cnt = self.cnt[i]
            if not any(cnt):
                return None
            exact = self.exact
            hit = self.rows[i] = tuple(
                exact(a, b) if b > 0 else None for a, b in zip(self.tot[i], cnt, strict=True)
            )
        return hit


def usable(prep: Prepared, method: str) -> bool:
    """Whether the float keys order this method's pitches as the exact ones do."""
    return (
        method in FAST_METHODS
        and prep.inp.scale_step > 0
        and bool((prep.iw > 0).all())
        and prep.c > 0
    )


def counts_totals(prep: Prepared, agg: Aggregates, trimmed: bool) -> tuple[np.ndarray, np.ndarray]:
    """(n, C) integer counts and totals in units that the mean (or trimmed mean) divides."""
    cnt = agg.count.astype(np.int64)
    tot = agg.total.astype(np.int64)
    if trimmed:
        cut = cnt >= 5
        tot = np.where(cut, tot - agg.lo - agg.hi, tot)
        cnt = np.where(cut, cnt - 2, cnt)
    return cnt, tot


def float_units(prep: Prepared, cnt: np.ndarray, tot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pitch the float of its weighted mean in units (NaN: no score), and
    the exact mean as a reduced integer pair (numerator, denominator), (0, 0)
    where the criteria's counts differ (then only the Fraction is exact).
    ``cnt`` and ``tot`` are (..., C): any leading axes (pitches, or runs x pitches).

    Where every criterion of every pitch has the same count (everyone scored
    everything, the usual case), the float is the quotient of the pair's two
    integers (correctly rounded, so at least as close as the sum of quotients);
    otherwise the sum of the criteria's quotients. Either is far within
    :data:`NEAR` of the exact mean, which is all the ranks rely on."""
    iw = prep.iw.astype(np.int64)
    used = cnt > 0
    if bool(used.all()) and cnt.size:
        top = cnt[..., 0]
        whole_num = tot @ iw
        wsum = np.full(top.shape, int(iw.sum()), dtype=np.int64)
        whole_den = top * wsum
        same = (cnt == top[..., None]).all(axis=-1) & (wsum > 0)
        exact = int(np.abs(whole_num).max(initial=0)) < 2**53 and int(whole_den.max()) < 2**53
        if bool(same.all()) and exact:
            out = whole_num / whole_den
            g = np.gcd(whole_num, whole_den)
            g = np.where(g > 0, g, 1)
            return out, np.stack([whole_num // g, whole_den // g], axis=-1)
    terms = np.divide(tot, cnt, out=np.zeros(tot.shape, dtype=np.float64), where=used)
    num = (terms * iw).sum(axis=-1)
    wsum = (used * iw).sum(axis=-1)
    out = np.divide(num, wsum, out=np.full(num.shape, np.nan), where=wsum > 0)
    big = np.iinfo(np.int64).max
    top = np.where(used, cnt, 0).max(axis=-1, initial=0)
    low = np.where(used, cnt, big).min(axis=-1, initial=big)
    same = (top == low) & (wsum > 0)
    whole_num = (np.where(used, tot, 0) * iw).sum(axis=-1)
    whole_den = top * wsum
    g = np.gcd(whole_num, whole_den)
    g = np.where(same & (g > 0), g, 1)
    pair = np.stack([np.where(same, whole_num // g, 0), np.where(same, whole_den // g, 0)], axis=-1)
    return out, pair


def lazy_scores(
    prep: Prepared, agg: Aggregates, method: str, memo: Memo
) -> tuple[MethodScores, np.ndarray, np.ndarray]:
    """The method's scores with every per-pitch field computed on first access,
    the float key per pitch (NaN where the exact key is None) and the exact
    key's reduced integer pair where there is one (see :func:`float_units`)."""
    rows = LazyRows(prep, agg, method, memo)
    cnt, tot = counts_totals(prep, agg, method == "trimmed")
    ms = MethodScores(
        method=method,
        score=Column(rows, 0),
        key=Column(rows, 1),
        crit=CritColumn(prep, tot, cnt),
        thresh=Column(rows, 3),
        gauge=Column(rows, 4),
    )
    fkey, pair = float_units(prep, cnt, tot)
    return ms, fkey, pair


def float_competition_ranks(
    key: Sequence[Any], fkey: np.ndarray, ranked: Sequence[int], pair: np.ndarray | None = None
) -> dict[int, int]:
    """Competition ranks (1, 2, 2, 4) among ``ranked`` by the float keys; a run
    of neighbours each within :data:`NEAR` of the next is ordered by the exact
    ``key`` instead, and equal exact keys share a rank. ``pair``: the exact
    keys as reduced integer pairs ((0, 0): unknown); a run whose members all
    have the same known pair is one exact tie without computing ``key``."""
    idx = np.asarray(ranked, dtype=np.int64)
    f = fkey[idx]
    keep = ~np.isnan(f)
    idx, f = idx[keep], f[keep]
    if len(idx) == 0:
        return {}
    order = np.argsort(-f, kind="stable")
    idx, f = idx[order], f[order]
    scale = np.maximum(1.0, np.maximum(np.abs(f[:-1]), np.abs(f[1:])))
    near = ((f[:-1] - f[1:]) <= NEAR * scale).tolist()
    pitches = idx.tolist()
    pairs: list[tuple[int, int]] | None = None
    if pair is not None:
        pairs = [(a, b) for a, b in pair[idx].tolist()]
    ranks: dict[int, int] = {}
    pos, size = 0, len(pitches)
    while pos < size:
        end = pos
        while end < size - 1 and near[end]:
            end += 1
        if end == pos:
            ranks[pitches[pos]] = pos + 1
            pos += 1
            continue
        run = pitches[pos : end + 1]
        if pairs is not None:
            first = pairs[pos]
            if first[1] > 0 and all(p == first for p in pairs[pos + 1 : end + 1]):
                for i in run:
                    ranks[i] = pos + 1
                pos = end + 1
                continue
        exact = {i: key[i] for i in run}
        run.sort(key=lambda i: exact[i], reverse=True)
        for k, i in enumerate(run):
            if k and exact[i] == exact[run[k - 1]]:
                ranks[i] = ranks[run[k - 1]]
            else:
                ranks[i] = pos + k + 1
        pos = end + 1
    return ranks
