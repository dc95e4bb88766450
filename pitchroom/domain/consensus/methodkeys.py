"""The method switch's runs that only decide ranks and the funding line, for the
methods :mod:`fastkeys` does not cover: median, majority and the total-based
ones (zscore, borda, schulze).

What the exact path (:func:`methods.score_method`) builds per pitch as
``Fraction`` s, here comes from integer arrays over all pitches at once:

- median: each criterion's interpolated median as an integer ratio
  (:func:`pitcharrays.median_units`), the pitch key's float from those ratios
  and an exact comparison only at near-ties (:func:`fastkeys.float_competition_ranks`);
- majority: the gauge of every pitch's pooled tally (the same pooled tally as
  :func:`methods._pitch_majority`), pitches ordered by (grade, sign, share) as
  reduced integer pairs, and the majority value (:func:`majority.mj_keys`)
  only among pitches whose gauges are equal, as :func:`ranking._majority_ranks`;
- zscore, borda, schulze: their keys as before (:func:`methods.total_scores`),
  Schulze's beatpath relation from the link graph's components strength by
  strength (:mod:`beatpath`) instead of the widest paths.

The per-criterion values that break ties are :class:`fastkeys.CritColumn` s
(reduced integer pairs and correctly rounded floats, a ``Fraction`` only when
asked). tests/consensus/test_method_keys.py compares every decision with the
exact path on tie-heavy sessions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pitchroom.domain.consensus import fastkeys
from pitchroom.domain.consensus.beatpath import beats_by_levels
from pitchroom.domain.consensus.majority import mj_keys
from pitchroom.domain.consensus.methods import Memo, MethodScores, total_scores
from pitchroom.domain.consensus.pitcharrays import SAFE, median_units
from pitchroom.domain.consensus.prepare import Aggregates, Prepared

METHOD_KEYS = frozenset({"median", "majority", "zscore", "borda", "schulze"})

FLOAT_SHARE = 2**26
"""Gauge shares a/b, c/d with denominators below this that differ, differ by more
than 1 / FLOAT_SHARE**2 = 2**-52, and so have distinct floats (they are in [0, 1])."""


def usable(prep: Prepared, method: str) -> bool:
    """Whether :func:`decide_scores` gives this method's ranks."""
    return method in METHOD_KEYS and fastkeys.usable(prep, "mean")


def decide_scores(
    prep: Prepared,
    agg: Aggregates,
    method: str,
    memo: Memo,
    weights: np.ndarray | None,
    ranked: list[int],
) -> tuple[MethodScores, dict[int, int]] | None:
    """The method's scores (per-pitch fields computed on first access) and the
    competition ranks among ``ranked``, as :func:`ranking.competition_ranks` of
    :func:`methods.score_method` gives them; None: take that path instead."""
    if not usable(prep, method):
        return None
    if method == "median":
        return _median(prep, agg, memo, ranked)
    if method == "majority":
        return _majority(prep, agg, memo, ranked)
    from pitchroom.domain.consensus.ranking import competition_ranks

    crit = fastkeys.CritColumn(prep, agg.total, agg.count)
    score, key, beats = total_scores(prep, agg, method, weights, beats_by_levels)
    ms = MethodScores(method, score, key, crit, crit, [None] * prep.n, beats)
    return ms, competition_ranks(ms, ranked)


def _lazy(prep: Prepared, agg: Aggregates, method: str, memo: Memo) -> fastkeys.LazyRows:
    return fastkeys.LazyRows(prep, agg, method, memo)


def _median(
    prep: Prepared, agg: Aggregates, memo: Memo, ranked: list[int]
) -> tuple[MethodScores, dict[int, int]]:
    grade, below, at, above, _ = median_units(agg.tally.astype(np.int64))
    used = agg.count > 0
    # nu = g + (above - below) / (2 at), as methods._pitch_median.
    nums = np.where(used, 2 * at * grade + above - below, 0)
    dens = np.where(used, 2 * at, 0)
    crit = fastkeys.CritColumn(prep, nums, dens)
    rows = _lazy(prep, agg, "median", memo)
    fkey, pair = fastkeys.float_units(prep, dens, nums)
    key: fastkeys.Column[Any] = fastkeys.Column(rows, 1)
    ms = MethodScores("median", fastkeys.Column(rows, 0), key, crit, crit, fastkeys.Column(rows, 4))
    return ms, fastkeys.float_competition_ranks(key, fkey, ranked, pair)


