"""The audit log: an append-only table of events, each SHA-256 chained to the last.

Every change to the record is one event with the values before and after.
Events on a *record entity* (scores, recusals, absences, comments, decisions,
pitch states, pot transfers, tie decisions) carry the row's values after the
change (``null`` when the row is gone), so replaying the log from the start
must reproduce those tables exactly. :mod:`pitchroom.store.replay` (``verify``)
checks both the chain and the replay.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pitchroom.store.db import Database

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
