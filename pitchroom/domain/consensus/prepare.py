"""From a :class:`RankingInput` to dense integer arrays, and per-pitch aggregates.

Every score is a multiple of the scale step above the scale minimum, so it is
stored as an integer *unit* ``u = (value - scale_min) / scale_step`` (0 is the
lowest grade). Weights are scaled to integers by the LCM of their
denominators. Sums, counts, tallies and juror totals are then exact integer
numpy arrays; ``Fraction`` appears only at the last, per-pitch step.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import numpy as np

from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.consensus.scorearrays import ScoreArrays

EXACT_CACHE_LIMIT = 500_000
"""Entries of :meth:`Prepared.exact`'s cache before it starts over (memory bound)."""


@dataclass
class Prepared:
    inp: RankingInput
    pitch_keys: tuple[str, ...]
    pidx: dict[str, int]
    juror_keys: tuple[str, ...]
    jidx: dict[str, int]
    crit_keys: tuple[str, ...]
    cidx: dict[str, int]
    iw: np.ndarray
    """Integer criterion weights (C,), proportional to the input weights."""
    wsum: int
    grades: int
    """Number of grades on the scale (G)."""
    units: np.ndarray
    """(n, m, C) int32 units; meaningless where ``present`` is False."""
    present: np.ndarray
    """(n, m, C) bool: a score exists."""
    elig: np.ndarray
    """(n, m) bool: the juror may score the pitch (not recused, not absent)."""
    withdrawn: np.ndarray
    held: np.ndarray
    _exact: dict[tuple[int, int], Fraction] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Cache of :meth:`exact`: the same few unit ratios recur across pitches and runs."""

    @property
    def n(self) -> int:
        return len(self.pitch_keys)

    @property
    def m(self) -> int:
        return len(self.juror_keys)

    @property
    def c(self) -> int:
        return len(self.crit_keys)

    def value(self, units: Fraction | int) -> Fraction:
        """A unit count (exact) back on the scale."""
        return self.inp.scale_min + self.inp.scale_step * units

    @functools.cached_property
    def iw_list(self) -> list[int]:
        """:attr:`iw` as Python ints."""
        return [int(w) for w in self.iw]

    def exact(self, num: int, den: int) -> Fraction:
        """``value(Fraction(num, den))``, cached (``den > 0``)."""
        key = (num, den)
        hit = self._exact.get(key)
        if hit is None:
            if len(self._exact) > EXACT_CACHE_LIMIT:
                self._exact.clear()
            hit = self._exact[key] = self.value(Fraction(num, den))
        return hit

    def fvalue(self, units: np.ndarray) -> np.ndarray:
        """Scale units to float scale values, element-wise."""
        values: np.ndarray = float(self.inp.scale_min) + float(self.inp.scale_step) * units
        return values


Number = Fraction | float | int | Decimal
"""A score as it may arrive: exact, a stored REAL, or parsed text."""


class _UnitConverter:
    """value -> integer unit, cached by (numerator, denominator)."""

    def __init__(self, inp: RankingInput) -> None:
        lo, step = Fraction(inp.scale_min), Fraction(inp.scale_step)
        self.scale = math.lcm(lo.denominator, step.denominator)
        self.lo = int(lo * self.scale)
        self.step = int(step * self.scale)
        self.top = int((Fraction(inp.scale_max) - lo) / step)
        self.cache: dict[tuple[int, int], int] = {}

    def __call__(self, value: Number) -> int:
        if not isinstance(value, Fraction):
            value = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
        key = (value.numerator, value.denominator)
        unit = self.cache.get(key)
        if unit is None:
            scaled, rest = divmod(key[0] * self.scale, key[1])
            unit, off = divmod(scaled - self.lo, self.step)
            if rest or off or not 0 <= unit <= self.top:
                raise ValueError(f"score {value} is not on the scale")
            self.cache[key] = unit
        return unit


def integer_weights(weights: list[Fraction]) -> list[int]:
    lcm = math.lcm(*(Fraction(w).denominator for w in weights)) if weights else 1
    ints = [int(Fraction(w) * lcm) for w in weights]
    g = math.gcd(*ints) if ints else 1
    return [i // g for i in ints] if g else ints


def prepare(inp: RankingInput) -> Prepared:
    pitch_keys = tuple(p.key for p in inp.pitches)
    juror_keys = tuple(inp.jurors)
    crit_keys = tuple(c.key for c in inp.criteria)
    pidx = {k: i for i, k in enumerate(pitch_keys)}
    jidx = {k: i for i, k in enumerate(juror_keys)}
    cidx = {k: i for i, k in enumerate(crit_keys)}
    n, m, c = len(pitch_keys), len(juror_keys), len(crit_keys)
    conv = _UnitConverter(inp)
    iw = integer_weights([cr.weight for cr in inp.criteria])
    units = np.zeros((n, m, c), dtype=np.int32)
    present = np.zeros((n, m, c), dtype=bool)
    scores = inp.scores
    if isinstance(scores, ScoreArrays) and (scores.pitches, scores.jurors, scores.criteria) == (
        pitch_keys,
        juror_keys,
        crit_keys,
    ):
        # Read as arrays by the store: each distinct value converted once, exactly as
        # _fill converts it, then placed by index (no Python object per score).
        unit_of = np.array([conv(v) for v in scores.distinct], dtype=np.int32)
        units.flat[scores.index] = unit_of[scores.codes]
        present.flat[scores.index] = True
    else:
        _fill(units, present, scores, pidx, jidx, cidx, conv, m, c)
    elig = np.ones((n, m), dtype=bool)
    for p, j in inp.ineligible:
        pi, ji = pidx.get(p), jidx.get(j)
        if pi is not None and ji is not None:
            elig[pi, ji] = False
    withdrawn = np.array([p.withdrawn for p in inp.pitches], dtype=bool)
    held = np.array([p.key in inp.held_back for p in inp.pitches], dtype=bool)
    return Prepared(
        inp=inp,
        pitch_keys=pitch_keys,
        pidx=pidx,
        juror_keys=juror_keys,
        jidx=jidx,
        crit_keys=crit_keys,
        cidx=cidx,
        iw=np.array(iw, dtype=np.int64),
        wsum=sum(iw),
        grades=conv.top + 1,
        units=units,
        present=present,
        elig=elig,
        withdrawn=withdrawn.reshape(n),
        held=held.reshape(n),
    )


def _fill(
    units: np.ndarray,
    present: np.ndarray,
    scores: Mapping[tuple[str, str, str], Number | None],
    pidx: Mapping[str, int],
    jidx: Mapping[str, int],
    cidx: Mapping[str, int],
    conv: _UnitConverter,
    m: int,
    c: int,
) -> None:
    flat: list[int] = []
    vals: list[int] = []
    add_i, add_v = flat.append, vals.append
    pget, jget, cget = pidx.get, jidx.get, cidx.get
    for (p, j, cr), v in scores.items():
        pi, ji, ci = pget(p), jget(j), cget(cr)
        if pi is None or ji is None or ci is None or v is None:
            continue
        add_i((pi * m + ji) * c + ci)
        add_v(conv(v))
    if flat:
        idx = np.array(flat, dtype=np.int64)
        units.flat[idx] = np.array(vals, dtype=np.int32)
        present.flat[idx] = True


def set_pitch_scores(
    prep: Prepared, pitch: str, scores: Mapping[tuple[str, str], Number | None]
) -> None:
    """Replace every score of one pitch: ``{(juror, criterion): value}``."""
    pi = prep.pidx[pitch]
    conv = _UnitConverter(prep.inp)
    prep.units[pi] = 0
    prep.present[pi] = False
    for (j, cr), v in scores.items():
        ji, ci = prep.jidx.get(j), prep.cidx.get(cr)
        if ji is None or ci is None or v is None:
            continue
        prep.units[pi, ji, ci] = conv(v)
        prep.present[pi, ji, ci] = True


@dataclass
class Aggregates:
    """Per-pitch integer aggregates for one juror weighting (multiplicities)."""

    eligible: np.ndarray
    """(n, m) bool: eligible, weight > 0 and not held back."""
    pres: np.ndarray
    """(n, m, C) bool: counted scores."""
    count: np.ndarray
    """(n, C) weighted number of scores per criterion."""
    total: np.ndarray
    """(n, C) weighted sum of units per criterion."""
    lo: np.ndarray
    hi: np.ndarray
    """(n, C) lowest / highest unit (when count > 0)."""
    tally: np.ndarray
    """(n, C, G) weighted count per grade."""
    scored: np.ndarray
    """(n,) distinct eligible jurors with at least one score."""
    complete: np.ndarray
    """(n, m) bool: eligible juror scored every criterion."""
    ncomplete: np.ndarray
    neligible: np.ndarray
    totals: np.ndarray
    """(n, m) int64 juror total in weighted units (sum_c iw_c u); valid where complete."""


def aggregate(prep: Prepared, weights: np.ndarray | None = None) -> Aggregates:
    n, m, c, g = prep.n, prep.m, prep.c, prep.grades
    eligible = prep.elig & ~prep.held[:, None]
    if weights is not None:
        eligible = eligible & (weights > 0)[None, :]
    pres = prep.present & eligible[:, :, None]
    u = np.where(pres, prep.units, 0).astype(np.int64)
    if weights is None:
        count = pres.sum(axis=1, dtype=np.int64)
        total = u.sum(axis=1)
    else:
        wj = weights.astype(np.int64)[None, :, None]
        count = (pres * wj).sum(axis=1)
        total = (u * wj).sum(axis=1)
    # Each counted score's bin (pitch, criterion, grade); the others in one bin past the end.
    cells = (np.arange(n, dtype=np.int64)[:, None, None] * c + np.arange(c)[None, None, :]) * g
    flat = np.where(pres, cells + prep.units, n * c * g).ravel()
    if weights is None:
        tally = np.bincount(flat, minlength=n * c * g + 1)[:-1]
    else:
        each = np.broadcast_to(weights.astype(np.float64)[None, :, None], pres.shape).ravel()
        tally = np.bincount(flat, weights=each, minlength=n * c * g + 1)[:-1]
        tally = np.rint(tally).astype(np.int64)
    tally = tally.reshape(n, c, g)
    if m:  # the lowest and highest unit counted: those of the tally (G and -1 for none)
        lo, hi = tally_bounds(tally, prep.units.dtype)
    else:
        lo, hi = np.zeros((n, c), int), np.zeros((n, c), int)
    complete = pres.all(axis=2) & eligible if c else eligible.copy()
    totals = (u * prep.iw[None, None, :]).sum(axis=2)
    return Aggregates(
        eligible=eligible,
        pres=pres,
        count=count,
        total=total,
        lo=lo,
        hi=hi,
        tally=tally,
        scored=pres.any(axis=2).sum(axis=1),
        complete=complete,
        ncomplete=complete.sum(axis=1),
        neligible=eligible.sum(axis=1),
        totals=totals,
    )


def aggregate_without(prep: Prepared, base: Aggregates, j: int) -> Aggregates:
    """``aggregate(prep, w)`` for ``w`` all ones but juror ``j`` (0), derived from
    ``base = aggregate(prep)`` by taking juror ``j``'s contributions out."""
    n, c, g = prep.n, prep.c, prep.grades
    eligible = base.eligible.copy()
    eligible[:, j] = False
    pres = base.pres.copy()
    pres[:, j, :] = False
    mine = base.pres[:, j, :]
    units = prep.units[:, j, :]
    count = base.count - mine
    total = base.total - np.where(mine, units, 0)
    ii, cc = np.nonzero(mine)
    flat = (ii * c + cc) * g + units[ii, cc]
    tally = base.tally - np.bincount(flat, minlength=n * c * g).reshape(n, c, g)
    lo, hi = tally_bounds(tally, base.lo.dtype)
    complete = base.complete.copy()
    complete[:, j] = False
    totals = base.totals.copy()
    totals[:, j] = 0
    return Aggregates(
        eligible=eligible,
        pres=pres,
        count=count,
        total=total,
        lo=lo,
        hi=hi,
        tally=tally,
        scored=base.scored - mine.any(axis=1),
        complete=complete,
        ncomplete=base.ncomplete - base.complete[:, j],
        neligible=base.neligible - base.eligible[:, j],
        totals=totals,
    )


def tally_bounds(tally: np.ndarray, dtype: np.dtype | type = np.int64) -> tuple[np.ndarray, ...]:
    """Lowest and highest grade with a positive count, over the last axis of
    ``tally`` (G and -1 where there is none), as :func:`aggregate` gives them."""
    g = tally.shape[-1]
    has = tally > 0
    anyg = has.any(axis=-1)
    lo = np.where(anyg, np.argmax(has, axis=-1), g).astype(dtype)
    hi = np.where(anyg, g - 1 - np.argmax(has[..., ::-1], axis=-1), -1).astype(dtype)
    return lo, hi
