"""The audit log: an append-only table of events, each SHA-256 chained to the last.

Every change to the record is one event with the values before and after.
Events on a *record entity* (scores, recusals, absences, comments, decisions,
pitch states, pot transfers, tie decisions) carry the row's values after the
change (``null`` when the row is gone), so replaying the log from the start
must reproduce those tables exactly. :func:`verify` checks both the chain and
the replay.
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from pitchroom.i18n import t

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entity:
    """A table whose every row the log accounts for."""

    table: str
    keys: tuple[str, ...]
    values: tuple[str, ...]


ENTITIES: dict[str, Entity] = {
    "score": Entity("scores", ("pitch", "juror", "criterion"), ("value",)),
    "recusal": Entity("recusals", ("pitch", "juror"), ("reason",)),
    "absence": Entity("absences", ("pitch", "juror"), ()),
    "comment": Entity("comments", ("pitch", "juror"), ("text",)),
    "decision": Entity("decisions", ("pitch",), ("decision", "amount", "motivation")),
    "pitch_state": Entity("pitches", ("pitch",), ("closed", "withdrawn")),
    "pot_transfer": Entity("pot_transfers", ("id",), ("source", "target", "amount", "reason")),
    "tie_decision": Entity("tie_decisions", ("id",), ("pitches", "reason")),
}
"""``pitch_state`` lives in the ``pitches`` table (key column ``key``)."""


def canonical(value: Any) -> str | None:
    """The stored JSON text of a before/after value (sorted keys, no spaces)."""
    if value is None:
        return None
    if type(value) is dict and len(value) == 1 and "value" in value:
        number = value["value"]
        if type(number) is int or type(number) is float:
            return f'{{"value":{number!r}}}'  # what json.dumps gives, faster
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


HASHED_FIELDS = (
    "id",
    "at",
    "actor",
    "action",
    "entity",
    "pitch",
    "juror",
    "criterion",
    "before",
    "after",
    "reason",
    "prev_hash",
)


def event_hash(row: dict[str, Any]) -> str:
    """SHA-256 over the stored text of every field of an event but its hash.

    Each field is written as ``<length>:<text>`` (``-`` for NULL), so no two
    different events can produce the same input. The README documents it, so
    anyone can recompute the chain with a few lines of their own.
    """
    return hash_fields([row[name] for name in HASHED_FIELDS])


def hash_fields(values: Any) -> str:
    """:func:`event_hash` of the values of :data:`HASHED_FIELDS`, in that order."""
    parts = []
    for value in values:
        if value is None:
            parts.append("-")
        else:
            text = str(value)
            parts.append(f"{len(text)}:{text}")
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


def head(db: Database) -> tuple[int, str]:
    """(id, hash) of the last event; (0, GENESIS) for an empty log."""
    row = db.execute("select id, hash from events order by id desc limit 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(
    db: Database,
    *,
    at: str,
    actor: str,
    action: str,
    entity: str,
    pitch: str | None = None,
    juror: str | None = None,
    criterion: str | None = None,
    before: Any = None,
    after: Any = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Append one event. Must run inside ``write_transaction`` (BEGIN IMMEDIATE)."""
    last_id, last_hash = head(db)
    row: dict[str, Any] = {
        "id": last_id + 1,
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "pitch": pitch,
        "juror": juror,
        "criterion": criterion,
        "before": canonical(before),
        "after": canonical(after),
        "reason": reason,
        "prev_hash": last_hash,
    }
    row["hash"] = event_hash(row)
    db.execute(
        "insert into events (id, at, actor, action, entity, pitch, juror, criterion, "
        "before, after, reason, prev_hash, hash) values (:id, :at, :actor, :action, :entity, "
        ":pitch, :juror, :criterion, :before, :after, :reason, :prev_hash, :hash)",
        row,
    )
    return row


def event_key(entity: str, row: dict[str, Any]) -> tuple[Any, ...]:
    spec = ENTITIES[entity]
    if entity in ("pot_transfer", "tie_decision"):
        return (json.loads(row["after"] or row["before"] or "{}").get("id"),)
    return tuple(row[k] for k in spec.keys)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    head_hash: str
    events: int
    message: str


