"""Every number, score, amount, percentage and date shown to people, in the current
language, through Babel's CLDR data. Screens, the CLI and every export call these;
nothing else formats a number for a person (machine formats, JSON and the database
keep plain numbers).

==============  =====================  ======================
what            English                Dutch
==============  =====================  ======================
number          4,000,000 · 7.5        4.000.000 · 7,5
score           7 · 7.5 (the scale's   7 · 7,5
                step sets decimals)
total           7.25 (two decimals)    7,25
amount          4,000,000 · 1,250.50   4.000.000 · 1.250,50
money           EUR 4,000,000          € 4.000.000
percent         12.5%                  12,5%
date            12 June 2024           12 juni 2024
==============  =====================  ======================

Money drops the cents when the amount is whole. English keeps the ISO code before the
amount (``EUR 4,000,000``, as the English screens always showed); Dutch uses CLDR's sign
(``€``). Both put it first with a space, so messages write ``{currency} {amount}`` with
:func:`currency` and :func:`amount`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING, Literal

from pitchroom.i18n import language

if TYPE_CHECKING:
    from babel import Locale

Number = Decimal | Fraction | float | int

# The CLDR locale behind each interface language: British English writes
# "12 June 2024", as the Dutch write "12 juni 2024".
LOCALES = {"en": "en_GB", "nl": "nl_NL"}


@cache
def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, "en_GB"))


def locale() -> Locale:
    """The Babel locale of the current interface language."""
    return _locale(language())


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def fixed(value: Number, places: int) -> str:
    """A number with exactly ``places`` decimals: 7.50 (nl 7,50)."""
    return _fixed(value, places)


# CLDR's group and decimal signs of each locale above (its minus is ASCII's):
# a rounded number is written with them directly, as Babel writes it with the
# patterns below, without loading the locale's data for the first number shown
# (tests/test_formats_plain.py compares the two).
_SIGNS = {"en": (",", "."), "nl": (".", ",")}


def _grouped(rounded: Decimal, *, keep_zeros: bool) -> str | None:
    """``rounded`` (quantized to its decimals) as the patterns "#,##0.00" (zeros
    kept) or "#,##0.##" (dropped) write it; None for what is not a finite number."""
    if not rounded.is_finite():
        return None
    group, point = _SIGNS.get(language(), _SIGNS["en"])
    whole, _, decimals = format(abs(rounded), "f").partition(".")
    if not keep_zeros:
        decimals = decimals.rstrip("0")
    text = f"{int(whole):,}".replace(",", group) + (point + decimals if decimals else "")
    return "-" + text if rounded.is_signed() else text


def _fixed(value: Number, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    rounded = _decimal(value).quantize(quantum)
    shown = _grouped(rounded, keep_zeros=True)
    if shown is not None:
        return shown
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return format_decimal(rounded, pattern, locale=locale())


def number(value: Number, places: int = 2) -> str:
    """A number with at most ``places`` decimals, trailing zeros dropped: 7.5, 4,000,000."""
    quantum = Decimal(1).scaleb(-places)
    rounded = _decimal(value).quantize(quantum)
    shown = _grouped(rounded, keep_zeros=False)
    if shown is not None:
        return shown
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * places if places > 0 else "")
    return format_decimal(rounded, pattern, locale=locale())


def places_of(step: Number) -> int:
    """How many decimals a scale step needs: 1 -> 0, 0.5 -> 1, 0.25 -> 2."""
    exponent = _decimal(step).normalize().as_tuple().exponent
    return max(0, -int(exponent)) if isinstance(exponent, int) else 0


def score(value: Number, step: Number = 1) -> str:
    """A juror's score with the decimals the scale's step allows: 7, 7.5 (nl 7,5)."""
    return number(value, places_of(step))


def total(value: Number) -> str:
    """A weighted total or a consensus score: always two decimals, 7.25 (nl 7,25)."""
    return _fixed(value, 2)


def signed(value: Number, places: int = 2) -> str:
    """A difference with its sign: +0.25, -1.50 (the locale's minus sign)."""
    shown = _fixed(value, places)
    return "+" + shown if _decimal(value) > 0 else shown


def amount(value: Number) -> str:
    """Money without its currency: cents only when not whole (4,000,000 / 1,250.50)."""
    exact = _decimal(value)
    return _fixed(exact, 0 if exact == exact.to_integral_value() else 2)


def currency(code: str) -> str:
    """What stands before an amount: the ISO code in English, CLDR's sign in Dutch."""
    if language() == "en":
        return code
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(code, locale=locale())


def money(value: Number, code: str) -> str:
    """An amount with its currency: EUR 4,000,000 / € 4.000.000 / € 1.250,50."""
    return f"{currency(code)} {amount(value)}"


def percent(value: Number, places: int = 1) -> str:
    """A share (0.125) as a percentage: 12.5% (nl 12,5%)."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "#" * places if places > 0 else "") + "%"
    return format_percent(_decimal(value), pattern, locale=locale())


def date(value: dt.date) -> str:
    """A day: 12 June 2024 / 12 juni 2024."""
    from babel.dates import format_date

    return format_date(value, "long", locale=locale())


def moment(value: dt.datetime) -> str:
    """A moment in UTC: 12 June 2024 14:05 UTC / 12 juni 2024 14:05 UTC."""
    from babel.dates import format_time

    utc = value.astimezone(dt.UTC)
    return f"{date(utc.date())} {format_time(utc, 'HH:mm', locale=locale())} UTC"


def listing(items: Iterable[str], *, style: Literal["standard", "or"] = "standard") -> str:
    """Items as a sentence: "a, b and c" (style "or": "a, b or c"); nl "a, b en c"."""
    from babel.lists import format_list

    return format_list(list(items), style=style, locale=locale())
