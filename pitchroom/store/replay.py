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
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from pitchroom.domain.models import Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.i18n import N_, t
from pitchroom.store.audit import ENTITIES, GENESIS, HASHED_FIELDS, event_key, hash_fields
from pitchroom.store.importing import DEFINITION_COLUMNS, session_rows

DEFINITION_ENTITIES = frozenset({"session", "protocol"})
"""Events on these entities set the session definition (``after.session``)
and its fingerprint (``after.protocol``)."""

MIN_EXPECT_DIGITS = 12
"""The shortest prefix of a head hash that ``expect`` accepts."""

UNPROVEN_DEFINITION = N_("store.unproven_definition")
UNPROVEN_TIMES = N_("store.unproven_times")
UNPROVEN_SOURCE_PATH = N_("store.unproven_source_path")


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


class _Altered(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class _Log:
    """What the walk through the log found."""

    count: int = 0
    head: str = GENESIS
    records: dict[str, dict[tuple[Any, ...], Any]] = field(default_factory=dict)
    imported: dict[str, Any] | None = None
    imported_at: str | None = None
    definition: dict[str, Any] | None = None
    definition_event: int = 0
    protocol: str | None = None
    first_score_at: str | None = None


# ---------------------------------------------------------------- the records
#
# Per entity: the table's columns (after its key columns) in the order the
# replay builds them, and how an event's ``after`` becomes that row. With
# ``stamped`` the row ends with ``saved_at`` and ``actor``: the event's time
# and actor.


@dataclass(frozen=True)
class _Record:
    table: str
    keys: tuple[str, ...]
    columns: tuple[str, ...]
    stamped: bool
    row: Callable[[dict[str, Any]], tuple[Any, ...] | None]
    where: str = ""


def _pitch_state(after: dict[str, Any]) -> tuple[Any, ...] | None:
    closed, withdrawn = int(bool(after.get("closed"))), int(bool(after.get("withdrawn")))
    return (closed, withdrawn) if closed or withdrawn else None


RECORDS: dict[str, _Record] = {
    "score": _Record(
        "scores", ("pitch", "juror", "criterion"), ("value",), True, lambda a: (a["value"],)
    ),
    "recusal": _Record("recusals", ("pitch", "juror"), ("reason",), True, lambda a: (a["reason"],)),
    "absence": _Record("absences", ("pitch", "juror"), (), True, lambda a: ()),
    "comment": _Record("comments", ("pitch", "juror"), ("text",), True, lambda a: (a["text"],)),
    "decision": _Record(
        "decisions",
        ("pitch",),
        ("decision", "amount", "motivation"),
        True,
        lambda a: (a["decision"], a["amount"], a["motivation"]),
    ),
    "pitch_state": _Record(
        "pitches",
        ("key",),
        ("closed", "withdrawn"),
        False,
        _pitch_state,
        where=" where closed or withdrawn",
    ),
    "pot_transfer": _Record(
        "pot_transfers",
        ("id",),
        ("source", "target", "amount", "reason"),
        True,
        lambda a: (a["source"], a["target"], a["amount"], a["reason"]),
    ),
    "tie_decision": _Record(
        "tie_decisions",
        ("id",),
        ("pitches", "reason"),
        True,
        lambda a: (a["pitches"], a["reason"]),
    ),
}
assert RECORDS.keys() == ENTITIES.keys()


def verify(db: Database, expect: str | None = None) -> VerifyResult:
    """Recompute the chain, replay the log and compare it with the whole record.

    ``expect``: the head hash the secretary recorded (the full hash or a
    prefix of at least :data:`MIN_EXPECT_DIGITS` hex digits, lower case; the
    caller checks its form).
    """
    log = _Log()
    try:
        _walk(db, log)
        expected = False
        if expect is not None:
            _check_expected(db, log, expect)
            expected = True
        unproven = _check_definition(db, log)
        _check_records(db, log, stamped=UNPROVEN_TIMES not in unproven)
    except _Altered as altered:
        return VerifyResult(False, log.head, log.count, altered.message)
    return VerifyResult(
        True,
        log.head,
        log.count,
        t("store.verify_intact", head=log.head),
        unproven=unproven,
        expected=expected,
    )


def _walk(db: Database, log: _Log) -> None:
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
            raise _Altered(t("store.verify_gap", id=expected_id))
        if values[11] != expected_prev or hash_fields(values[:12]) != values[12]:
            log.count = count - 1
            raise _Altered(t("store.verify_altered", id=ident, action=action))
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
                    raise _Altered(t("store.verify_unreadable", id=ident, action=action)) from None
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
        raise _Altered(t("store.verify_unreadable", id=ident, action=action)) from None


def _definition_event(
    log: _Log, ident: int, action: str, at: str, after: dict[str, Any] | None
) -> None:
    if not isinstance(after, dict):
        raise _Altered(t("store.verify_unreadable", id=ident, action=action))
    if ident == 1 and action == "session.imported":
        log.imported, log.imported_at = after, at
    elif log.imported is None:
        raise _Altered(t("store.verify_no_import"))
    definition = after.get("session")
    protocol = after.get("protocol")
    if definition is not None:
        try:
            model = Session.model_validate(definition)
        except ValidationError:
            raise _Altered(t("store.verify_unreadable", id=ident, action=action)) from None
        if fingerprint(model) != protocol:
            raise _Altered(t("store.verify_event_fingerprint", id=ident, action=action))
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


def _check_expected(db: Database, log: _Log, expect: str) -> None:
    if log.head.startswith(expect):
        return
    shown = log.head[:MIN_EXPECT_DIGITS]
    row = db.execute(
        "select id from events where substr(hash, 1, ?) = ? order by id limit 1",
        [len(expect), expect],
    ).fetchone()
    if row is not None:
        raise _Altered(
            t(
                "store.verify_past_expected",
                expected=row[0],
                id=log.count,
                head=shown,
            )
        )
    raise _Altered(t("store.verify_not_expected", id=log.count, head=shown))


def matching_events(db: Database, prefix: str) -> int:
    """How many events' hashes start with ``prefix`` (for an ambiguous ``--expect``)."""
    row = db.execute(
        "select count(*) from events where substr(hash, 1, ?) = ?", [len(prefix), prefix]
    ).fetchone()
    return int(row[0])


# -------------------------------------------------------------- the definition


def _check_definition(db: Database, log: _Log) -> tuple[str, ...]:
    """``meta`` and the definition tables against the log; returns what the
    log of an older database cannot prove."""
    if log.imported is None:
        raise _Altered(t("store.verify_no_import"))
    meta = dict(db.execute("select key, value from meta").fetchall())
    unproven: list[str] = []
    stored_text = meta.get("session")
    stored: Any = None
    if stored_text is not None:
        try:
            stored = json.loads(stored_text)
        except ValueError:
            stored = stored_text
    if log.definition is not None:
        if stored is None:
            raise _Altered(_differs("meta.session", None, _Plain(t("store.verify_a_definition"))))
        difference = _first_difference(stored, log.definition, "meta.session")
        if difference:
            raise _Altered(_differs(*difference))
        model = Session.model_validate(log.definition)
    else:
        # Made before the log held the definition: its fingerprint is all the
        # log has. The stored definition must at least have that protocol.
        unproven.append(UNPROVEN_DEFINITION)
        if stored is None:
            raise _Altered(_differs("meta.session", None, _Plain(t("store.verify_a_definition"))))
        try:
            model = Session.model_validate(stored)
        except ValidationError:
            raise _Altered(t("store.verify_meta_unreadable")) from None
        if fingerprint(model) != log.protocol:
            raise _Altered(
                t(
                    "store.verify_definition_fingerprint",
                    actual=fingerprint(model)[:MIN_EXPECT_DIGITS],
                    logged=str(log.protocol)[:MIN_EXPECT_DIGITS],
                )
            )
        title = log.imported.get("title")
        if model.session.title != title:
            raise _Altered(_differs("meta.session.session.title", model.session.title, title))
    logged_meta: dict[str, Any] = {
        "protocol": fingerprint(model),
        "source_sha256": log.imported.get("source_sha256"),
        "imported_at": log.imported_at,
    }
    if "session" in log.imported:
        logged_meta["source_path"] = log.imported.get("source_path")
        logged_meta["protocol_frozen_at"] = log.first_score_at
    else:
        unproven += [UNPROVEN_TIMES, UNPROVEN_SOURCE_PATH]
        frozen = meta.get("protocol_frozen_at")
        if (frozen is None) != (log.first_score_at is None):
            raise _Altered(
                _differs(
                    "meta.protocol_frozen_at",
                    frozen,
                    log.first_score_at and _Plain(t("store.verify_a_time")),
                )
            )
    for key, logged in logged_meta.items():
        if meta.get(key) != logged:
            raise _Altered(_differs(f"meta.{key}", meta.get(key), logged))
    for table, rows in session_rows(model).items():
        columns = DEFINITION_COLUMNS[table]
        actual = {
            row[0]: row[1:]
            for row in db.execute(f"select {', '.join(columns)} from {table}").fetchall()
        }
        logged_rows = {row[0]: row[1:] for row in rows}
        if actual != logged_rows:
            # An older database: the rows can only be held against meta.session.
            differs = (
                N_("store.verify_differs") if log.definition else N_("store.verify_differs_meta")
            )
            raise _Altered(_table_difference(table, columns[1:], actual, logged_rows, differs))
    return tuple(unproven)


def _first_difference(actual: Any, logged: Any, path: str) -> tuple[str, Any, Any] | None:
    """The first place where two JSON values differ: (path, actual, logged)."""
    if isinstance(logged, dict) and isinstance(actual, dict):
        for key in [*logged, *sorted(k for k in actual if k not in logged)]:
            found = _first_difference(actual.get(key), logged.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(logged, list) and isinstance(actual, list):
        names = [_item_key(item) for item in logged]
        if len(actual) == len(logged) and names == [_item_key(item) for item in actual]:
            for i, (a, b) in enumerate(zip(actual, logged, strict=True)):
                found = _first_difference(a, b, f"{path}.{names[i] or i}")
                if found:
                    return found
            return None
        keys_a = [_item_key(item) for item in actual]
        if None not in names and None not in keys_a and keys_a != names:
            return (path, _KeyList(str(k) for k in keys_a), _KeyList(str(k) for k in names))
        return (path, actual, logged) if actual != logged else None
    if _same_scalar(actual, logged):
        return None
    return (path, actual, logged)


def _item_key(item: Any) -> str | None:
    key = item.get("key") if isinstance(item, dict) else None
    return key if isinstance(key, str) else None


class _KeyList(list[str]):
    """A list shown by its items' keys (criteria out of order, a juror missing)."""


def _same_scalar(a: Any, b: Any) -> bool:
    """Equal JSON scalars (``9`` and ``9.0`` are one number; ``true`` is no number)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) != isinstance(b, int | float):
        return False
    return bool(a == b)


def _table_difference(
    table: str,
    columns: tuple[str, ...],
    actual: dict[Any, tuple[Any, ...]],
    logged: dict[Any, tuple[Any, ...]],
    message: str = N_("store.verify_differs"),
) -> str:
    for key in [*logged, *sorted((k for k in actual if k not in logged), key=str)]:
        a, b = actual.get(key), logged.get(key)
        if a == b:
            continue
        name = f"{table}.{_key_text(key)}"
        if a is None or b is None:
            return _differs(name, _Row(columns, a), _Row(columns, b), message)
        for column, x, y in zip(columns, a, b, strict=True):
            if x != y:
                return _differs(f"{name}.{column}", x, y, message)
    raise AssertionError("tables differ but no row does")


# ------------------------------------------------------------------ records


def _check_records(db: Database, log: _Log, *, stamped: bool) -> None:
    """Every record table against the replay; ``stamped``: the rows' saved_at
    times are proven too (an older database proves only their actors)."""
    for entity, spec in RECORDS.items():
        columns = spec.columns
        if spec.stamped:
            columns += ("saved_at", "actor") if stamped else ("actor",)
        nkeys = len(spec.keys)
        select = ", ".join(spec.keys + columns)
        cursor = db.conn.execute(f"select {select} from {spec.table}{spec.where}")
        actual = {row[:nkeys]: row[nkeys:] for row in cursor}
        if entity == "tie_decision":
            actual = {k: (_loads(v[0]), *v[1:]) for k, v in actual.items()}
        replayed = log.records[entity]
        if spec.stamped and stamped:
            logged = {k: row for k, row in replayed.items() if row is not None}
        elif spec.stamped:
            logged = {k: (*row[:-2], row[-1]) for k, row in replayed.items() if row is not None}
        else:
            logged = {k: row[:-2] for k, row in replayed.items() if row is not None}
        if actual != logged:
            raise _Altered(_table_difference(spec.table, columns, actual, logged))


def _loads(text: Any) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


# ----------------------------------------------------------------- messages


@dataclass(frozen=True)
class _Row:
    columns: tuple[str, ...]
    values: tuple[Any, ...] | None


def _key_text(key: Any) -> str:
    if isinstance(key, tuple):
        return "/".join(str(k) for k in key)
    return str(key)


def _differs(name: str, actual: Any, logged: Any, message: str = N_("store.verify_differs")) -> str:
    return t(message, name=name, actual=_show(actual), logged=_show(logged))


def _show(value: Any) -> str:
    if value is None:
        return t("store.verify_nothing")
    if isinstance(value, _Row):
        if value.values is None:
            return t("store.verify_nothing")
        if not value.columns:
            return t("store.verify_a_row")
        return ", ".join(
            f"{c}={_show(v)}" for c, v in zip(value.columns, value.values, strict=True)
        )
    if isinstance(value, _KeyList):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, _Plain):
        return str(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"


class _Plain(str):
    """A description shown as it is, not quoted as a stored text."""

    __slots__ = ()
