"""Writing a session into a new database: its tables and the first audit events."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sqlite_utils import Database

from pitchroom.domain.models import Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.store import audit
from pitchroom.store.db import write_transaction


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
    with write_transaction(db):
        meta = {
            "session": session.model_dump_json(),
            "source_path": str(source.resolve()) if source else None,
            "source_sha256": source_sha256,
            "protocol": fingerprint(session),
            "protocol_frozen_at": None,
            "imported_at": now,
        }
        for key, value in meta.items():
            db.execute("insert into meta (key, value) values (?, ?)", [key, value])
        for i, c in enumerate(session.criteria):
            db.execute(
                "insert into criteria values (?, ?, ?, ?, ?, ?)",
                [c.key, i + 1, c.name, c.description, float(c.weight), real_or_none(c.threshold)],
            )
        for i, j in enumerate(session.jurors):
            db.execute("insert into jurors values (?, ?, ?, ?)", [j.key, i + 1, j.name, j.role])
        for i, p in enumerate(session.pots):
            db.execute(
                "insert into pots values (?, ?, ?, ?, ?, ?)",
                [
                    p.key,
                    i + 1,
                    p.name,
                    float(p.budget),
                    real_or_none(p.min_requested),
                    real_or_none(p.max_requested),
                ],
            )
        for i, p in enumerate(session.pitches):
            db.execute(
                "insert into pitches (key, position, title, applicant, partners, requested, "
                "summary) values (?, ?, ?, ?, ?, ?, ?)",
                [
                    p.key,
                    i + 1,
                    p.title,
                    p.applicant,
                    json.dumps(p.partners, ensure_ascii=False),
                    float(p.requested),
                    p.summary,
                ],
            )
        first = session.pitches[0].key
        db.execute("insert into live (id, pitch) values (1, ?)", [first])
        audit.append(
            db,
            at=now,
            actor=actor,
            action="session.imported",
            entity="session",
            after={
                "title": session.session.title,
                "protocol": fingerprint(session),
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