def _table_state(db: Database, entity: str) -> dict[tuple[Any, ...], dict[str, Any]]:
    spec = ENTITIES[entity]
    if entity == "pitch_state":
        rows = db.conn.execute("select key, closed, withdrawn from pitches").fetchall()
        return {
            (pitch,): {"closed": bool(closed), "withdrawn": bool(withdrawn)}
            for pitch, closed, withdrawn in rows
            if closed or withdrawn
        }
    cols = ", ".join(spec.keys + spec.values)
    nkeys = len(spec.keys)
    names = spec.values
    state: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in db.conn.execute(f"select {cols} from {spec.table}"):
        values = dict(zip(names, r[nkeys:], strict=True))
        if entity == "tie_decision":
            values["pitches"] = json.loads(values["pitches"])
        state[r[:nkeys]] = values
    return state


def _normal(entity: str, values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    if entity == "pitch_state":
        out = {"closed": bool(values.get("closed")), "withdrawn": bool(values.get("withdrawn"))}
        return out if out["closed"] or out["withdrawn"] else None
    spec = ENTITIES[entity]
    return {v: values.get(v) for v in spec.values}


def _same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    for key in a.keys() | b.keys():
        x, y = a.get(key), b.get(key)
        if isinstance(x, int | float) and isinstance(y, int | float) and not isinstance(x, bool):
            if abs(float(x) - float(y)) > 1e-9:
                return False
        elif x != y:
            return False
    return True


def verify(db: Database) -> VerifyResult:
    """Recompute the hash chain, then replay the log against the record tables."""
    expected_prev = GENESIS
    expected_id = 1
    replay: dict[str, dict[tuple[Any, ...], dict[str, Any] | None]] = {e: {} for e in ENTITIES}
    count = 0
    cursor = db.conn.execute(
        "select id, at, actor, action, entity, pitch, juror, criterion, before, after, "
        "reason, prev_hash, hash from events order by id"
    )
    parsed: dict[str, Any] = {}  # after texts repeat (a score's value): parse each once
    for values in cursor:
        ident, action, entity, after_text = values[0], values[3], values[4], values[9]
        count += 1
        if ident != expected_id:
            return VerifyResult(False, "", count, t("store.verify_gap", id=expected_id))
        if values[11] != expected_prev or hash_fields(values[:12]) != values[12]:
            return VerifyResult(
                False, "", count, t("store.verify_altered", id=ident, action=action)
            )
        expected_prev = values[12]
        expected_id += 1
        if entity in ENTITIES:
            if after_text is None:
                after = None
            else:
                after = parsed.get(after_text, parsed)
                if after is parsed:
                    if len(parsed) > 100_000:
                        parsed.clear()
                    after = parsed[after_text] = json.loads(after_text)
            if entity in ("pot_transfer", "tie_decision"):
                row = dict(zip(_COLUMNS, values, strict=True))
                key = event_key(entity, row)
            else:
                key = _KEY_COLUMNS[entity](values)
            replay[entity][key] = _normal(entity, after)
    for entity in ENTITIES:
        actual = _table_state(db, entity)
        logged = {k: v for k, v in replay[entity].items() if v is not None}
        if actual.keys() == logged.keys() and all(
            actual[k] == logged[k] or _same(actual[k], logged[k]) for k in actual
        ):
            continue
        for key in sorted(actual.keys() | logged.keys(), key=repr):
            if not _same(actual.get(key), logged.get(key)):
                return VerifyResult(
                    False,
                    "",
                    count,
                    t(
                        "store.verify_unaccounted",
                        entity=entity,
                        key="/".join(str(k) for k in key),
                        actual=_show(actual.get(key)),
                        logged=_show(logged.get(key)),
                    ),
                )
    return VerifyResult(True, expected_prev, count, t("store.verify_intact", head=expected_prev))


_COLUMNS = (*HASHED_FIELDS, "hash")


def _key_getter(spec: Entity) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """:func:`event_key` on a row of :data:`_COLUMNS` (entities keyed by columns)."""
    where = [_COLUMNS.index(k) for k in spec.keys]
    if len(where) == 1:
        only = where[0]
        return lambda values: (values[only],)
    return operator.itemgetter(*where)


_KEY_COLUMNS = {
    entity: _key_getter(spec)
    for entity, spec in ENTITIES.items()
    if entity not in ("pot_transfer", "tie_decision")
}


def _show(values: dict[str, Any] | None) -> str:
    if values is None:
        return t("store.verify_nothing")
    return ", ".join(f"{k}={v}" for k, v in sorted(values.items()))
