"""Where each key of a TOML document is written: a small scanner, since tomllib
gives no positions.

It runs only on text that tomllib has already parsed, so it can be lenient:
it follows ``[table]`` and ``[[array]]`` headers (counting the entries of each
array of tables), dotted and quoted keys, inline tables, arrays (multi-line
too, with an entry per element) and every kind of string, and records the line
of each key. It never raises: if it gets confused it returns what it has.
"""

from __future__ import annotations

import json

from pitchroom.domain.sessionfile.problems import Loc

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}#\n\r")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines: dict[Loc, int] = {}
        self.arrays: dict[Loc, int] = {}

    # -- characters -------------------------------------------------------------

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def advance(self, n: int = 1) -> None:
        self.line += self.s.count("\n", self.i, self.i + n)
        self.i += n

    def skip_space(self, newlines: bool) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.advance()
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.advance((len(self.s) if end < 0 else end) - self.i)
            else:
                return

    def record(self, loc: Loc) -> None:
        self.lines.setdefault(loc, self.line)

    # -- keys and strings --------------------------------------------------------

    def string(self) -> str:
        """Consume a string of any kind and return its value (best effort)."""
        for quote in ('"""', "'''"):
            if self.peek(3) == quote:
                end = self.s.find(quote, self.i + 3)
                while quote[0] == '"' and end > 0 and _escaped(self.s, end):
                    end = self.s.find(quote, end + 1)
                end = len(self.s) if end < 0 else end + 3
                while self.s[end : end + 1] == quote[0]:  # up to two quotes may end it
                    end += 1
                value = self.s[self.i + 3 : end - 3]
                self.advance(end - self.i)
                return value
        quote = self.peek()
        j = self.i + 1
        while j < len(self.s) and self.s[j] != quote and self.s[j] != "\n":
            j += 2 if quote == '"' and self.s[j] == "\\" else 1
        raw = self.s[self.i : j + 1]
        self.advance(j + 1 - self.i)
        if quote == "'":
            return raw[1:-1]
        try:
            return str(json.loads(raw))
        except ValueError:
            return raw[1:-1]

    def key(self) -> tuple[str, ...]:
        """A dotted key such as ``scale.min`` or ``"odd key".x``."""
        parts: list[str] = []
        while self.i < len(self.s):
            self.skip_space(newlines=False)
            c = self.peek()
            if c in "\"'":
                parts.append(self.string())
            else:
                j = self.i
                while j < len(self.s) and self.s[j] in _BARE:
                    j += 1
                if j == self.i:
                    break
                parts.append(self.s[self.i : j])
                self.advance(j - self.i)
            self.skip_space(newlines=False)
            if self.peek() != ".":
                break
            self.advance()
        return tuple(parts)

    # -- values ------------------------------------------------------------------

    def value(self, loc: Loc) -> None:
        c = self.peek()
        if c in "\"'":
            self.string()
        elif c == "[":
            self.advance()
            index = 0
            while self.i < len(self.s):
                self.skip_space(newlines=True)
                if self.peek() in ("]", ""):
                    self.advance()
                    return
                self.record((*loc, index))
                self.value((*loc, index))
                self.skip_space(newlines=True)
                if self.peek() == ",":
                    self.advance()
                    index += 1
        elif c == "{":
            self.advance()
            while self.i < len(self.s):
                self.skip_space(newlines=True)
                if self.peek() in ("}", ""):
                    self.advance()
                    return
                if self.peek() == ",":
                    self.advance()
                    continue
                self.assignment(loc)
        else:
            j = self.i
            while j < len(self.s) and self.s[j] not in _SCALAR_END:
                j += 1
            self.advance(max(j - self.i, 1))

    def assignment(self, table: Loc) -> None:
        """``key = value`` inside ``table``."""
        start = self.i
        parts = self.key()
        for n in range(1, len(parts) + 1):
            self.record((*table, *parts[:n]))
        self.skip_space(newlines=False)
        if self.peek() == "=":
            self.advance()
            self.skip_space(newlines=False)
            self.value((*table, *parts))
        elif self.i == start:
            self.advance()  # not a key: step over it rather than loop

    # -- headers -----------------------------------------------------------------

    def header(self) -> Loc:
        array = self.peek(2) == "[["
        self.advance(2 if array else 1)
        parts = self.key()
        self.skip_space(newlines=False)
        self.advance(2 if array else 1)
        loc: Loc = ()
        for n, part in enumerate(parts):
            loc = (*loc, part)
            last = n == len(parts) - 1
            if array and last:
                self.record(loc)
                self.arrays[loc] = self.arrays.get(loc, 0) + 1
            if loc in self.arrays:
                loc = (*loc, self.arrays[loc] - 1)
            if not last:
                self.record(loc)
        self.record(loc)
        return loc

    def run(self) -> dict[Loc, int]:
        table: Loc = ()
        while self.i < len(self.s):
            self.skip_space(newlines=True)
            if self.i >= len(self.s):
                break
            if self.peek() == "[":
                table = self.header()
            else:
                self.assignment(table)
        return self.lines


def _escaped(s: str, at: int) -> bool:
    """True when the quote at ``at`` is escaped by an odd run of backslashes."""
    n = 0
    while at - n - 1 >= 0 and s[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def key_lines(text: str) -> dict[Loc, int]:
    """Map every key path of the TOML ``text`` (0-based array indexes) to its line."""
    scanner = _Scanner(text)
    try:
        return scanner.run()
    except (IndexError, ValueError, RecursionError):  # pragma: no cover - lenient by design
        return scanner.lines


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of ``loc``, or of the nearest enclosing key that is written in the file."""
    for n in range(len(loc), 0, -1):
        found = lines.get(loc[:n])
        if found is not None:
            return found
    return None
