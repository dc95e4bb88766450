"""Majority Judgment (Balinski & Laraki) and the usual judgment, on tallies.

A tally is a sequence of non-negative counts (or exact weights), index 0 the
worst grade. Everything here is exact: ints and ``Fraction``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

BYTES_LIMIT = 4_000_000
"""Majority values up to this length are compared as byte strings."""

Number = int | Fraction


def majority_grade(tally: Sequence[Number]) -> int:
    """The lower middlemost grade: the smallest g with cum(g) >= total / 2."""
    total = sum(tally)
    if total <= 0:
        raise ValueError("empty tally")
    acc: Number = 0
    for g, count in enumerate(tally):
        acc += count
        if 2 * acc >= total:
            return g
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Gauge:
    grade: int
    p: Fraction
    """Share strictly above the majority grade."""
    q: Fraction
    """Share strictly below the majority grade."""

    @property
    def plus(self) -> bool:
        return self.p > self.q

    def key(self) -> tuple[int, int, Fraction]:
        """Larger is better: grade, then + over -, then larger p or smaller q."""
        return (self.grade, 1, self.p) if self.plus else (self.grade, 0, -self.q)

    def number(self, step: Number = 1) -> Fraction:
        """Fabre's numeric key in grade units: grade + p, or grade - q (times the step)."""
        delta = self.p if self.plus else -self.q
        return self.grade + Fraction(step) * delta


def gauge(tally: Sequence[Number]) -> Gauge:
    a = majority_grade(tally)
    total = sum(tally)
    above = sum(tally[a + 1 :])
    below = sum(tally[:a])
    return Gauge(a, Fraction(above) / total, Fraction(below) / total)


def usual_judgment(tally: Sequence[Number]) -> Fraction:
    """Fabre's usual judgment = the interpolated median, in grade units."""
    g = gauge(tally)
    share = 1 - g.p - g.q
    return g.grade + (g.p - g.q) / (2 * share)


def iter_majority_value_runs(tally: Sequence[int]) -> Iterator[tuple[int, int]]:
    """The majority value as maximal runs ``(grade, repeat)``, lazily (integer tallies)."""
    t = [int(x) for x in tally]
    if any(x < 0 for x in t):
        raise ValueError("negative tally")
    n = sum(t)
    last: tuple[int, int] | None = None
    while n:
        acc = 0
        g = 0
        while 2 * (acc + t[g]) < n:
            acc += t[g]
            g += 1
        below = acc
        cum = acc + t[g]
        # g stays the lower median for i more removals while 2*below < n - i
        # and 2*(cum - i) >= n - i (checked against the naive definition in tests).
        k = max(min(n - 2 * below, 2 * cum - n + 1, t[g]), 1)
        if last is not None and last[0] != g:
            yield last
            last = None
        last = (g, k) if last is None else (g, last[1] + k)
        t[g] -= k
        n -= k
    if last is not None:
        yield last


def majority_value_runs(tally: Sequence[int]) -> list[tuple[int, int]]:
    """The majority value as runs ``(grade, repeat)`` (integer tallies)."""
    return list(iter_majority_value_runs(tally))


def majority_value(tally: Sequence[int]) -> list[int]:
    """The full majority value sequence (for tests and small tallies)."""
    return [g for g, k in majority_value_runs(tally) for _ in range(k)]


