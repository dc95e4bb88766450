"""Control characters in user text: find them (to refuse them) and strip them (to show text).

A title that carries a terminal escape sequence could rewrite the chair's
screen or clipboard (SPEC.md, "Bad input"), so the session loader refuses the
C0 codes (U+0000-U+001F), DEL (U+007F) and the C1 codes (U+0080-U+009F, which
include the single-character CSI U+009B). Tab and newline are allowed only
where a text may span lines (summaries and descriptions).

Everything shown on a screen or printed goes through :func:`strip_control`,
whatever its source. Bidirectional formatting characters (U+202A-U+202E,
U+2066-U+2069) are not control codes: they are kept in stored data (a name in
Arabic or Hebrew may need them) and left alone here.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CRLF = re.compile("\r\n?")

_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "backspace",
    "\t": "tab",
    "\n": "newline",
    "\r": "carriage return",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\x9b": "CSI",
}


def first_control_char(s: str, allow_newlines: bool = False) -> str | None:
    """The first refused control character in ``s``, or None.

    With ``allow_newlines``, tab, newline and a carriage return that ends a line
    (``\\r\\n``) are allowed.
    """
    if allow_newlines:
        s = s.replace("\r\n", "\n")
        match = _CONTROL_EXCEPT_LINES.search(s)
    else:
        match = _CONTROL.search(s)
    return match.group() if match else None


def find_control_chars(s: str, allow_newlines: bool = False) -> bool:
    """True when ``s`` holds a control character that is refused in stored text."""
    return first_control_char(s, allow_newlines) is not None


def describe_char(char: str) -> str:
    """A control character as a person can read it: ``ESC (U+001B)``."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char)
    return f"{name} ({code})" if name else code


def visible(s: str) -> str:
    """``s`` with each control character written as an escape (``\\x1b``), for messages
    that quote a refused value."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


def strip_control(s: str, allow_newlines: bool = False) -> str:
    """``s`` safe to show: C0 and C1 control characters and DEL removed.

    Without ``allow_newlines``, tabs and line breaks become a space so that words
    do not run together; with it, line breaks become ``\\n`` and tabs stay.
    """
    if allow_newlines:
        return _CONTROL_EXCEPT_LINES.sub("", _CRLF.sub("\n", s))
    return _CONTROL.sub("", re.sub("\r\n|[\t\n\r]", " ", s))
