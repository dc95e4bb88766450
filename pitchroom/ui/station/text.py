"""Numbers as stations and the projector show them.

User text goes through :mod:`pitchroom.ui.text` (control characters out, never markup).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pitchroom.i18n import formats


def number(value: Fraction | Decimal | float | int) -> str:
    """``7``, ``7.5`` (nl ``7,5``): a score or weight as a person writes it."""
    return formats.number(value, 4)


def amount(value: Decimal | float | int) -> str:
    """``180,000`` (nl ``180.000``): an amount, cents only when not whole."""
    return formats.amount(value)
