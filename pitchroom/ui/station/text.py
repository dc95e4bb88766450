"""Numbers as stations and the projector show them.

User text goes through :mod:`pitchroom.ui.text` (control characters out, never markup).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def number(value: Fraction | Decimal | float | int) -> str:
    """``7``, ``7.5``: a score or weight as a person writes it."""
    exact = Fraction(value) if not isinstance(value, Fraction) else value
    if exact.denominator == 1:
        return str(exact.numerator)
    return f"{float(exact):g}"


def amount(value: Decimal | float | int) -> str:
    """``180,000``: an amount with thousands separators."""
    exact = Decimal(value)
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    return f"{exact:,.2f}"
