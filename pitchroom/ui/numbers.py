"""The live screens' numbers, each formatted once per language.

Babel takes about a tenth of a millisecond a number, and the chair redraws the
grid's totals and the ranking panel's scores (about a hundred numbers at the demo
size) after every saved score; the same values come back again and again. The key
holds the value's type too: a float and a ``Fraction`` that compare equal can
still be written differently (the float goes through its shortest ``repr``).
"""

from __future__ import annotations

from functools import lru_cache

from pitchroom.i18n import formats, language
from pitchroom.i18n.formats import Number

SIZE = 8192


@lru_cache(maxsize=SIZE)
def _total(kind: str, value: Number, lang: str) -> str:
    return formats.total(value)


@lru_cache(maxsize=SIZE)
def _score(kind: str, value: Number, step_kind: str, step: Number, lang: str) -> str:
    return formats.score(value, step)


def total(value: Number) -> str:
    """:func:`pitchroom.i18n.formats.total`, remembered."""
    return _total(type(value).__name__, value, language())


def score(value: Number, step: Number = 1) -> str:
    """:func:`pitchroom.i18n.formats.score`, remembered."""
    return _score(type(value).__name__, value, type(step).__name__, step, language())
