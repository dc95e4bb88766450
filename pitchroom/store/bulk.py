"""The bulk score write behind :meth:`Store.set_scores` (``pitchroom score --from``).

One audit event per changed score, chained as :mod:`pitchroom.store.audit` chains
every event: the hash of each is :func:`audit.hash_fields` of its fields, worked out
here in one tight loop with the parts that are the same for every row (time, actor,
action, entity, reason) written once, and fed to ``executemany`` by generators, so
no per-row list or dict is built beside the rows themselves.
``tests/store/test_bulk.py`` checks the events against :func:`audit.event_hash`.

SQLite's side, which is most of the cost at 500,000 rows: the fields that are the same
for every row (time, actor, entity, reason, and mostly action and before) are literals
in the statement, not bound 500,000 times, and each statement inserts 100 rows
(:class:`Insert`); a write of at least as many events as the log holds drops the
events' indexes and makes them again after the insert (:func:`indexes_rebuilt`: one
sort instead of scattered inserts); and the foreign keys are off for the transaction
(:func:`foreign_keys_off`), checked instead once per distinct pitch, juror and
criterion against their tables (:func:`check_parents`).
``tests/store/test_bulk_sql.py`` covers these. Alone on the file, the whole write has
a rollback journal instead of the WAL (:func:`rollback_journal`: each page written once);
``tests/store/test_bulk_journal.py`` covers that and a write cut off.

A score takes few distinct values: its stored float and its logged ``{"value": ...}``
text are worked out once per value object (rows from the CSV share one ``Fraction``
per distinct cell text, so these lookups hit).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from operator import itemgetter
from typing import Any

from pitchroom.store import audit
from pitchroom.store.db import BUSY_TIMEOUT_MS, Database
from pitchroom.store.watch import FileWatch

Row = tuple[str, str, str, Fraction]
Columns = tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[Fraction]]

SCORE_ROW = ("pitch", "juror", "criterion", "value")
EVENT_ROW = ("id", "action", "pitch", "juror", "criterion", "before", "after", "prev_hash", "hash")
"""The columns each row gives; the rest are the same for every row of a bulk write and are
written into the statement (:class:`Insert`), so that only these are bound (of the events'
also action and before, when they are the same for every row)."""
UPSERT = (
    " on conflict (pitch, juror, criterion) do update set value = excluded.value, "
    "saved_at = excluded.saved_at, actor = excluded.actor"
)


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def _part(text: str | None) -> str:
    """One field as :func:`audit.hash_fields` writes it."""
    return "-" if text is None else f"{len(text)}:{text}"


class ScoreRows(list[Row]):
    """Rows made from their four columns by a column-wise reader (``score --from``),
    which they keep, so that :func:`columns` need not take them apart again. A list
    like any other, but not to be changed once made."""

    def __init__(
        self,
        pitches: Sequence[str],
        jurors: Sequence[str],
        criteria: Sequence[str],
        values: Sequence[Fraction],
    ) -> None:
        super().__init__(zip(pitches, jurors, criteria, values, strict=True))
        self.columns: Columns = (pitches, jurors, criteria, values)


def columns(rows: Sequence[Row]) -> Columns:
    """The rows as four columns (pitch, juror, criterion, value)."""
    if isinstance(rows, ScoreRows):
        return rows.columns
    if not rows:
        return (), (), (), ()
    pitches, jurors, criteria, values = zip(*rows, strict=True)
    return pitches, jurors, criteria, values


def distinct(values: Sequence[Any]) -> list[Any]:
    """Each distinct value *object* once (rows share their value objects)."""
    return list(dict(zip(map(id, values), values, strict=True)).values())


def write_scores(
    db: Database,
    rows: Sequence[Row],
    by_column: Columns,
    existing: dict[tuple[str, str, str], Fraction],
    *,
    now: str,
    actor: str,
    action: str,
    closed: set[str],
    reason: str | None,
) -> int:
    """Insert (or update) the scores that change and append their events, chained to
    the head; return how many changed. Inside the caller's write transaction (with the
    foreign keys checked here when :func:`foreign_keys_off` holds it).
    ``by_column`` is :func:`columns` of the rows; ``existing`` the scores saved before."""
    stored: dict[int, tuple[float, str, str]] = {}  # id(value) -> float, after, hashed after
    for value in distinct(by_column[3]):
        after = audit.canonical({"value": _number(value)})
        assert after is not None
        stored[id(value)] = (float(value), after, _part(after))
    fixed = {"saved_at": now, "actor": actor}
    event_fixed: dict[str, str | None] = {"at": now, "actor": actor, "entity": "score"}
    event_fixed["reason"] = reason
    changed: Sequence[Row] = rows  # a first import with no cell twice: every row is new
    before: Iterable[str | None] = itertools.repeat(None)
    if not existing and _all_new(db, by_column, stored, fixed):
        event_fixed["before"] = None
    else:
        changed, before = changes(rows, existing)
        by_column = columns(changed)
        check_parents(db, by_column)
        Insert(db, "scores", SCORE_ROW, fixed, UPSERT).run(_scored(by_column, stored), len(changed))
    if closed.isdisjoint(by_column[0]):  # "score.revised" is for closed pitches only
        event_fixed["action"] = action
    last_id, last_hash = audit.head(db)
    events = _events(
        changed,
        before,
        stored,
        first_id=last_id + 1,
        prev_hash=last_hash,
        now=now,
        actor=actor,
        action=action,
        closed=closed,
        reason=reason,
    )
    given = [name for name in EVENT_ROW if name not in event_fixed]
    if len(given) < len(EVENT_ROW):
        events = map(itemgetter(*map(EVENT_ROW.index, given)), events)
    with indexes_rebuilt(db, "events", when=len(changed) >= last_id):  # last_id: how many
        Insert(db, "events", given, event_fixed).run(events, len(changed))
    return len(changed)


def _scored(by_column: Columns, stored: dict[int, tuple[float, str, str]]) -> Iterator[Any]:
    """The :data:`SCORE_ROW` of each row: its keys and its value's stored float."""
    floats = {key: value[0] for key, value in stored.items()}
    pitches, jurors, criteria, values = by_column
    return zip(pitches, jurors, criteria, map(floats.__getitem__, map(id, values)), strict=True)


