"""Krippendorff's alpha: the jury's agreement on juror totals, missing values allowed.

Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011). Reliability
data are units (here: pitches), each with the values its observers (jurors)
gave; a unit with fewer than two values is not pairable and drops out. With
``n`` the number of pairable values, ``m_u`` the values in unit ``u`` and
``o_ck`` the coincidence matrix (each ordered pair of values within a unit
counted ``1 / (m_u - 1)`` times)::

    alpha = 1 - D_o / D_e
    D_o = (1 / n) sum_ck o_ck delta2(c, k)
    D_e = (1 / (n (n - 1))) sum_ck n_c n_k delta2(c, k)

For the interval metric ``delta2(c, k) = (c - k)^2``, and the sums over pairs
reduce to sums of squares: ``sum_ck o_ck delta2 = sum_u 2 m_u SS_u / (m_u - 1)``
and ``sum_ck n_c n_k delta2 = 2 n SS``, where ``SS_u`` is the sum of squared
deviations within unit ``u`` and ``SS`` that of all pairable values. Everything
is exact (``Fraction``); alpha is undefined (None) when there is no pairable
unit or no variation at all (``D_e = 0``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Literal

import numpy as np

Value = int | Fraction
Metric = Literal["nominal", "interval"]


def krippendorff_alpha(
    units: Iterable[Sequence[Value | None]], metric: Metric = "interval"
) -> Fraction | None:
    """Alpha over ``units``: per unit the observers' values, None where missing."""
    pairable = [[Fraction(v) for v in unit if v is not None] for unit in units]
    pairable = [values for values in pairable if len(values) >= 2]
    if not pairable:
        return None
    if metric == "interval":
        return _interval(pairable)
    if metric == "nominal":
        return _nominal(pairable)
    raise ValueError(f"unknown metric {metric!r}")


def _interval(units: list[list[Fraction]]) -> Fraction | None:
    # m SS = m sum(x^2) - sum(x)^2, per unit and over all pairable values.
    n, sum_all, sq_all = 0, Fraction(0), Fraction(0)
    within = Fraction(0)
    for values in units:
        m = len(values)
        s = sum(values, Fraction(0))
        sq = sum((v * v for v in values), Fraction(0))
        within += (m * sq - s * s) / (m - 1)
        n, sum_all, sq_all = n + m, sum_all + s, sq_all + sq
    total = n * sq_all - sum_all * sum_all
    if total == 0:
        return None
    return 1 - (n - 1) * within / total


def _nominal(units: list[list[Fraction]]) -> Fraction | None:
    n = sum(len(u) for u in units)
    disagree = Fraction(0)
    marginal: Counter[Fraction] = Counter()
    for values in units:
        m = len(values)
        counts = Counter(values)
        marginal.update(counts)
        pairs = m * m - sum(c * c for c in counts.values())
        disagree += Fraction(pairs, m - 1)
    expected = n * n - sum(c * c for c in marginal.values())
    if expected == 0:
        return None
    return 1 - (n - 1) * disagree / expected


_EXACT_INT64 = 2**20
"""Largest |total| for which :func:`alpha_of_totals` sums in int64 (squares times jurors
times pitches stay far below 2**63); larger totals take the ``Fraction`` path."""


def alpha_of_totals(totals: np.ndarray, valid: np.ndarray) -> float | None:
    """Interval alpha over the rows (pitches) of integer juror ``totals`` where
    ``valid`` (an eligible juror scored every criterion); rows with fewer than
    two valid totals drop out. Totals in any affine unit give the same alpha.

    The same exact value as :func:`krippendorff_alpha`, from integer sums: per unit
    ``m SS = m sum(x^2) - sum(x)^2`` is an integer, so ``within`` is one ``Fraction``
    per distinct unit size instead of Fraction arithmetic per value."""
    valid = np.asarray(valid, dtype=bool)
    counts = valid.sum(axis=1)
    keep = counts >= 2
    if not keep.any():
        return None
    x = np.where(valid, totals, 0)[keep]
    if int(np.abs(x).max(initial=0)) > _EXACT_INT64:
        units = [[int(v) for v in row[mask]] for row, mask in zip(totals, valid, strict=True)]
        value = krippendorff_alpha(units, "interval")
        return None if value is None else float(value)
    x = x.astype(np.int64)
    m = counts[keep].astype(np.int64)
    s = x.sum(axis=1)
    sq = (x * x).sum(axis=1)
    spread = m * sq - s * s
    within = sum(
        (Fraction(int(spread[m == size].sum()), int(size) - 1) for size in sorted(set(m.tolist()))),
        Fraction(0),
    )
    n, sum_all, sq_all = int(m.sum()), int(s.sum()), int(sq.sum())
    total = n * sq_all - sum_all * sum_all
    if total == 0:
        return None
    return float(1 - (n - 1) * within / total)
