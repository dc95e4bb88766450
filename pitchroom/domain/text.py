"""Control characters in user text: find them (to refuse them) and strip them (to show text).

A title that carries a terminal escape sequence could rewrite the chair's
screen or clipboard (SPEC.md, "Bad input"), so the session loader refuses the
C0 codes (U+0000-U+001F), DEL (U+007F) and the C1 codes (U+0080-U+009F, which
include the single-character CSI U+009B). Tab and newline are allowed only
where a text may span lines (summaries and descriptions).

Everything shown on a screen or printed goes through :func:`strip_control`,
whatever its source.

Bidirectional embedding, override and isolate controls (U+202A-U+202E,
U+2066-U+2069) can make a name read as something else (an override turns
"txt.exe" round) and a cut-off one leaks its direction into what follows. The
choice here: they are refused in the session file and its pitches CSV, like
control codes (keys are ASCII slugs, so never hold them), and neutralised
everywhere text is shown: :func:`strip_control` removes them, and with them
the invisible zero-width space, word joiner and BOM (U+200B, U+2060, U+FEFF).
Arabic and Hebrew text needs none of these to display; the marks U+200E/U+200F
and the joiners U+200C/U+200D (scripts, emoji) are kept.
"""

from __future__ import annotations

import re

_BIDI = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b\u2060\ufeff"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_EXCEPT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")
_HIDDEN_EXCEPT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")
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
    "\u202e": "right-to-left override",
    "\u202d": "left-to-right override",
    "\u202b": "right-to-left embedding",
    "\u202a": "left-to-right embedding",
    "\u202c": "pop directional formatting",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
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
    """``s`` safe to show: C0 and C1 control characters, DEL, bidirectional controls
    and invisible zero-width characters removed.

    Without ``allow_newlines``, tabs and line breaks become a space so that words
    do not run together; with it, line breaks become ``\\n`` and tabs stay.
    """
    if allow_newlines:
        return _HIDDEN_EXCEPT_LINES.sub("", _CRLF.sub("\n", s))
    return _HIDDEN.sub("", re.sub("\r\n|[\t\n\r]", " ", s))
