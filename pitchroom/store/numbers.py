"""Stored numbers back to exact ones."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def as_fraction(value: float | int | str | Decimal) -> Fraction:
    """A stored REAL back to an exact number (``7.5`` -> 15/2, ``0.1`` -> 1/10)."""
    if type(value) is float:
        # Scores take few distinct values: parse each once (Fraction is immutable).
        hit = _FLOAT_FRACTIONS.get(value)
        if hit is None:
            if len(_FLOAT_FRACTIONS) >= 4096:
                _FLOAT_FRACTIONS.clear()
            hit = _FLOAT_FRACTIONS[value] = Fraction(repr(value))
        return hit
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


_FLOAT_FRACTIONS: dict[float, Fraction] = {}