def _majority(
    prep: Prepared, agg: Aggregates, memo: Memo, ranked: list[int]
) -> tuple[MethodScores, dict[int, int]] | None:
    count = agg.count.astype(np.int64)
    tally = agg.tally.astype(np.int64)
    used: np.ndarray = count > 0
    # The pooled tally of methods._pitch_majority: criterion c's tally times
    # iw_c * lcm / count_c, lcm the LCM of the pitch's used counts.
    d = np.where(used, count, 1)
    with np.errstate(over="ignore"):
        lcm = np.lcm.reduce(d, axis=1)
    iw = prep.iw.astype(np.int64)
    if not (np.prod(d.astype(np.float64), axis=1) < SAFE / 2).all():
        return None
    # Checked in float64 before the int64 products (a used criterion has a tally).
    wide = np.where(used, iw[None, :] * (lcm[:, None] / d), 0.0)
    if not ((tally * wide[:, :, None]).sum(axis=(1, 2)) < SAFE / 2).all():
        return None
    factor = np.where(used, iw[None, :] * (lcm[:, None] // d), 0)
    pooled = (tally * factor[:, :, None]).sum(axis=1)
    g, down, _at, up, total = median_units(pooled)
    if int(total.max(initial=0)) >= FLOAT_SHARE:
        return None
    plus = up > down
    share = np.where(plus, up, down)
    # Per criterion: value(g + step * (p if p > q else -q)), as _pitch_majority.
    cg, cbelow, _cat, cabove, ctotal = median_units(tally)
    step = prep.inp.scale_step
    sn, sd = step.numerator, step.denominator
    signed = np.where(cabove > cbelow, cabove, -cbelow)
    if not (float(sd) * float(ctotal.max(initial=0)) * max(prep.grades, 1) < SAFE / 4):
        return None
    crit = fastkeys.CritColumn(
        prep, np.where(used, cg * sd * ctotal + sn * signed, 0), np.where(used, sd * ctotal, 0)
    )
    grades = fastkeys.CritColumn(prep, np.where(used, cg, 0), used.astype(np.int64))
    rows = _lazy(prep, agg, "majority", memo)
    ms = MethodScores(
        "majority",
        fastkeys.Column(rows, 0),
        fastkeys.Column(rows, 1),
        crit,
        grades,
        fastkeys.Column(rows, 4),
    )
    scored = np.asarray(used.any(axis=1)).tolist()
    members = [i for i in ranked if scored[i]]
    return ms, _gauge_ranks(members, g, plus, share, total, pooled)


def _gauge_ranks(
    members: list[int],
    g: np.ndarray,
    plus: np.ndarray,
    share: np.ndarray,
    total: np.ndarray,
    pooled: np.ndarray,
) -> dict[int, int]:
    """Competition ranks by the gauge key (grade, then + over -, then larger p
    or smaller q), and by the majority value among equal gauges."""
    if not members:
        return {}
    idx = np.asarray(members, dtype=np.int64)
    s, t = share[idx], total[idx]
    common = np.gcd(s, t)
    num, den = s // common, t // common
    up = plus[idx]
    # Distinct shares have distinct floats (FLOAT_SHARE), equal ones equal floats.
    signed = np.where(up, num / den, -(num / den))
    order = np.lexsort((-signed, -up.astype(np.int64), -g[idx]))
    keys = np.stack([g[idx], up.astype(np.int64), num, den], axis=1)[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (keys[1:] != keys[:-1]).any(axis=1)
    bounds = [*np.nonzero(starts)[0].tolist(), len(order)]
    sorted_members = idx[order].tolist()
    # The majority values of every pitch that shares its gauge, in one call: each
    # is normalised within its own gauge group (see mj_keys), so together or
    # group by group gives the same values.
    shared = [
        i
        for a, b in zip(bounds[:-1], bounds[1:], strict=False)
        if b - a > 1
        for i in sorted_members[a:b]
    ]
    value_of = dict(zip(shared, (k[1] for k in mj_keys(pooled[shared].tolist())), strict=True))
    ranks: dict[int, int] = {}
    for a, b in zip(bounds[:-1], bounds[1:], strict=False):
        group = sorted_members[a:b]
        if len(group) == 1:
            ranks[group[0]] = a + 1
            continue
        values = [value_of[i] for i in group]
        by = sorted(range(len(group)), key=lambda k: _Value(values[k]), reverse=True)
        prev: Any = None
        for pos, k in enumerate(by):
            if pos and values[k] == prev:
                ranks[group[k]] = ranks[group[by[pos - 1]]]
            else:
                ranks[group[k]] = a + pos + 1
            prev = values[k]
    return ranks


class _Value:
    """A majority value (bytes or a lazy runs key) for ``sorted``: only ``<``."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __lt__(self, other: _Value) -> bool:
        return bool(self.v < other.v)
