"""Writing one record row (a score, a recusal...) as an event says it is now.

No logging and no rules here: the store's write methods and undo do both, in
the transaction they hold.
"""

from __future__ import annotations

from typing import Any

from pitchroom.store.db import Database


def freeze_protocol(db: Database, now: str) -> None:
    """Stamp the moment the first score froze the protocol (once)."""
    if db.execute("select value from meta where key = 'protocol_frozen_at'").fetchone()[0] is None:
        db.execute("update meta set value = ? where key = 'protocol_frozen_at'", [now])


REPLACED: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # entity: (table, key columns, value fields in column order); then saved_at, actor
    "recusal": ("recusals", ("pitch", "juror"), ("reason",)),
    "absence": ("absences", ("pitch", "juror"), ()),
    "comment": ("comments", ("pitch", "juror"), ("text",)),
    "decision": ("decisions", ("pitch",), ("decision", "amount", "motivation")),
}
"""The records whose row is deleted and written anew, whole, by every change."""


def apply_row(
    db: Database,
    entity: str,
    key: tuple[Any, ...],
    values: dict[str, Any] | None,
    actor: str,
    now: str,
) -> None:
    """Set one record row to ``values`` (None deletes it), saved at ``now`` by ``actor``."""
    if entity == "score":
        if values is None:
            db.execute("delete from scores where pitch = ? and juror = ? and criterion = ?", key)
        else:
            db.execute(
                "insert into scores values (?, ?, ?, ?, ?, ?) on conflict (pitch, juror, "
                "criterion) do update set value = excluded.value, saved_at = excluded.saved_at,"
                " actor = excluded.actor",
                [*key, float(values["value"]), now, actor],
            )
            freeze_protocol(db, now)
    elif entity in REPLACED:
        table, keys, fields = REPLACED[entity]
        where = " and ".join(f"{column} = ?" for column in keys)
        db.execute(f"delete from {table} where {where}", key)
        if values is not None:
            marks = ", ".join("?" * (len(keys) + len(fields) + 2))
            row = [*key, *(values[field] for field in fields), now, actor]
            db.execute(f"insert into {table} values ({marks})", row)
    elif entity == "pitch_state":
        values = values or {}
        db.execute(
            "update pitches set closed = ?, withdrawn = ? where key = ?",
            [int(bool(values.get("closed"))), int(bool(values.get("withdrawn"))), *key],
        )
    else:
        raise ValueError(entity)
