"""Plain values the store hands out (never sqlite rows)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Event:
    """One entry of the audit log: who changed what, from which value to which."""

    id: int
    at: str
    actor: str
    action: str
    entity: str
    pitch: str | None
    juror: str | None
    criterion: str | None
    before: Any
    after: Any
    reason: str | None
    hash: str

    @property
    def undoable(self) -> bool:
        from pitchroom.store.audit import ENTITIES

        return self.entity in ENTITIES and self.entity not in ("pot_transfer", "tie_decision")


def event_from_row(row: dict[str, Any]) -> Event:
    def load(text: str | None) -> Any:
        return None if text is None else json.loads(text)

    return Event(
        id=row["id"],
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        entity=row["entity"],
        pitch=row["pitch"],
        juror=row["juror"],
        criterion=row["criterion"],
        before=load(row["before"]),
        after=load(row["after"]),
        reason=row["reason"],
        hash=row["hash"],
    )


def event_from_values(values: tuple[Any, ...]) -> Event:
    """An :class:`Event` from the columns id, at, actor, action, entity, pitch,
    juror, criterion, before, after, reason, hash (in that order)."""
    ident, at, actor, action, entity, pitch, juror, criterion, before, after, reason, hsh = values
    return Event(
        ident,
        at,
        actor,
        action,
        entity,
        pitch,
        juror,
        criterion,
        None if before is None else _load(before),
        None if after is None else _load(after),
        reason,
        hsh,
    )


_SCORE_VALUE = re.compile(r'\{"value":(-?(?:0|[1-9][0-9]*))((?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\}')


def _load(text: str) -> Any:
    """``json.loads(text)``, with a fast path for a score's ``{"value":N}``."""
    match = _SCORE_VALUE.fullmatch(text)
    if match is None:
        return json.loads(text)
    whole, rest = match.groups()
    return {"value": float(whole + rest) if rest else int(whole)}


@dataclass(frozen=True)
class Comment:
    """A juror's comment on a pitch, as last saved."""

    pitch: str
    juror: str
    text: str
    saved_at: str
    actor: str


@dataclass(frozen=True)
class Decision:
    """The chair's decision on a pitch, with the amount and the motivation."""

    pitch: str
    decision: str
    amount: Decimal | None
    motivation: str
    saved_at: str
    actor: str


@dataclass(frozen=True)
class PitchState:
    """Whether a pitch is closed for scoring or withdrawn."""

    closed: bool = False
    withdrawn: bool = False
