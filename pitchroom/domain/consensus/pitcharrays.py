"""Median and majority per pitch for many pitches at once (arrays), exact.

The per-criterion integer quantities (lower median grade, counts below, at and
above it) of every pitch come from the grade tallies in one pass of cumulative
counts; only the last step, one ``Fraction`` per value (through the cache of
:meth:`Prepared.exact`), is per pitch. Each row gives what
:func:`methods._pitch_median` / :func:`methods._pitch_majority` give for that
pitch (tests/consensus/test_pitch_arrays.py compares them); a row whose common
denominators could overflow int64 is left to those functions (``None``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from pitchroom.domain.consensus.majority import Gauge
from pitchroom.domain.consensus.prepare import Aggregates, Prepared

SAFE = 2**62
"""Bound (checked in float64, with room for its rounding) below which int64 sums are exact."""


def median_units(tally: np.ndarray) -> tuple[np.ndarray, ...]:
    """(grade, below, at, above, total) over the last axis of integer tallies:
    the lower median grade (the smallest g with 2 cum(g) >= total) and the counts
    below, at and above it (grade 0 and zeros for an empty tally)."""
    cum = np.cumsum(tally, axis=-1)
    total = cum[..., -1]
    grade = np.argmax(2 * cum >= total[..., None], axis=-1)
    at = np.take_along_axis(tally, grade[..., None], axis=-1)[..., 0]
    upto = np.take_along_axis(cum, grade[..., None], axis=-1)[..., 0]
    return grade, upto - at, at, total - upto, total


def _common_multiple(dens: np.ndarray, used: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row a common multiple of the used denominators (their LCM), and whether
    it is trustworthy (no int64 overflow on the way)."""
    d = np.where(used, dens, 1)
    with np.errstate(over="ignore"):
        lcm = np.lcm.reduce(d, axis=-1)
    prod = np.prod(d.astype(np.float64), axis=-1)
    ok = (prod < SAFE / 2) & (lcm > 0)
    return np.where(ok, lcm, 1), ok


def median_rows(prep: Prepared, agg: Aggregates, rows: np.ndarray) -> list[Any]:
    """``_pitch_median`` of each pitch in ``rows`` (None: left to it)."""
    counts = agg.count[rows]
    grade, below, at, above, _ = median_units(agg.tally[rows].astype(np.int64))
    used = counts > 0
    nums = np.where(used, 2 * at * grade + above - below, 0)
    dens = np.where(used, 2 * at, 0)
    lcm, ok = _common_multiple(dens, used)
    iw = prep.iw.astype(np.int64)
    scale = np.where(used, lcm[:, None] // np.where(used, dens, 1), 0)
    bound = (np.abs(nums).astype(np.float64) * scale * iw).sum(axis=1)
    ok &= bound < SAFE / 2
    num = (nums * scale * iw).sum(axis=1)
    wsum = (used * iw).sum(axis=1)
    any_used = used.any(axis=1).tolist()
    exact = prep.exact
    out: list[Any] = []
    for k, (nrow, drow, good) in enumerate(
        zip(nums.tolist(), dens.tolist(), ok.tolist(), strict=True)
    ):
        if not good:
            out.append(None)
            continue
        crit = tuple(exact(a, b) if b > 0 else None for a, b in zip(nrow, drow, strict=True))
        score = exact(int(num[k]), int(lcm[k]) * int(wsum[k])) if any_used[k] else None
        out.append((score, score, crit, crit, None))
    return out


def majority_rows(prep: Prepared, agg: Aggregates, rows: np.ndarray) -> list[Any]:
    """``_pitch_majority`` of each pitch in ``rows`` (None: left to it). Only rows
    whose used criteria have equal counts are done here (then the pooled tally is
    the criterion weights times the tallies); the others are left to it."""
    from pitchroom.domain.consensus.result import GaugeInfo

    step = Fraction(prep.inp.scale_step)
    sn, sd = step.numerator, step.denominator
    counts = agg.count[rows].astype(np.int64)
    tally = agg.tally[rows].astype(np.int64)
    grade, below, _at, above, total = median_units(tally)
    used = counts > 0
    big = np.iinfo(np.int64).max
    top = np.where(used, counts, 0).max(axis=1, initial=0)
    low = np.where(used, counts, big).min(axis=1, initial=big)
    iw = prep.iw.astype(np.int64)
    # With equal counts the LCM is that count and each factor is the weight.
    pooled = (tally * np.where(used, iw, 0)[:, :, None]).sum(axis=1)
    bound = (tally.astype(np.float64) * iw[None, :, None]).sum(axis=(1, 2))
    ok = (top == low) & (top > 0) & (bound < SAFE / 2)
    ok &= float(sd) * np.abs(total).max(axis=1, initial=0) * max(int(prep.grades), 1) < SAFE / 4
    signed = np.where(above > below, above, -below)
    cnum = grade * sd * total + sn * signed
    cden = sd * total
    pg, pbelow, _pat, pabove, ptotal = median_units(pooled)
    exact = prep.exact
    grade_value = [exact(g, 1) for g in range(max(int(prep.grades), 1))]
    crit_cache: dict[tuple[int, int], Fraction] = {}
    gauges: dict[tuple[int, int, int, int], tuple[Any, ...]] = {}
    out: list[Any] = []
    rows_ok = ok.tolist()
    cnums, cdens, useds, gradess = cnum.tolist(), cden.tolist(), used.tolist(), grade.tolist()
    heads = zip(pg.tolist(), pabove.tolist(), pbelow.tolist(), ptotal.tolist(), strict=True)
    for k, head in enumerate(heads):
        if not rows_ok[k]:
            out.append(None)
            continue
        urow = useds[k]
        crit: list[Fraction | None] = []
        for a, b, u in zip(cnums[k], cdens[k], urow, strict=True):
            if not u:
                crit.append(None)
                continue
            v = crit_cache.get((a, b))
            if v is None:
                v = crit_cache[a, b] = exact(a, b)
            crit.append(v)
        grades = tuple(grade_value[g] if u else None for g, u in zip(gradess[k], urow, strict=True))
        shared = gauges.get(head)
        if shared is None:
            g, up, down, t = head
            gauge = Gauge(g, Fraction(up, t), Fraction(down, t))
            info = (grade_value[g], gauge.p, gauge.q, gauge.plus)
            shared = gauges[head] = (prep.value(gauge.number(step)), gauge.key(), info)
        score, key, (gv, p, q, plus) = shared
        info_k = GaugeInfo(gv, p, q, plus, tuple(pooled[k].tolist()))
        out.append((score, key, tuple(crit), grades, info_k))
    return out
