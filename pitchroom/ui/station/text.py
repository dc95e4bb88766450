"""User text for stations and the projector: control characters out, never markup.

Titles, names and summaries come from the session file and comments from other
processes; everything shown goes through :func:`literal` (a ``Content``, which
no widget parses as markup). ``pitchroom.domain.text`` is preferred when present.
"""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal
from fractions import Fraction

from textual.content import Content

try:  # the shared domain helper, once it lands
    from pitchroom.domain.text import strip_control as _strip_control  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on a parallel branch
    _strip_control = None

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(value: object, *, newlines: bool = False) -> str:
    """``value`` as text with no control characters (newline and tab only if asked)."""
    text = "" if value is None else str(value)
    if _strip_control is not None:
        with contextlib.suppress(TypeError):  # another signature: use ours alone
            text = _strip_control(text, allow_newlines=newlines)
    if newlines:
        return _CONTROL.sub("", text)
    return " ".join(_CONTROL_ONE_LINE.sub(" ", text).split())


def literal(value: object, *, newlines: bool = False) -> Content:
    """A ``Content`` that shows ``value`` exactly as typed, never as markup."""
    return Content(clean(value, newlines=newlines))


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
