"""The bulk score write behind :meth:`Store.set_scores` (``pitchroom score --from``).

One audit event per changed score, chained as :mod:`pitchroom.store.audit` chains
every event: the hash of each is :func:`audit.hash_fields` of its fields, worked out
here in one tight loop with the parts that are the same for every row (time, actor,
action, entity, reason) written once, and fed to ``executemany`` by generators, so
no per-row list or dict is built beside the rows themselves.
``tests/store/test_bulk.py`` checks the events against :func:`audit.event_hash`.

SQLite's side, which is most of the cost at 500,000 rows: the fields that are the same
for every row (time, actor, entity, reason) are literals in the statement
(:func:`insert_sql`), not bound 500,000 times; a write of at least as many events as
the log holds drops the events' indexes and makes them again after the insert
(:func:`indexes_rebuilt`: one sort instead of scattered inserts); and the foreign keys
are off for the transaction (:func:`foreign_keys_off`), checked instead once per
distinct pitch, juror and criterion against their tables (:func:`check_parents`).
``tests/store/test_bulk_sql.py`` covers these three.

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
from typing import Any

from pitchroom.store import audit
from pitchroom.store.db import Database

Row = tuple[str, str, str, Fraction]
Columns = tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[Fraction]]

SCORE_ROW = ("pitch", "juror", "criterion", "value")
EVENT_ROW = ("id", "action", "pitch", "juror", "criterion", "before", "after", "prev_hash", "hash")
"""The columns each row gives; the rest are the same for every row of a bulk write and are
written into the statement (:func:`insert_sql`), so ``executemany`` binds only these."""
UPSERT = (
    " on conflict (pitch, juror, criterion) do update set value = excluded.value, "
    "saved_at = excluded.saved_at, actor = excluded.actor"
)


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def _part(text: str | None) -> str:
    """One field as :func:`audit.hash_fields` writes it."""
    return "-" if text is None else f"{len(text)}:{text}"


def columns(rows: Sequence[Row]) -> Columns:
    """The rows as four columns (pitch, juror, criterion, value)."""
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
    changed: Sequence[Row] = rows  # a first import with no cell twice: every row is new
    before: Iterable[str | None] = itertools.repeat(None)
    if existing or not _all_new(db, rows, by_column, stored, fixed):
        changed, before = changes(rows, existing)
        check_parents(db, columns(changed))
        sql, extra = insert_sql(db, "scores", SCORE_ROW, fixed, UPSERT)
        db.conn.executemany(
            sql, _fed(((p, j, c, stored[id(v)][0]) for p, j, c, v in changed), extra)
        )
    last_id, last_hash = audit.head(db)
    sql, extra = insert_sql(
        db, "events", EVENT_ROW, {"at": now, "actor": actor, "entity": "score", "reason": reason}
    )
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
    with indexes_rebuilt(db, "events", when=len(changed) >= last_id):  # last_id: how many
        db.conn.executemany(sql, _fed(events, extra))
    return len(changed)


def _all_new(
    db: Database,
    rows: Sequence[Row],
    by_column: Columns,
    stored: dict[int, tuple[float, str, str]],
    fixed: Mapping[str, str | None],
) -> bool:
    """Insert every row as a new score, if no cell is given twice (the primary key
    says so, which is cheaper than a set of the keys); else insert nothing."""
    sql, extra = insert_sql(db, "scores", SCORE_ROW, fixed)
    db.execute("savepoint all_new")
    try:
        check_parents(db, by_column)
        db.conn.executemany(sql, _fed(((p, j, c, stored[id(v)][0]) for p, j, c, v in rows), extra))
    except sqlite3.IntegrityError:
        db.execute("rollback to all_new")
        db.execute("release all_new")
        return False
    db.execute("release all_new")
    return True


def insert_sql(
    db: Database,
    table: str,
    given: Sequence[str],
    fixed: Mapping[str, str | None],
    suffix: str = "",
) -> tuple[str, tuple[str | None, ...]]:
    """An insert of rows that give the ``given`` columns, with the ``fixed`` ones (the
    same for every row) written into the statement as literals, so that ``executemany``
    binds only what varies (binding is most of SQLite's cost a row). A fixed text that
    cannot be a literal (a NUL character, or not UTF-8) is bound after each row's own
    values: returns the statement and those texts (see :func:`_fed`), usually none."""
    names, slots = list(given), ["?"] * len(given)
    extra: list[str | None] = []
    for name, value in fixed.items():
        literal = _literal(db, value)
        names.append(name)
        slots.append("?" if literal is None else literal)
        if literal is None:
            extra.append(value)
    sql = f"insert into {table} ({', '.join(names)}) values ({', '.join(slots)}){suffix}"
    return sql, tuple(extra)


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


def _fed(
    rows: Iterable[tuple[Any, ...]], extra: tuple[str | None, ...]
) -> Iterable[tuple[Any, ...]]:
    """The rows with the fixed values :func:`insert_sql` could not write into the statement."""
    return rows if not extra else (row + extra for row in rows)


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
