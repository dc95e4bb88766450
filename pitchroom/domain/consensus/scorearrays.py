"""Scores as arrays: what the store reads for the engine at any size.

A ``dict`` of ``(pitch, juror, criterion) -> Fraction`` costs one tuple, one
dict entry and a ``Fraction`` reference per score: seconds and a hundred-odd
megabytes at 500,000 scores, only for :func:`~pitchroom.domain.consensus.prepare.prepare`
to turn it into arrays again. :class:`ScoreArrays` holds the same scores as a flat
index into the (pitch, juror, criterion) grid of the key tuples it names and, per
score, a code into the few distinct exact values. ``prepare`` reads the arrays
directly; as a :class:`Mapping` it gives the very same ``Fraction`` values as the
dict would, built only when someone asks (exports, tests).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction

import numpy as np

Key = tuple[str, str, str]


class ScoreArrays(Mapping[Key, Fraction]):
    """Read-only scores: ``index[k] = (p * len(jurors) + j) * len(criteria) + c``,
    value ``distinct[codes[k]]`` (the values that occur). Each index appears once."""

    __slots__ = ("_dict", "codes", "criteria", "distinct", "index", "jurors", "pitches")

    def __init__(
        self,
        pitches: tuple[str, ...],
        jurors: tuple[str, ...],
        criteria: tuple[str, ...],
        index: np.ndarray,
        codes: np.ndarray,
        distinct: tuple[Fraction, ...],
    ) -> None:
        self.pitches, self.jurors, self.criteria = pitches, jurors, criteria
        self.index = index
        self.codes = codes
        self.distinct = distinct
        self._dict: dict[Key, Fraction] | None = None

    def grid(self) -> tuple[int, int, int]:
        return len(self.pitches), len(self.jurors), len(self.criteria)

    def as_dict(self) -> dict[Key, Fraction]:
        """The scores as the plain dict (built once, on first use)."""
        if self._dict is None:
            _n, m, c = self.grid()
            p, rest = np.divmod(self.index, m * c)
            j, k = np.divmod(rest, c)
            pk, jk, ck, vals = self.pitches, self.jurors, self.criteria, self.distinct
            self._dict = {
                (pk[a], jk[b], ck[d]): vals[e]
                for a, b, d, e in zip(
                    p.tolist(), j.tolist(), k.tolist(), self.codes.tolist(), strict=True
                )
            }
        return self._dict

    def __getitem__(self, key: Key) -> Fraction:
        return self.as_dict()[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self.as_dict())

    def __len__(self) -> int:
        return len(self.index)

    def __contains__(self, key: object) -> bool:
        return key in self.as_dict()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self.as_dict() == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping, unhashable like dict
