"""``pitchroom verify``: recompute the hash chain, replay the log, compare.

The log alone must account for the whole record. Walking it from the first
event, :func:`verify` recomputes every hash and rebuilds:

- the session definition, from the ``session.imported`` event and every
  amendment after it (each holds the whole definition under ``"session"``),
  and from it ``meta.session``, the protocol fingerprint (recomputed, never
  read back) and the rows of ``criteria``, ``jurors``, ``pitches`` and
  ``pots`` (through :func:`pitchroom.store.importing.session_rows`, the
  function import and amend write them with);
- ``meta``'s other keys the log accounts for: ``source_path``,
  ``source_sha256``, ``imported_at`` (the import event's time) and
  ``protocol_frozen_at`` (the time of the first score event);
- every record table (scores, recusals, absences, comments, decisions, pitch
  states, pot transfers, tie decisions) with each row's ``actor`` and
  ``saved_at`` (a write's rows and its event share one moment).

The first difference is reported as one line naming it. An intact chain
cannot tell that its last events were cut off, or that the whole chain was
recomputed after an edit: only the head hash recorded elsewhere (``expect``,
kept in the signed minutes) can.

A database made before the import event held the definition can be checked
only in part; :attr:`VerifyResult.unproven` names what is left unproven.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from pitchroom.domain.models import Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.i18n import t
from pitchroom.store.audit import GENESIS, HASHED_FIELDS, event_key, hash_fields
from pitchroom.store.db import Database
from pitchroom.store.replay_compare import (
    MIN_EXPECT_DIGITS,
    RECORDS,
    UNPROVEN_TIMES,
    Altered,
    Log,
    check_definition,
    check_records,
)

__all__ = ["MIN_EXPECT_DIGITS", "VerifyResult", "matching_events", "verify"]

DEFINITION_ENTITIES = frozenset({"session", "protocol"})
"""Events on these entities set the session definition (``after.session``)
and its fingerprint (``after.protocol``)."""


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    head_hash: str
    events: int
    message: str
    unproven: tuple[str, ...] = ()
    """Message keys of what this database's log cannot prove (older files)."""
    expected: bool = False
    """An expected head was given and the log ends at it."""


def verify(db: Database, expect: str | None = None) -> VerifyResult:
    """Recompute the chain, replay the log and compare it with the whole record.

    ``expect``: the head hash the secretary recorded (the full hash or a
    prefix of at least :data:`MIN_EXPECT_DIGITS` hex digits, lower case; the
    caller checks its form).
    """
    log = Log()
    try:
        _walk(db, log)
        expected = False
        if expect is not None:
            _check_expected(db, log, expect)
            expected = True
        unproven = check_definition(db, log)
        check_records(db, log, stamped=UNPROVEN_TIMES not in unproven)
    except Altered as altered:
        return VerifyResult(False, log.head, log.count, altered.message)
    return VerifyResult(
        True,
        log.head,
        log.count,
        t("store.verify_intact", head=log.head),
        unproven=unproven,
        expected=expected,
    )


def _walk(db: Database, log: Log) -> None:
    """The chain, event by event, and the replay of what each one sets."""
    expected_prev = GENESIS
    expected_id = 1
    records: dict[str, dict[tuple[Any, ...], Any]] = {e: {} for e in RECORDS}
    log.records = records
    rows = {entity: spec.row for entity, spec in RECORDS.items()}
    keys = {
        entity: _key_getter(spec.keys)
        for entity, spec in RECORDS.items()
        if entity not in ("pot_transfer", "tie_decision")
    }
    parsed: dict[str, Any] = {}  # after texts repeat (a score's value): parse each once
    count = 0
    cursor = db.conn.execute(
        "select id, at, actor, action, entity, pitch, juror, criterion, before, after, "
        "reason, prev_hash, hash from events order by id"
    )
    for values in cursor:
        ident, at, actor, action, entity, after_text = (
            values[0],
            values[1],
            values[2],
            values[3],
            values[4],
            values[9],
        )
        count += 1
        if ident != expected_id:
            log.count = count - 1
            raise Altered(t("store.verify_gap", id=expected_id))
        if values[11] != expected_prev or hash_fields(values[:12]) != values[12]:
            log.count = count - 1
            raise Altered(t("store.verify_altered", id=ident, action=action))
        expected_prev = values[12]
        expected_id += 1
        if entity in records:
            if after_text is None:
                row = None
            else:
                after = parsed.get(after_text, parsed)
                if after is parsed:
                    if len(parsed) > 100_000:
                        parsed.clear()
                    after = parsed[after_text] = _json(after_text, ident, action)
                try:
                    row = rows[entity](after)
                except (KeyError, TypeError, AttributeError):
                    raise Altered(t("store.verify_unreadable", id=ident, action=action)) from None
                if row is not None:
                    row = (*row, at, actor)
            if entity in keys:
                key = keys[entity](values)
            else:
                key = event_key(entity, dict(zip(_COLUMNS, values, strict=True)))
            records[entity][key] = row
            if entity == "score" and log.first_score_at is None:
                log.first_score_at = at
        elif entity in DEFINITION_ENTITIES:
            after = _json(after_text, ident, action) if after_text else None
            _definition_event(log, ident, action, at, after)
    log.count = count
    log.head = expected_prev


def _json(text: str, ident: int, action: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise Altered(t("store.verify_unreadable", id=ident, action=action)) from None


def _definition_event(
    log: Log, ident: int, action: str, at: str, after: dict[str, Any] | None
) -> None:
    if not isinstance(after, dict):
        raise Altered(t("store.verify_unreadable", id=ident, action=action))
    if ident == 1 and action == "session.imported":
        log.imported, log.imported_at = after, at
    elif log.imported is None:
        raise Altered(t("store.verify_no_import"))
    definition = after.get("session")
    protocol = after.get("protocol")
    if definition is not None:
        try:
            model = Session.model_validate(definition)
        except ValidationError:
            raise Altered(t("store.verify_unreadable", id=ident, action=action)) from None
        if fingerprint(model) != protocol:
            raise Altered(t("store.verify_event_fingerprint", id=ident, action=action))
    log.definition, log.definition_event, log.protocol = definition, ident, protocol


_COLUMNS = (*HASHED_FIELDS, "hash")


def _key_getter(names: tuple[str, ...]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """The key of an event's row of :data:`_COLUMNS` (``key`` is its ``pitch``)."""
    where = [_COLUMNS.index("pitch" if k == "key" else k) for k in names]
    if len(where) == 1:
        only = where[0]
        return lambda values: (values[only],)
    return lambda values: tuple(values[i] for i in where)


# ------------------------------------------------------------- expected head


def _check_expected(db: Database, log: Log, expect: str) -> None:
    if log.head.startswith(expect):
        return
    shown = log.head[:MIN_EXPECT_DIGITS]
    row = db.execute(
        "select id from events where substr(hash, 1, ?) = ? order by id limit 1",
        [len(expect), expect],
    ).fetchone()
    if row is not None:
        raise Altered(
            t(
                "store.verify_past_expected",
                expected=row[0],
                id=log.count,
                head=shown,
            )
        )
    raise Altered(t("store.verify_not_expected", id=log.count, head=shown))


def matching_events(db: Database, prefix: str) -> int:
    """How many events' hashes start with ``prefix`` (for an ambiguous ``--expect``)."""
    row = db.execute(
        "select count(*) from events where substr(hash, 1, ?) = ?", [len(prefix), prefix]
    ).fetchone()
    return int(row[0])


# -------------------------------------------------------------- the definition
