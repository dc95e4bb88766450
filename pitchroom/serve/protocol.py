"""What a browser may send a station, checked before any of it reaches the process.

textual-serve's page sends JSON lists: ``["stdin", text]``, ``["resize",
{"width": w, "height": h}]``, ``["ping", text]``, ``["focus"]`` and
``["blur"]``. textual-serve itself indexes and forwards whatever arrives, so a
malformed message raised in the middle of the server and a resize of -1 or
10^9 cells went straight to the station. Here every message is read into one of
the types below or refused with :class:`Refused` (the connection that sent it is
closed with its reason); sizes are clamped to a terminal a screen can show.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

MAX_MESSAGE_BYTES = 64 * 1024
"""The largest websocket message accepted (a long paste fits; aiohttp refuses more)."""
MAX_PING_CHARS = 64
WIDTH = (10, 500)
HEIGHT = (5, 200)
DEFAULT_SIZE = (80, 24)

PROTOCOL_ERROR = 1008
"""The websocket close code for a message that breaks the rules (policy violation)."""


class Refused(ValueError):
    """A message no page of ours sends; ``reason`` says what was wrong (for the log)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Stdin:
    data: bytes
    """UTF-8; a lone surrogate (half a character) becomes ``?`` rather than an error."""


@dataclass(frozen=True)
class Resize:
    width: int
    height: int


@dataclass(frozen=True)
class Ping:
    text: str


@dataclass(frozen=True)
class Focus:
    focused: bool


@dataclass(frozen=True)
class Ignored:
    """A well-formed message of a type a station does not use (newer pages may send more)."""

    kind: str


Message = Stdin | Resize | Ping | Focus | Ignored


def clamp(value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    return max(low, min(high, value))


def _size(value: object, bounds: tuple[int, int], name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Refused(f"resize {name} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise Refused(f"resize {name} is not finite")
    return clamp(int(value), bounds)


def terminal_size(width: str | None, height: str | None) -> tuple[int, int]:
    """The size asked for in the websocket URL's query, clamped (a bad one is the default)."""

    def number(text: str | None, default: int, bounds: tuple[int, int]) -> int:
        try:
            return clamp(int(text or ""), bounds)
        except ValueError:
            return default

    return number(width, DEFAULT_SIZE[0], WIDTH), number(height, DEFAULT_SIZE[1], HEIGHT)


def read_message(text: str) -> Message:
    """One message from the page, or :class:`Refused`."""
    if len(text) > MAX_MESSAGE_BYTES:
        raise Refused("message too long")
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        raise Refused("not JSON") from None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise Refused("not a list starting with a type")
    kind, args = envelope[0], envelope[1:]
    if kind == "stdin":
        if len(args) != 1 or not isinstance(args[0], str):
            raise Refused("stdin without one text")
        return Stdin(args[0].encode("utf-8", "replace"))
    if kind == "resize":
        if len(args) != 1 or not isinstance(args[0], dict):
            raise Refused("resize without a size")
        size = args[0]
        return Resize(
            _size(size.get("width"), WIDTH, "width"), _size(size.get("height"), HEIGHT, "height")
        )
    if kind == "ping":
        if len(args) != 1 or not isinstance(args[0], str) or len(args[0]) > MAX_PING_CHARS:
            raise Refused("ping without a short text")
        return Ping(args[0])
    if kind in ("focus", "blur"):
        return Focus(kind == "focus")
    return Ignored(kind[:32])