def _all_new(
    db: Database,
    by_column: Columns,
    stored: dict[int, tuple[float, str, str]],
    fixed: Mapping[str, str | None],
) -> bool:
    """Insert every row as a new score, if no cell is given twice (the primary key
    says so, which is cheaper than a set of the keys); else insert nothing."""
    insert = Insert(db, "scores", SCORE_ROW, fixed)
    db.execute("savepoint all_new")
    try:
        check_parents(db, by_column)
        insert.run(_scored(by_column, stored), len(by_column[0]))
    except sqlite3.IntegrityError:
        db.execute("rollback to all_new")
        db.execute("release all_new")
        return False
    db.execute("release all_new")
    return True


class Insert:
    """An insert of many rows that give the ``given`` columns, with the ``fixed`` ones
    (the same for every row) written into the statement as literals, so that only what
    varies is bound (binding is much of SQLite's cost a row). A fixed text that cannot
    be a literal (a NUL character, or not UTF-8) is bound after each row's own values.
    :meth:`run` puts :attr:`batch` rows in each statement (one ``VALUES`` list), which
    steps SQLite's program once for them all instead of once a row."""

    def __init__(
        self,
        db: Database,
        table: str,
        given: Sequence[str],
        fixed: Mapping[str, str | None],
        suffix: str = "",
    ) -> None:
        names, slots = list(given), ["?"] * len(given)
        extra: list[str | None] = []
        for name, value in fixed.items():
            literal = _literal(db, value)
            names.append(name)
            slots.append("?" if literal is None else literal)
            if literal is None:
                extra.append(value)
        self.db = db
        self.head = f"insert into {table} ({', '.join(names)}) values "
        self.slot = f"({', '.join(slots)})"
        self.suffix = suffix
        self.extra = tuple(extra)
        # at most 999 parameters a statement: the oldest SQLite's limit
        self.batch = max(1, min(100, 999 // (len(given) + len(extra))))

    def sql(self, rows: int) -> str:
        """The statement for ``rows`` rows."""
        return self.head + ",".join([self.slot] * rows) + self.suffix

    def run(self, rows: Iterable[tuple[Any, ...]], count: int) -> None:
        """Insert the ``count`` rows, in order."""
        if self.extra:
            rows = (row + self.extra for row in rows)
        feed = iter(rows)
        flat = itertools.chain.from_iterable
        full, rest = divmod(count, self.batch)
        if full:
            self.db.conn.executemany(
                self.sql(self.batch),
                (tuple(flat(itertools.islice(feed, self.batch))) for _ in range(full)),
            )
        if rest:
            self.db.conn.execute(self.sql(rest), tuple(flat(feed)))


def _literal(db: Database, text: str | None) -> str | None:
    """``text`` as an SQL literal, by SQLite's own ``quote()``; None if it must be bound."""
    if text is None:
        return "null"
    if "\x00" in text or not _utf8(text):
        return None
    literal: str = db.execute("select quote(?)", [text]).fetchone()[0]
    return literal


def _utf8(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:  # a lone surrogate: binding it fails the way it always did
        return False
    return True


@contextlib.contextmanager
def rollback_journal(db: Database, watch: FileWatch) -> Iterator[None]:
    """The block, which holds the bulk write's whole transaction, with a rollback
    journal instead of the WAL, when no other connection has the database open.

    In WAL mode every page of a bulk write is written twice: into the ``-wal`` at
    commit, then into the database by the checkpoint after it (some 160 MB each at
    500,000 scores). With a rollback journal the new pages go into the database
    once, and the journal holds only the few pages that were there before; commit is
    as atomic and as durable (``synchronous=FULL``), and a write cut off is rolled
    back from the journal when the file is next opened. SQLite leaves WAL mode only
    with no other connection open (a chair, a station, a reader); then it fails at
    once (no busy wait) and the write goes through the WAL as any other. A
    connection that opens meanwhile waits for the write, as pitchroom's writers
    always do (``PRAGMA journal_mode = WAL`` in :func:`~pitchroom.store.db.connect`
    retries while the lock is held). WAL mode is set again after the block; should
    that fail, the next connection sets it. Already in a transaction, or with the
    files removed or replaced (:class:`FileWatch`, which the write then reports),
    nothing changes."""
    if db.conn.in_transaction or watch.problem() is not None:
        yield
        return
    db.execute("pragma busy_timeout = 0")
    try:
        mode = db.execute("pragma journal_mode = delete").fetchone()[0]
    except sqlite3.OperationalError:  # "database is locked": another connection is open
        mode = "wal"
    finally:
        db.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
    if mode != "delete":
        yield
        return
    watch.forget_wal()  # removed by this connection, made again below
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.OperationalError):
            db.execute("pragma journal_mode = wal")


@contextlib.contextmanager
def foreign_keys_off(db: Database) -> Iterator[None]:
    """``PRAGMA foreign_keys`` off for the block, which holds the bulk write's whole
    transaction: :func:`check_parents` then checks each distinct pitch, juror and
    criterion once instead of SQLite looking up three parents for every row. SQLite
    ignores the pragma inside a transaction, so it is set before ``BEGIN`` and back
    after ``COMMIT`` or ``ROLLBACK``; already in a transaction, nothing changes."""
    conn = db.conn
    if conn.in_transaction or not conn.execute("pragma foreign_keys").fetchone()[0]:
        yield
        return
    conn.execute("pragma foreign_keys = off")
    try:
        yield
    finally:
        conn.execute("pragma foreign_keys = on")


def check_parents(db: Database, columns: Columns) -> None:
    """What the scores table's foreign keys check of the rows, when they are off: that
    every pitch, juror and criterion is a row of its table. Raises the error SQLite
    raises for a row that is not (the caller's transaction is rolled back)."""
    if db.execute("pragma foreign_keys").fetchone()[0]:
        return  # SQLite checks every row itself
    for keys, table in zip(columns[:3], ("pitches", "jurors", "criteria"), strict=True):
        known = {key for (key,) in db.execute(f"select key from {table}")}
        if not known.issuperset(keys):
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")


@contextlib.contextmanager
def indexes_rebuilt(db: Database, table: str, *, when: bool) -> Iterator[None]:
    """With ``when``, ``table``'s own indexes dropped for the block and made again after
    it, from their stored definitions: for as many new rows as the table holds, one
    sort builds an index for less than that many inserts at scattered places in it.
    Inside the caller's transaction, so a failure rolls the drop back too."""
    if not when:
        yield
        return
    indexes = db.execute(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = ? "
        "and sql is not null",
        [table],
    ).fetchall()
    for name, _ in indexes:
        db.execute(f'drop index "{name}"')
    yield
    for _, sql in indexes:
        db.execute(sql)


def changes(
    rows: Sequence[Row], existing: dict[tuple[str, str, str], Fraction]
) -> tuple[list[Row], list[str | None]]:
    """The rows that change a score, and the logged text of each one's value before.
    A cell given twice is two changes, in order, unless it is given the same value."""
    current = dict(existing)
    changed: list[Row] = []
    before: list[str | None] = []
    for row in rows:
        key = row[:3]
        old = current.get(key)
        if old is not None and old == row[3]:
            continue
        current[key] = row[3]
        changed.append(row)
        before.append(None if old is None else audit.canonical({"value": _number(old)}))
    return changed, before


def _events(
    rows: Iterable[Row],
    before: Iterable[str | None],
    stored: dict[int, tuple[float, str, str]],
    *,
    first_id: int,
    prev_hash: str,
    now: str,
    actor: str,
    action: str,
    closed: set[str],
    reason: str | None,
) -> Iterator[tuple[Any, ...]]:
    """The event rows (the :data:`EVENT_ROW` columns), each hashed as
    :func:`audit.hash_fields` hashes the :data:`audit.HASHED_FIELDS`: id, at, actor,
    action, entity, pitch, juror, criterion, before, after, reason, prev_hash."""
    sha256 = hashlib.sha256
    lead = _part(now) + _part(actor)
    revised = "score.revised"
    heads = {action: lead + _part(action) + "5:score", revised: lead + _part(revised) + "5:score"}
    tail = _part(reason)
    number = first_id
    for (pitch, juror, criterion, value), old in zip(rows, before, strict=False):  # repeat()
        act = revised if closed and pitch in closed else action
        _, after, after_part = stored[id(value)]
        ident = str(number)
        text = (
            f"{len(ident)}:{ident}{heads[act]}{len(pitch)}:{pitch}{len(juror)}:{juror}"
            f"{len(criterion)}:{criterion}{'-' if old is None else _part(old)}{after_part}"
            f"{tail}{len(prev_hash)}:{prev_hash}"
        )
        digest = sha256(text.encode()).hexdigest()
        yield (number, act, pitch, juror, criterion, old, after, prev_hash, digest)
        prev_hash = digest
        number += 1
