"""The SQL of the score read in primary-key order (:mod:`pitchroom.store.scoreblocks`),
without numpy, so that threads can run it while the engine is still being imported.

One select walks the primary key's index once and answers, per pitch: whether its
scores are exactly the ``jurors x criteria`` of those tables (see :func:`fetch`),
and its scores' grade codes in the order it visited them. SQLite runs a statement's
steps without Python's lock, so ``ranking`` starts :class:`EarlyRead` as soon as it
has opened the record: two threads, each on a read-only connection of its own, walk
half of the pitches each while the main thread imports numpy and the consensus
engine (the machine's two cores). What they fetched is a snapshot of the record
only if both saw the same last audit event (every write appends one in its own
transaction); otherwise, or where the read needs anything else from the same
snapshot, :func:`~pitchroom.store.scoreblocks.read_blocks` reads again.
"""

from __future__ import annotations

# What the thread needs before it starts, and no more: ``pitchroom ranking`` starts it
# first thing (pitchroom.cli.launch), and a module imported here delays the read
# (dataclasses, fractions and pathlib were 0.025 s of it; the thread imports what
# else it needs while the main thread imports the engine).
import contextlib
import json
import os
import sqlite3
import sys
import threading
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

MAX_GRADES = 64
"""Scales with more grades than this skip the coded read (a CASE that long is slower)."""

ZERO = 48
"""Grade ``i`` is the character ``chr(ZERO + i)`` in the string of codes (ASCII for
every scale the coded read takes); ``~`` is a value that is no grade's float."""

HEAD = "select id, hash from events order by id desc limit 1"
"""The last audit event of the record a read transaction sees."""

# group_concat visits a group's rows in one order for all its aggregates, so the
# codes line up with the jurors and criteria compared (whatever order that is).
_BLOCKS = (
    "select pitch, (group_concat(juror) = ? and group_concat(criterion) = ?) is 1 as same, "
    "group_concat(case value {when} else '~' end, '') as codes "
    "from scores{where} group by pitch order by pitch"
)

# The blocks as one row (a thread takes Python's lock once, not once a pitch): the
# aggregates see the rows in one order; codes never hold a comma.
_ONE_ROW = "select json_group_array(pitch), group_concat(same, ''), group_concat(codes) from ({})"

PARTS = 16
"""Ranges of pitch keys the early read takes one at a time (see :class:`EarlyRead`)."""

Part = tuple[Any, Any]
"""A range of pitch keys: from the first (None: the lowest) to before the second
(None: to the end)."""


