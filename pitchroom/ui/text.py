"""User text made safe for the screen: control characters out, never markup.

Titles, names, comments and summaries come from session files, stations and
the CLI. Everything shown goes through :func:`literal` (a ``Text``, which no
widget parses as markup) after :func:`strip` removed C0/C1 control codes.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from pitchroom.domain.text import strip_control


def strip(value: object) -> str:
    """``value`` as text without control characters (newline and tab kept)."""
    return strip_control("" if value is None else str(value), allow_newlines=True)


def one_line(value: object) -> str:
    """``value`` stripped and folded onto a single line."""
    return " ".join(strip(value).split())


def literal(value: object, style: str = "") -> Text:
    """A ``Text`` that shows ``value`` exactly as typed, never as markup."""
    return Text(strip(value), style=style)


def content(value: object) -> Content:
    """A ``Content`` that shows ``value`` exactly as typed (for notify())."""
    return Content(strip(value))


def content_line(value: object) -> Content:
    """A ``Content`` of ``value`` folded onto one line, never parsed as markup."""
    return Content(one_line(value))


def escaped(value: object) -> str:
    """``value`` stripped and escaped, for APIs that only take markup strings.

    ``notify()`` was seen to parse markup even with ``markup=False``; an escaped
    string shows literally whichever way it is read.
    """
    from textual.markup import escape

    return escape(strip(value))
