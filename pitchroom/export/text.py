"""Making user text safe for each output, and numbers readable.

User text (titles, applicants, names, comments, motivations, reasons) is
untrusted: it may look like a spreadsheet formula, carry markup, or contain
bidirectional override characters that reorder what follows them.
"""

from __future__ import annotations

import html
import re
import unicodedata
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
_MD_ALWAYS = re.compile(r"([\\`*\[\]<|~])")
"""Characters that can start markup anywhere in a line (``_``, ``&`` and ``>``: below)."""
_MD_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An ``_`` not between two letters or digits (inside a word it never emphasises)."""
_MD_ENTITY = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]{0,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)")
"""An ``&`` that would start a character reference; any other ``&`` is shown as it is."""
_MD_LEADING = re.compile(r"^(#{1,6}|[-+]|\d{1,9}[.)])(?=\s|$)")
"""A heading or list marker where a line starts: only when a space (or the end)
follows it, so a number such as ``-2`` or ``1.5`` is never escaped."""
_MD_QUOTE_OR_RULE = re.compile(r"^(>|[-=](?=[-=\s]*$))")
"""A block quote, or a line of only ``-`` or ``=`` (a rule or a heading underline)."""
_RTL_OR_CONTROL = frozenset(
    ("R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
)
"""Bidi classes of the characters that can reorder the text around them."""


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


def needs_isolation(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (Hebrew, Arabic), Arabic digits or
    a bidi control: only such text can reorder the sentence around it."""
    return any(unicodedata.bidirectional(char) in _RTL_OR_CONTROL for char in text)


def isolated(text: object) -> str:
    """User text to put inside a sentence. Text that could reorder the sentence
    around it (see :func:`needs_isolation`: a right-to-left name, or an override)
    is bidi isolated (FSI ... PDI) with what it opens closed; any other text, the
    usual name, is returned as it is, so no invisible marks surround it."""
    value = "" if text is None else str(text)
    if not needs_isolation(value):
        return value
    return "\u2068" + bidi_closed(value) + "\u2069"


def html_text(value: object) -> str:
    """User text for HTML: escaped, bidi closed, newlines as ``<br>``."""
    escaped = html.escape(bidi_closed("" if value is None else str(value)), quote=True)
    return _NEWLINES.sub("<br>", escaped)


def md_inline(value: object) -> str:
    """User text for Markdown inside a line (a table cell, a heading, after a label):
    escaped only where it would make markup, numbers never; one line.

    Safe inside a table cell: ``|`` is escaped and newlines become ``<br>``.
    """
    text = bidi_closed("" if value is None else str(value))
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_UNDERSCORE.sub(r"\\_", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    return _NEWLINES.sub("<br>", text)


def md_text(value: object) -> str:
    """User text for Markdown that may start a line (a paragraph): as
    :func:`md_inline`, and a block marker at its start (``# ``, ``- ``, ``1. ``,
    ``> ``, a rule) escaped; leading spaces dropped (four would make code)."""
    text = md_inline(value).lstrip(" \t")
    text = _MD_LEADING.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], text)
    return _MD_QUOTE_OR_RULE.sub(r"\\\1", text)


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
