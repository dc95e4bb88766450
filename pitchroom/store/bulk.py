"""The bulk score write behind :meth:`Store.set_scores` (``pitchroom score --from``).

One audit event per changed score, chained as :mod:`pitchroom.store.audit` chains
every event: the hash of each is :func:`audit.hash_fields` of its fields, worked out
here in one tight loop with the parts that are the same for every row (time, actor,
action, entity, reason) written once, and fed to ``executemany`` by generators, so
no per-row list or dict is built beside the rows themselves.
``tests/store/test_bulk.py`` checks the events against :func:`audit.event_hash`.

A score takes few distinct values: its stored float and its logged ``{"value": ...}``
text are worked out once per value object (rows from the CSV share one ``Fraction``
per distinct cell text, so these lookups hit).
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any

from pitchroom.store import audit
from pitchroom.store.db import Database

Row = tuple[str, str, str, Fraction]
Columns = tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[Fraction]]

INSERT_SCORES = (
    "insert into scores values (?, ?, ?, ?, ?, ?) on conflict (pitch, juror, criterion) "
    "do update set value = excluded.value, saved_at = excluded.saved_at, actor = excluded.actor"
)
INSERT_EVENTS = (
    "insert into events (id, at, actor, action, entity, pitch, juror, criterion, before, "
    "after, reason, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
    values: Sequence[Fraction],
    existing: dict[tuple[str, str, str], Fraction],
    *,
    now: str,
    actor: str,
    action: str,
    closed: set[str],
    reason: str | None,
) -> int:
    """Insert (or update) the scores that change and append their events, chained to
    the head; return how many changed. Inside the caller's write transaction.
    ``values`` is the rows' value column; ``existing`` the scores saved before."""
    stored: dict[int, tuple[float, str, str]] = {}  # id(value) -> float, after, hashed after
    for value in distinct(values):
        after = audit.canonical({"value": _number(value)})
        assert after is not None
        stored[id(value)] = (float(value), after, _part(after))
    changed: Sequence[Row] = rows  # a first import with no cell twice: every row is new
    before: Iterable[str | None] = itertools.repeat(None)
    if existing or not _all_new(db, rows, stored, now, actor):
        changed, before = changes(rows, existing)
        db.conn.executemany(
            INSERT_SCORES, ((p, j, c, stored[id(v)][0], now, actor) for p, j, c, v in changed)
        )
    last_id, last_hash = audit.head(db)
    db.conn.executemany(
        INSERT_EVENTS,
        _events(
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
        ),
    )
    return len(changed)


def _all_new(
    db: Database,
    rows: Sequence[Row],
    stored: dict[int, tuple[float, str, str]],
    now: str,
    actor: str,
) -> bool:
    """Insert every row as a new score, if no cell is given twice (the primary key
    says so, which is cheaper than a set of the keys); else insert nothing."""
    db.execute("savepoint all_new")
    try:
        db.conn.executemany(
            "insert into scores values (?, ?, ?, ?, ?, ?)",
            ((p, j, c, stored[id(v)][0], now, actor) for p, j, c, v in rows),
        )
    except sqlite3.IntegrityError:
        db.execute("rollback to all_new")
        db.execute("release all_new")
        return False
    db.execute("release all_new")
    return True


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
    """The event rows, each hashed as :func:`audit.hash_fields` hashes the
    :data:`audit.HASHED_FIELDS`: id, at, actor, action, entity, pitch, juror,
    criterion, before, after, reason, prev_hash."""
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
        yield (
            number,
            now,
            actor,
            act,
            "score",
            pitch,
            juror,
            criterion,
            old,
            after,
            reason,
            prev_hash,
            digest,
        )
        prev_hash = digest
        number += 1