def parts(keys: Sequence[Any], count: int = PARTS) -> list[Part]:
    """``count`` ranges of about as many of the sorted ``keys`` each, that together
    hold every key (and any other value a pitch may have)."""
    cuts = sorted({keys[len(keys) * i // count] for i in range(1, count)} if keys else set())
    bounds = [None, *cuts, None]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def scale_grades(low: object, high: object, step: object) -> list[float]:
    """The float a write stores for each grade of the scale (none for a very fine one)."""
    from fractions import Fraction

    lo, hi, st = Fraction(str(low)), Fraction(str(high)), Fraction(str(step))
    if st <= 0 or hi < lo or (hi - lo) / st > MAX_GRADES:
        return []
    return [float(lo + st * k) for k in range(int((hi - lo) / st) + 1)]


class Fetched(NamedTuple):
    """What the read in primary-key order asks SQLite for, as SQLite answered."""

    table_jurors: list[str]
    """``jurors`` keys in SQLite's order."""
    table_crit: list[str]
    grades: tuple[float, ...]
    """The floats of the grades coded (grade ``i`` is ``chr(ZERO + i)``)."""
    blocks: list[tuple[Any, Any, str]]
    """Per pitch (in key order): its key; 1 where its scores are those of every
    ``table_jurors x table_crit`` pair once (with ``len(codes)`` pairs: see
    :func:`fetch`); its scores' grade codes, in ``table_jurors x table_crit`` order
    where that is 1."""
    head: tuple[Any, ...] | None = None
    """The last audit event the snapshot holds (id, hash)."""


def grid_strings(table_jurors: list[Any], table_crit: list[Any]) -> tuple[str, str] | None:
    """What ``group_concat`` gives over a pitch's jurors and over its criteria when it
    visits the pairs ``table_jurors x table_crit`` in that order; None where a key is
    no text or holds the separator (then the strings would not tell the pairs)."""
    if not all(isinstance(k, str) and "," not in k for k in (*table_jurors, *table_crit)):
        return None
    jurors = ",".join(j for j in table_jurors for _ in table_crit)
    return jurors, ",".join([*table_crit] * len(table_jurors))


def fetch_keys(execute: Callable[..., sqlite3.Cursor], grades: Sequence[float]) -> Fetched | None:
    """The keys of the tables and the last audit event, as a :class:`Fetched` without
    blocks, through ``execute`` (inside a read transaction). None: the blocks cannot
    tell (a database not in UTF-8, see the scoreblocks module; a key that is no text
    or holds a comma; no juror or criterion)."""
    (encoding,) = execute("pragma encoding").fetchone()
    if encoding != "UTF-8":
        return None
    head = execute(HEAD).fetchone()
    table_jurors = [key for (key,) in execute("select key from jurors order by key")]
    table_crit = [key for (key,) in execute("select key from criteria order by key")]
    strings = grid_strings(table_jurors, table_crit)
    if strings is None or not strings[0] or not strings[1]:
        return None
    return Fetched(table_jurors, table_crit, tuple(grades), [], head)


def fetch(
    execute: Callable[..., sqlite3.Cursor],
    grades: Sequence[float],
    part: Part = (None, None),
    keys: Fetched | None = None,
    *,
    one_row: bool = False,
) -> Fetched | None:
    """The keys and the blocks of the pitches in ``part``, through ``execute`` (inside
    one read transaction: the caller's); ``keys``: :func:`fetch_keys` already asked in
    that transaction; ``one_row``: SQLite hands the blocks back as one row. None: see
    :func:`fetch_keys`.

    Exact: a pitch of ``n == len(jurors) * len(criteria)`` scores (its codes) whose
    jurors and criteria, joined in the order visited, are :func:`grid_strings` has
    ``n`` separators in each (no key holds one, a key is never NULL), so the visited
    pairs are the grid's, in its order; the primary key allows each pair once."""
    keys = keys if keys is not None else fetch_keys(execute, grades)
    if keys is None:
        return None
    strings = grid_strings(keys.table_jurors, keys.table_crit)
    assert strings is not None
    when = " ".join(f"when ? then '{chr(ZERO + i)}'" for i in range(len(grades)))
    low, high = part
    where = [w for w, bound in (("pitch >= ?", low), ("pitch < ?", high)) if bound is not None]
    sql = _BLOCKS.format(when=when, where=" where " + " and ".join(where) if where else "")
    args = [*strings, *grades, *(b for b in part if b is not None)]
    blocks: list[tuple[Any, Any, str]]
    if one_row:
        pitches, same, codes = execute(_ONE_ROW.format(sql), args).fetchone()
        listed = json.loads(pitches)
        codes_of = codes.split(",") if listed else []
        blocks = list(zip(listed, map(int, same or ""), codes_of, strict=True))
    else:
        blocks = [(p, same, text or "") for p, same, text in execute(sql, args)]
    return Fetched(keys.table_jurors, keys.table_crit, tuple(grades), blocks, keys.head)


def joined(parts: Sequence[Fetched | None]) -> Fetched | None:
    """The halves as one fetch, if they saw the same record (None otherwise)."""
    if not parts or any(p is None for p in parts):
        return None
    if len(parts) > 1 and parts[0] is not None and parts[0].head is None:
        return None  # no event to tell the snapshots by
    first = parts[0]
    assert first is not None
    blocks: list[tuple[Any, Any, str]] = []
    for part in parts:
        assert part is not None
        if (part.head, part.table_jurors, part.table_crit, part.grades) != (
            first.head,
            first.table_jurors,
            first.table_crit,
            first.grades,
        ):
            return None
        blocks += part.blocks
    return Fetched(first.table_jurors, first.table_crit, first.grades, blocks, first.head)


SWITCH_INTERVAL = 0.0002
"""Python's switch interval while the thread reads (seconds): each statement and row
SQLite hands back needs the interpreter's lock for a moment (so the thread asks for a
range's blocks as one row, and for the tables' keys once), and the importing main
thread would otherwise keep it for the default 5 ms each time."""


@contextlib.contextmanager
def read_only(path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection of its own to ``path``, in a read transaction (one snapshot
    of the record), closed after the block; None where it cannot be opened."""
    from pathlib import Path

    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        yield None
        return
    try:
        conn.execute("begin")
        yield conn
    finally:
        conn.close()


SCHEMA = "select count(*), max(rowid) from _sqlite_migrations"
"""The migrations a record has had, as a snapshot sees them (see
:meth:`EarlyRead.before_open`)."""

SCALE = (
    "select json_extract(value, '$.session.scale.min'), json_extract(value, "
    "'$.session.scale.max'), json_extract(value, '$.session.scale.step') "
    "from meta where key = 'session'"
)
"""The scale of the session a record holds (what ``Store.session`` parses it from)."""


def in_wal_mode(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a SQLite database in WAL mode, by its header: only then does
    a reader leave a writer (a migration on open) free to write."""
    try:
        with open(path, "rb") as file:
            header = file.read(20)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\0" and header[18:20] == b"\2\2"


class EarlyRead:
    """:func:`fetch` for ``grades``, :data:`PARTS` ranges of pitches one after the other,
    in a thread started at once, in a read transaction on a connection of its own.

    The main thread that asks for the :meth:`result` while ranges are left takes
    them from the other end on a connection of its own (it has nothing else to do by
    then; the machine has two cores): the halves are one snapshot if both saw the same
    last audit event."""

    def __init__(self, path: str | os.PathLike[str], grades: Sequence[float] | None) -> None:
        self.path = path
        self.grades = None if grades is None else tuple(grades)
        """None until the thread has read them from the record (:meth:`before_open`)."""
        self.schema: tuple[Any, ...] | None = None
        """What :data:`SCHEMA` gave in the thread's snapshot (:meth:`before_open`)."""
        self._known = threading.Event()
        """Set once ``grades`` and ``schema`` are known (or never will be)."""
        self._lock = threading.Lock()
        self._todo: list[Part] = []
        self._parts: dict[Part, Fetched | None] | None = None
        """Every range once the thread knows them, and what was fetched for it."""
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        self._thread = threading.Thread(target=self._run, name="early-score-read", daemon=True)
        self._thread.start()

    @classmethod
    def before_open(cls, path: str | os.PathLike[str]) -> EarlyRead:
        """The read started before the store is opened (``pitchroom ranking``: at once,
        while the rest is imported): the thread reads the scale's grades from the
        record, and nothing at all from a file not in WAL mode. Before using it, the
        opened store :meth:`confirm` s that it had the same migrations."""
        return cls(path, None)

    def confirm(self, execute: Callable[..., sqlite3.Cursor]) -> EarlyRead | None:
        """This read, if ``execute`` (the opened store's) sees the migrations its
        snapshot saw; otherwise (a migration ran on open) None, the thread stopped."""
        self._known.wait()
        if self.schema is not None and tuple(execute(SCHEMA).fetchone()) == self.schema:
            return self
        with self._lock:
            self._todo, self._parts = [], None
        self._thread.join()
        sys.setswitchinterval(self._switch)
        return None

    def _run(self) -> None:
        try:
            if self.grades is None and not in_wal_mode(self.path):
                return
            with read_only(self.path) as conn:
                if conn is None:
                    return
                if self.grades is None:
                    self.schema = tuple(conn.execute(SCHEMA).fetchone())
                    self.grades = tuple(scale_grades(*conn.execute(SCALE).fetchone()))
                    self._known.set()
                    if not self.grades:
                        return
                keys = [key for (key,) in conn.execute("select key from pitches order by key")]
                todo = parts(keys)
                with self._lock:
                    self._parts = dict.fromkeys(todo)
                    self._todo = todo
                self._take(conn, 0)
        except Exception:  # never a traceback from here: the command's own read says why
            self._parts = None
        finally:
            self._known.set()

    def _take(self, conn: sqlite3.Connection, end: int) -> None:
        """Fetch the ranges left, one at a time, from the ``end`` of the list (0 or -1)."""
        assert self.grades is not None  # known before any range is
        keys = fetch_keys(conn.execute, self.grades)
        while True:
            with self._lock:
                if keys is None:  # the blocks cannot tell: nothing usable
                    self._parts, self._todo = None, []
                if not self._todo:
                    return
                part = self._todo.pop(end)
            got = fetch(conn.execute, self.grades, part, keys, one_row=True)
            with self._lock:
                if self._parts is not None:
                    self._parts[part] = got

    def _help(self) -> None:
        """The ranges the thread has not begun, on a connection of the caller's."""
        with self._lock:
            if not self._todo:
                return
        # a range not fetched (the record unreadable here) stays None: nothing usable
        with contextlib.suppress(Exception), read_only(self.path) as conn:
            if conn is not None:
                self._take(conn, -1)

    def result(self) -> Fetched | None:
        """What was fetched (None: nothing usable; read as usual). Joins the thread."""
        if self._thread.is_alive():
            self._help()
        self._thread.join()
        sys.setswitchinterval(self._switch)
        with self._lock:
            fetched = self._parts
            if fetched is None or self._todo:
                return None
            return joined(list(fetched.values()))