def compare_runs(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Lexicographic comparison of two run-length sequences: -1, 0 or 1."""
    i = j = 0
    ra = rb = 0
    while i < len(a) and j < len(b):
        ga, na = a[i]
        gb, nb = b[j]
        if ga != gb:
            return 1 if ga > gb else -1
        left_a, left_b = na - ra, nb - rb
        step = min(left_a, left_b)
        ra += step
        rb += step
        if ra == na:
            i, ra = i + 1, 0
        if rb == nb:
            j, rb = j + 1, 0
    if i < len(a):
        return 1
    if j < len(b):
        return -1
    return 0


def normalised_tallies(tallies: Sequence[Sequence[Number]]) -> list[list[int]]:
    """Scale tallies of different sizes to integers with one common total
    (MieuxVoter's NormalizedTally): shares times the LCM of their denominators."""
    shares = [[Fraction(x) / sum(t) for x in t] for t in tallies]
    lcm = math.lcm(*(s.denominator for row in shares for s in row)) if shares else 1
    return [[int(s * lcm) for s in row] for row in shares]


class _RunsKey:
    """A majority value computed lazily, only as far as a comparison needs."""

    __slots__ = ("tally", "runs", "_it")

    def __init__(self, tally: Sequence[int]) -> None:
        self.tally = tuple(tally)
        self.runs: list[tuple[int, int]] = []
        self._it: Iterator[tuple[int, int]] | None = iter_majority_value_runs(self.tally)

    def _run(self, k: int) -> tuple[int, int] | None:
        while len(self.runs) <= k and self._it is not None:
            nxt = next(self._it, None)
            if nxt is None:
                self._it = None
            else:
                self.runs.append(nxt)
        return self.runs[k] if k < len(self.runs) else None

    def compare(self, other: _RunsKey) -> int:
        if self.tally == other.tally:
            return 0
        i = j = ra = rb = 0
        while True:
            a, b = self._run(i), other._run(j)
            if a is None or b is None:
                return (a is not None) - (b is not None)
            if a[0] != b[0]:
                return 1 if a[0] > b[0] else -1
            step = min(a[1] - ra, b[1] - rb)
            ra += step
            rb += step
            if ra == a[1]:
                i, ra = i + 1, 0
            if rb == b[1]:
                j, rb = j + 1, 0

    def __lt__(self, other: _RunsKey) -> bool:
        return self.compare(other) < 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _RunsKey) and self.compare(other) == 0


def mv_order(k: int) -> np.ndarray:
    """Positions in the sorted grades, in majority-value order, for k grades:
    the lower median, then alternately outward (below first when k is odd)."""
    i = np.arange(1, k)
    step = (i + 1) // 2
    first_down = k % 2 == 1
    sign = np.where((i % 2 == 1) == first_down, -1, 1)
    return np.concatenate(([0], sign * step)) + (k - 1) // 2


def majority_value_bytes(tally: Sequence[int], order: np.ndarray | None = None) -> bytes:
    """The majority value as big-endian 16-bit grades: bytes compare like the sequence."""
    counts = np.asarray([int(x) for x in tally], dtype=np.int64)
    grades = np.repeat(np.arange(len(counts), dtype=">u2"), counts)
    order = mv_order(len(grades)) if order is None else order
    data: bytes = grades[order].tobytes()
    return data


def mj_keys(tallies: Sequence[Sequence[Number]]) -> list[tuple[Any, ...]]:
    """Sort keys (larger is better) for tallies: gauge, then the majority value
    among tallies whose gauges are equal (normalised to a common total within
    that group, so the key does not depend on the other tallies).

    Integer tallies take :func:`_mj_keys_ints` (the gauges and normalised tallies
    as arrays, the same keys); others (exact weights) :func:`mj_keys_exact`."""
    if (
        tallies
        and len({len(t) for t in tallies}) == 1
        and all(type(x) is int and 0 <= x < 2**31 for t in tallies for x in t)
    ):
        return _mj_keys_ints(np.array(tallies, dtype=np.int64).reshape(len(tallies), -1))
    return mj_keys_exact(tallies)


def _mj_keys_ints(tally: np.ndarray) -> list[tuple[Any, ...]]:
    """:func:`mj_keys_exact` of an (R, G) array of non-negative integer tallies."""
    r = len(tally)
    total = tally.sum(axis=1)
    if (total <= 0).any():
        raise ValueError("empty tally")
    cum = np.cumsum(tally, axis=1)
    grade = np.argmax(2 * cum >= total[:, None], axis=1)
    rows = np.arange(r)
    upto = cum[rows, grade]
    below = upto - tally[rows, grade]
    above = total - upto
    plus = above > below
    # The gauge's share as a reduced pair: p = above / total, or q = below / total.
    share = np.where(plus, above, below)
    common = np.gcd(share, total)
    num, den = share // common, total // common
    groups: dict[tuple[int, int, int, int], list[int]] = {}
    for i, key in enumerate(
        zip(grade.tolist(), plus.tolist(), num.tolist(), den.tolist(), strict=True)
    ):
        groups.setdefault(key, []).append(i)
    keys: list[tuple[Any, ...]] = [()] * r
    for (g, up, a, b), members in groups.items():
        gkey = (g, 1, Fraction(a, b)) if up else (g, 0, -Fraction(a, b))
        if len(members) == 1:
            keys[members[0]] = (gkey, b"")
            continue
        sub = tally[members]
        sizes = total[members]
        # Shares x / T over one common denominator (normalised_tallies): per row
        # T / gcd(x...) (T is their sum) is the LCM of its shares' denominators.
        unit = np.gcd.reduce(sub, axis=1)
        dens = [int(x) for x in sizes // unit]
        lcm = math.lcm(*dens)
        if lcm <= BYTES_LIMIT:
            norm = sub // unit[:, None] * (lcm // np.array(dens, dtype=np.int64))[:, None]
            grades = np.repeat(
                np.tile(np.arange(tally.shape[1], dtype=">u2"), len(members)), norm.ravel()
            )
            values = grades.reshape(len(members), lcm)[:, mv_order(lcm)]
            for i, row in zip(members, values, strict=True):
                keys[i] = (gkey, row.tobytes())
        else:
            for i, row, d, u in zip(members, sub.tolist(), dens, unit.tolist(), strict=True):
                keys[i] = (gkey, _RunsKey([x // u * (lcm // d) for x in row]))
    return keys


def mj_keys_exact(tallies: Sequence[Sequence[Number]]) -> list[tuple[Any, ...]]:
    """:func:`mj_keys` by the definitions, for any tallies (ints or exact weights)."""
    gauges = [gauge(t) for t in tallies]
    groups: dict[tuple[int, int, Fraction], list[int]] = {}
    for i, g in enumerate(gauges):
        groups.setdefault(g.key(), []).append(i)
    keys: list[tuple[Any, ...]] = [()] * len(tallies)
    for gkey, members in groups.items():
        if len(members) == 1:
            keys[members[0]] = (gkey, b"")
            continue
        norm = normalised_tallies([tallies[i] for i in members])
        total = sum(norm[0])
        if total <= BYTES_LIMIT:
            order = mv_order(total)
            for i, t in zip(members, norm, strict=True):
                keys[i] = (gkey, majority_value_bytes(t, order))
        else:
            for i, t in zip(members, norm, strict=True):
                keys[i] = (gkey, _RunsKey(t))
    return keys


def mj_ranks(tallies: Sequence[Sequence[Number]]) -> list[int]:
    """Competition ranks (1 = best) of tallies by Majority Judgment."""
    keys = mj_keys(tallies)
    return [1 + sum(1 for other in keys if _greater(other, mine)) for mine in keys]


def _greater(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    if a[0] != b[0]:
        return bool(a[0] > b[0])
    return bool(b[1] < a[1])
