"""Making user text safe for each output, and numbers readable.

User text (titles, applicants, names, comments, motivations, reasons) is
untrusted: it may look like a spreadsheet formula, carry markup, or contain
bidirectional override characters that reorder what follows them.
"""

from __future__ import annotations

import html
import re
from fractions import Fraction

from pitchroom.i18n import formats, t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may run a text cell that starts with one of these as a formula."""

_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BIDI_EMBED = frozenset("\u202a\u202b\u202d\u202e")
_BIDI_POP = "\u202c"
_BIDI_ISOLATE = frozenset("\u2066\u2067\u2068")
_BIDI_POP_ISOLATE = "\u2069"
_NEWLINES = re.compile(r"\r\n|\r|\n")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LEADING = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def neutralise(value: object) -> object:
    """Prefix ``'`` to a text cell a spreadsheet would read as a formula.

    Numbers (and None) pass unchanged: they stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """Text an .xlsx cell can hold (no C0 controls but tab and newlines), neutralised."""
    return str(neutralise(_XLSX_ILLEGAL.sub("", value)))


def bidi_closed(text: str) -> str:
    """``text`` with every bidi embedding, override or isolate it opens closed again,
    so a right-to-left override in a title cannot reorder the text after it."""
    embeds = isolates = 0
    for char in text:
        if char in _BIDI_EMBED:
            embeds += 1
        elif char == _BIDI_POP:
            embeds = max(0, embeds - 1)
        elif char in _BIDI_ISOLATE:
            isolates += 1
        elif char == _BIDI_POP_ISOLATE:
            isolates = max(0, isolates - 1)
            embeds = 0
    return text + _BIDI_POP * embeds + _BIDI_POP_ISOLATE * isolates


def isolated(text: object) -> str:
    """User text to put inside a sentence: bidi isolated (FSI ... PDI), so a
    right-to-left override in a name cannot reorder the sentence around it."""
    return "\u2068" + bidi_closed("" if text is None else str(text)) + "\u2069"


def html_text(value: object) -> str:
    """User text for HTML: escaped, bidi closed, newlines as ``<br>``."""
    escaped = html.escape(bidi_closed("" if value is None else str(value)), quote=True)
    return _NEWLINES.sub("<br>", escaped)


def md_text(value: object) -> str:
    """User text for Markdown: every significant character escaped, one line.

    Safe inside a table cell: ``|`` is escaped and newlines become ``<br>``.
    """
    text = bidi_closed("" if value is None else str(value))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LEADING.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)
    return _NEWLINES.sub("<br>", text)


def number(value: object, places: int = 2) -> str:
    """A score for people: at most ``places`` decimals, no trailing zeros; ``–`` for none."""
    if value is None or value == "":
        return t("export.none")
    if isinstance(value, bool):
        return t("export.yes") if value else t("export.no")
    if isinstance(value, int | float | Fraction):
        text = formats.number(value, places)
        return "0" if text in ("-0", "−0") else text
    return str(value)


def total(value: object) -> str:
    """A total, a consensus score or a spread: two decimals; ``–`` for none."""
    if value is None or value == "" or isinstance(value, bool):
        return number(value)
    if isinstance(value, int | float | Fraction):
        return formats.total(value)
    return str(value)


def money(value: float | None, currency: str) -> str:
    """An amount with its currency, thousands grouped; ``–`` for none."""
    if value is None:
        return t("export.none")
    return t("export.money", currency=formats.currency(currency), amount=formats.amount(value))
