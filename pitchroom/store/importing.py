"""Writing a session into a new database: its tables and the first audit events.

:func:`session_rows` is the one place that turns a session definition into the
rows of the definition tables (``criteria``, ``jurors``, ``pitches`` and
``pots``). Import writes them, an amendment rewrites them, and ``verify``
rebuilds them from the definition the log holds and compares: so the three can
never disagree on what a definition means.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pitchroom.domain.models import PITCH_FIELDS, Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.store import audit
from pitchroom.store.db import Database, write_transaction

DEFINITION_COLUMNS: dict[str, tuple[str, ...]] = {
    "criteria": ("key", "position", "name", "description", "weight", "threshold"),
    "jurors": ("key", "position", "name", "role"),
    "pitches": ("key", "position", *PITCH_FIELDS[1:]),
    "pots": ("key", "position", "name", "budget", "min_requested", "max_requested"),
}
"""The columns of each definition table that a session definition decides.

``pitches.closed`` and ``pitches.withdrawn`` are not among them: they come
from ``pitch_state`` events. The first column is the key."""


def session_rows(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every definition table for ``session``, in
    :data:`DEFINITION_COLUMNS` order, positions counted from 1."""
    return {
        "criteria": [
            (c.key, i, c.name, c.description, float(c.weight), real_or_none(c.threshold))
            for i, c in enumerate(session.criteria, start=1)
        ],
        "jurors": [(j.key, i, j.name, j.role) for i, j in enumerate(session.jurors, start=1)],
        "pitches": [
            (
                p.key,
                i,
                p.title,
                p.applicant,
                json.dumps(p.partners, ensure_ascii=False),
                float(p.requested),
                p.summary,
                p.stage,
                real_or_none(p.granted),
            )
            for i, p in enumerate(session.pitches, start=1)
        ],
        "pots": [
            (
                p.key,
                i,
                p.name,
                float(p.budget),
                real_or_none(p.min_requested),
                real_or_none(p.max_requested),
            )
            for i, p in enumerate(session.pots, start=1)
        ],
    }


def write_definition(db: Database, session: Session) -> None:
    """Make the definition tables say what ``session`` says: insert or update
    every row, delete those of keys it no longer has. Inside the caller's
    transaction; pitch states (closed, withdrawn) are left as they are."""
    for table, rows in session_rows(session).items():
        columns = DEFINITION_COLUMNS[table]
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        db.conn.executemany(
            f"insert into {table} ({names}) values ({marks}) "
            f"on conflict (key) do update set {updates}",
            rows,
        )
        keys = [row[0] for row in rows]
        db.execute(f"delete from {table} where key not in ({', '.join('?' for _ in keys)})", keys)


def definition_event(session: Session) -> dict[str, Any]:
    """What an event that sets the definition holds in ``after``: the whole
    definition and its protocol fingerprint (``verify`` replays the former
    and recomputes the latter)."""
    return {"session": session.model_dump(mode="json"), "protocol": fingerprint(session)}


def write_session(
    db: Database,
    session: Session,
    *,
    now: str,
    actor: str,
    source: Path | None,
    source_sha256: str | None,
) -> None:
    """Criteria, jurors, pots, pitches, declared conflicts and the meta rows,
    with ``session.imported`` and one ``recusal.declared`` per conflict, in one
    transaction."""
    source_path = str(source.resolve()) if source else None
    with write_transaction(db):
        meta = {
            "session": session.model_dump_json(),
            "source_path": source_path,
            "source_sha256": source_sha256,
            "protocol": fingerprint(session),
            "protocol_frozen_at": None,
            "imported_at": now,
        }
        for key, value in meta.items():
            db.execute("insert into meta (key, value) values (?, ?)", [key, value])
        write_definition(db, session)
        first = session.queue[0].key
        db.execute("insert into live (id, pitch) values (1, ?)", [first])
        audit.append(
            db,
            at=now,
            actor=actor,
            action="session.imported",
            entity="session",
            after={
                "title": session.session.title,
                **definition_event(session),
                "source_path": source_path,
                "source_sha256": source_sha256,
            },
        )
        for conflict in session.conflicts:
            db.execute(
                "insert into recusals values (?, ?, ?, ?, ?)",
                [conflict.pitch, conflict.juror, conflict.reason, now, actor],
            )
            audit.append(
                db,
                at=now,
                actor=actor,
                action="recusal.declared",
                entity="recusal",
                pitch=conflict.pitch,
                juror=conflict.juror,
                after={"reason": conflict.reason},
                reason=conflict.reason or None,
            )


def real_or_none(value: Decimal | None) -> float | None:
    """An optional amount or threshold as SQLite stores it."""
    return None if value is None else float(value)
