"""The SQL of the score read in primary-key order (:mod:`pitchroom.store.scoreblocks`),
without numpy, so that a thread can run it while the engine is still being imported.

SQLite runs a statement's steps without Python's lock, so ``ranking`` starts
:class:`EarlyRead` as soon as it has opened the record: the scan of 500,000 scores
overlaps the import of numpy and the consensus engine. What the thread fetched is
one snapshot of its own; :func:`~pitchroom.store.scoreblocks.read_blocks` takes it
only where it needs nothing else from the same snapshot, and otherwise reads again.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

MAX_GRADES = 64
"""Scales with more grades than this skip the coded read (a CASE that long is slower)."""

ZERO = 48
"""Grade ``i`` is the character ``chr(ZERO + i)`` in the string of codes (ASCII for
every scale the coded read takes); ``~`` is a value that is no grade's float."""

_BLOCKS = (
    "select pitch, count(*), group_concat(distinct juror), group_concat(distinct criterion) "
    "from scores group by pitch order by pitch"
)

# A subquery with ORDER BY under an aggregate is never flattened into it (SQLite's
# flattening rule 16), so group_concat sees the rows in that order.
_CODES = (
    "select group_concat(case value {when} else '~' end, '') "
    "from (select value from scores order by pitch, juror, criterion)"
)


def scale_grades(low: object, high: object, step: object) -> list[float]:
    """The float a write stores for each grade of the scale (none for a very fine one)."""
    lo, hi, st = Fraction(str(low)), Fraction(str(high)), Fraction(str(step))
    if st <= 0 or hi < lo or (hi - lo) / st > MAX_GRADES:
        return []
    return [float(lo + st * k) for k in range(int((hi - lo) / st) + 1)]


@dataclass(frozen=True)
class Fetched:
    """What the read in primary-key order asks SQLite for, as SQLite answered."""

    table_jurors: list[str]
    """``jurors`` keys in SQLite's order."""
    table_crit: list[str]
    blocks: list[tuple[Any, ...]]
    """Per pitch (in key order): key, number of scores, distinct jurors, criteria."""
    codes: tuple[tuple[float, ...], str | None] | None = None
    """The grades asked for and every score's grade code in primary-key order (None:
    no score), as :func:`fetch_codes` gives them; None: not fetched."""


def fetch_blocks(execute: Callable[..., sqlite3.Cursor]) -> Fetched | None:
    """The keys and the blocks, through ``execute`` (inside one read transaction: the
    caller's). None for a database not in UTF-8 (see the scoreblocks module)."""
    (encoding,) = execute("pragma encoding").fetchone()
    if encoding != "UTF-8":
        return None
    table_jurors = [key for (key,) in execute("select key from jurors order by key")]
    table_crit = [key for (key,) in execute("select key from criteria order by key")]
    return Fetched(table_jurors, table_crit, execute(_BLOCKS).fetchall())


def fetch_codes(execute: Callable[..., sqlite3.Cursor], grades: Sequence[float]) -> str | None:
    """Every score's grade code (``~``: no grade's float) in primary-key order."""
    when = " ".join(f"when ? then '{chr(ZERO + i)}'" for i in range(len(grades)))
    (text,) = execute(_CODES.format(when=when), list(grades)).fetchone()
    return text if text is None else str(text)


SWITCH_INTERVAL = 0.0002
"""Python's switch interval while the thread reads (seconds): each row SQLite hands
back needs the interpreter's lock for a moment, and the importing main thread would
otherwise keep it for the default 5 ms each time."""


class EarlyRead:
    """:func:`fetch_blocks` and :func:`fetch_codes` for ``grades`` in one read
    transaction on a connection of its own, in a thread started at once."""

    def __init__(self, path: Path, grades: Sequence[float]) -> None:
        self.path = Path(path)
        self.grades = tuple(grades)
        self._result: Fetched | None = None
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        self._thread = threading.Thread(target=self._run, name="early-score-read", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return
        try:
            conn.execute("begin")
            fetched = fetch_blocks(conn.execute)
            if fetched is not None and fetched.blocks:
                codes = (self.grades, fetch_codes(conn.execute, self.grades))
                fetched = dataclasses.replace(fetched, codes=codes)
            self._result = fetched
        except Exception:  # never a traceback from here: the command's own read says why
            self._result = None
        finally:
            conn.close()

    def result(self) -> Fetched | None:
        """What the thread fetched (None: nothing usable; read as usual). Joins it."""
        self._thread.join()
        sys.setswitchinterval(self._switch)
        return self._result
