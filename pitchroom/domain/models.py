"""The session as a jury defines it: pydantic models, no I/O.

These models mirror the session file (SPEC.md, "Session file"). Field-level
rules (slugs, positive weights, non-negative amounts) live here; rules that
span fields or lists (duplicate keys, unknown references, a step that does not
divide the scale) live in :mod:`pitchroom.domain.validation`, so the loader can
report every problem at once with its line.

Numbers that take part in scoring are ``Decimal`` (exact, converts to
``Fraction`` without loss); they serialise to JSON as plain numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer
from pydantic_core import PydanticCustomError

# The names and bounds are the plain reader's too (pitchroom.domain.definition).
from pitchroom.domain.definition import (
    DECISIONS as DECISIONS,
)
from pitchroom.domain.definition import (
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_MINUTES,
    MAX_NAME,
    MAX_SCALE,
    MAX_TEXT,
    MAX_WEIGHT,
    SLUG_PATTERN,
    FundingRule,
    Method,
    Role,
    Stage,
    shows_nothing,
)
from pitchroom.domain.definition import (
    METHODS as METHODS,
)
from pitchroom.domain.definition import (
    PITCH_FIELDS as PITCH_FIELDS,
)
from pitchroom.domain.definition import (
    SCORING_ROLES as SCORING_ROLES,
)
from pitchroom.domain.definition import (
    STAGES as STAGES,
)
from pitchroom.domain.definition_rules import PitchRules, PotRules, ScaleRules, SessionRules


def _number_json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


Number = Annotated[
    Decimal, PlainSerializer(_number_json, return_type=int | float, when_used="json")
]
"""An exact decimal that serialises to JSON as a number."""

Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]


def _not_blank(value: str) -> str:
    """Refuse text that shows nothing: spaces, non-breaking or zero-width ones only."""
    if shows_nothing(value):
        raise PydanticCustomError("blank_text", "text that shows nothing")
    return value


Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_not_blank)]
"""A title or name: something a person can read, of a sane length."""
Line = Annotated[str, Field(max_length=MAX_NAME), AfterValidator(_not_blank)]
"""An optional short text (applicant, partner, reason): empty, or readable."""
Text = Annotated[str, Field(max_length=MAX_TEXT)]
"""A description or summary."""


class _Model(BaseModel):
    # The validators are built on first use (one schema for Session and what it
    # holds), not at import: `pitchroom open` and `ranking` start sooner.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Scale(_Model, ScaleRules):
    min: Number = Field(default=Decimal(1), ge=-MAX_SCALE, le=MAX_SCALE)
    max: Number = Field(default=Decimal(10), ge=-MAX_SCALE, le=MAX_SCALE)
    step: Number = Field(default=Decimal(1), gt=0, le=MAX_SCALE)


class SessionInfo(_Model):
    title: Name
    date: dt.date | None = None
    budget: Number | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    max_funded: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    funding_rule: FundingRule = "skip"
    quorum: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    currency: str = Field(default="EUR", min_length=1, max_length=8)
    scale: Scale = Scale()
    pitch_minutes: Number = Field(default=Decimal(5), gt=0, le=MAX_MINUTES)
    qa_minutes: Number = Field(default=Decimal(5), ge=0, le=MAX_MINUTES)
    method: Method = "mean"
    blind: bool = False
    language: Literal["en", "nl"] = "en"
    pitches_csv: str | None = None
    discuss_spread: Number | None = Field(default=None, gt=0, le=MAX_SCALE * 2)
    """Spread between juror totals at which a pitch is flagged for discussion
    (default: 30% of the scale's range)."""


class Criterion(_Model):
    key: Slug
    name: Name
    description: Text = ""
    weight: Number = Field(default=Decimal(1), gt=0, le=MAX_WEIGHT)
    threshold: Number | None = Field(default=None, ge=-MAX_SCALE, le=MAX_SCALE)


class Juror(_Model):
    key: Slug
    name: Name
    role: Role = "juror"

    @property
    def scores(self) -> bool:
        return self.role in SCORING_ROLES


class Pitch(_Model, PitchRules):
    key: Slug
    title: Name
    applicant: Line = ""
    partners: list[Line] = []
    requested: Number = Field(default=Decimal(0), ge=0, le=MAX_AMOUNT)
    summary: Text = ""
    stage: Stage = "pitch"
    """``pitch``: it pitches; ``preselected``: granted at pre-selection (funded
    first, never pitches); ``rejected``: turned down at pre-selection."""
    granted: Number | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    """With ``stage = "preselected"``: the amount granted (None: the requested amount)."""


class Conflict(_Model):
    juror: Slug
    pitch: Slug
    reason: Line = ""


class Pot(_Model, PotRules):
    key: Slug
    name: Line = ""
    budget: Number = Field(ge=0, le=MAX_AMOUNT)
    min_requested: Number | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    max_requested: Number | None = Field(default=None, ge=0, le=MAX_AMOUNT)


class Session(_Model, SessionRules[Criterion, Juror, Pitch, Pot]):
    """A whole session file, after the pitches CSV (if any) was read in."""

    session: SessionInfo
    criteria: list[Criterion] = Field(min_length=1)
    jurors: list[Juror] = Field(min_length=1)
    pitches: list[Pitch] = Field(min_length=1)
    conflicts: list[Conflict] = []
    pots: list[Pot] = []
