"""What ``pitchroom verify`` compares: the record the log accounts for, and the
tables as they are (the walk through the log itself: :mod:`pitchroom.store.replay`).

:class:`Log` is what the walk found; :data:`RECORDS` says per entity how an
event's ``after`` becomes a table row; :func:`check_definition` and
:func:`check_records` raise :class:`Altered` naming the first difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from pitchroom.domain.models import Session
from pitchroom.domain.protocol import fingerprint
from pitchroom.i18n import N_, t
from pitchroom.store.audit import ENTITIES, GENESIS
from pitchroom.store.db import Database
from pitchroom.store.importing import DEFINITION_COLUMNS, session_rows

MIN_EXPECT_DIGITS = 12
"""The shortest prefix of a head hash that ``expect`` accepts (and that messages show)."""

UNPROVEN_DEFINITION = N_("store.unproven_definition")
UNPROVEN_TIMES = N_("store.unproven_times")
UNPROVEN_SOURCE_PATH = N_("store.unproven_source_path")


class Altered(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Log:
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
class Record:
    table: str
    keys: tuple[str, ...]
    columns: tuple[str, ...]
    stamped: bool
    row: Callable[[dict[str, Any]], tuple[Any, ...] | None]
    where: str = ""


def _pitch_state(after: dict[str, Any]) -> tuple[Any, ...] | None:
    closed, withdrawn = int(bool(after.get("closed"))), int(bool(after.get("withdrawn")))
    return (closed, withdrawn) if closed or withdrawn else None


RECORDS: dict[str, Record] = {
    "score": Record(
        "scores", ("pitch", "juror", "criterion"), ("value",), True, lambda a: (a["value"],)
    ),
    "recusal": Record("recusals", ("pitch", "juror"), ("reason",), True, lambda a: (a["reason"],)),
    "absence": Record("absences", ("pitch", "juror"), (), True, lambda a: ()),
    "comment": Record("comments", ("pitch", "juror"), ("text",), True, lambda a: (a["text"],)),
    "decision": Record(
        "decisions",
        ("pitch",),
        ("decision", "amount", "motivation"),
        True,
        lambda a: (a["decision"], a["amount"], a["motivation"]),
    ),
    "pitch_state": Record(
        "pitches",
        ("key",),
        ("closed", "withdrawn"),
        False,
        _pitch_state,
        where=" where closed or withdrawn",
    ),
    "pot_transfer": Record(
        "pot_transfers",
        ("id",),
        ("source", "target", "amount", "reason"),
        True,
        lambda a: (a["source"], a["target"], a["amount"], a["reason"]),
    ),
    "tie_decision": Record(
        "tie_decisions",
        ("id",),
        ("pitches", "reason"),
        True,
        lambda a: (a["pitches"], a["reason"]),
    ),
}
assert RECORDS.keys() == ENTITIES.keys()


def check_definition(db: Database, log: Log) -> tuple[str, ...]:
    """``meta`` and the definition tables against the log; returns what the
    log of an older database cannot prove."""
    if log.imported is None:
        raise Altered(t("store.verify_no_import"))
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
            raise Altered(_differs("meta.session", None, _Plain(t("store.verify_a_definition"))))
        difference = _first_difference(stored, log.definition, "meta.session")
        if difference:
            raise Altered(_differs(*difference))
        model = Session.model_validate(log.definition)
    else:
        # Made before the log held the definition: its fingerprint is all the
        # log has. The stored definition must at least have that protocol.
        unproven.append(UNPROVEN_DEFINITION)
        if stored is None:
            raise Altered(_differs("meta.session", None, _Plain(t("store.verify_a_definition"))))
        try:
            model = Session.model_validate(stored)
        except ValidationError:
            raise Altered(t("store.verify_meta_unreadable")) from None
        if fingerprint(model) != log.protocol:
            raise Altered(
                t(
                    "store.verify_definition_fingerprint",
                    actual=fingerprint(model)[:MIN_EXPECT_DIGITS],
                    logged=str(log.protocol)[:MIN_EXPECT_DIGITS],
                )
            )
        title = log.imported.get("title")
        if model.session.title != title:
            raise Altered(_differs("meta.session.session.title", model.session.title, title))
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
            raise Altered(
                _differs(
                    "meta.protocol_frozen_at",
                    frozen,
                    log.first_score_at and _Plain(t("store.verify_a_time")),
                )
            )
    for key, logged in logged_meta.items():
        if meta.get(key) != logged:
            raise Altered(_differs(f"meta.{key}", meta.get(key), logged))
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
            raise Altered(_table_difference(table, columns[1:], actual, logged_rows, differs))
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


def check_records(db: Database, log: Log, *, stamped: bool) -> None:
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
            raise Altered(_table_difference(spec.table, columns, actual, logged))


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
