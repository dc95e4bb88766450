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
from fractions import Fraction
from functools import cached_property
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


class Scale(_Model):
    min: Number = Field(default=Decimal(1), ge=-MAX_SCALE, le=MAX_SCALE)
    max: Number = Field(default=Decimal(10), ge=-MAX_SCALE, le=MAX_SCALE)
    step: Number = Field(default=Decimal(1), gt=0, le=MAX_SCALE)

    def contains(self, value: Fraction) -> bool:
        """True when ``value`` is on the scale: within [min, max] and on a step."""
        return value in self._allowed

    @cached_property
    def _allowed(self) -> frozenset[Fraction]:
        return frozenset(self.values())

    def values(self) -> list[Fraction]:
        lo, hi, step = Fraction(self.min), Fraction(self.max), Fraction(self.step)
        out: list[Fraction] = []
        v = lo
        while v <= hi and len(out) < 10_000:
            out.append(v)
            v += step
        return out


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


class Pitch(_Model):
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

    @property
    def pitches(self) -> bool:
        """Whether this proposal pitches on the day (is in the chair's queue)."""
        return self.stage == "pitch"

    @property
    def preselected_amount(self) -> Decimal | None:
        """What the pre-selection granted (None unless ``stage = "preselected"``)."""
        if self.stage != "preselected":
            return None
        return self.requested if self.granted is None else self.granted


class Conflict(_Model):
    juror: Slug
    pitch: Slug
    reason: Line = ""


class Pot(_Model):
    key: Slug
    name: Line = ""
    budget: Number = Field(ge=0, le=MAX_AMOUNT)
    min_requested: Number | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    max_requested: Number | None = Field(default=None, ge=0, le=MAX_AMOUNT)

    def fits(self, requested: Decimal) -> bool:
        """Inclusive limits, as SPEC.md says."""
        if self.min_requested is not None and requested < self.min_requested:
            return False
        return not (self.max_requested is not None and requested > self.max_requested)


class Session(_Model):
    """A whole session file, after the pitches CSV (if any) was read in."""

    session: SessionInfo
    criteria: list[Criterion] = Field(min_length=1)
    jurors: list[Juror] = Field(min_length=1)
    pitches: list[Pitch] = Field(min_length=1)
    conflicts: list[Conflict] = []
    pots: list[Pot] = []

    @cached_property
    def _index(self) -> tuple[dict[str, Criterion], dict[str, Juror], dict[str, Pitch]]:
        return (
            {c.key: c for c in reversed(self.criteria)},
            {j.key: j for j in reversed(self.jurors)},
            {p.key: p for p in reversed(self.pitches)},
        )

    def criterion(self, key: str) -> Criterion | None:
        return self._index[0].get(key)

    def juror(self, key: str) -> Juror | None:
        return self._index[1].get(key)

    def pitch(self, key: str) -> Pitch | None:
        return self._index[2].get(key)

    def pot_for(self, requested: Decimal) -> Pot | None:
        """The first pot whose limits fit ``requested``; None if pots exist and none fits."""
        return next((p for p in self.pots if p.fits(requested)), None)

    @cached_property
    def queue(self) -> list[Pitch]:
        """The pitches that pitch on the day, in session order (the chair's queue,
        "3 of 9"); proposals decided at pre-selection are not in it."""
        return [p for p in self.pitches if p.pitches]

    def queue_position(self, key: str) -> int | None:
        """1-based place of pitch ``key`` in :attr:`queue` (None if it does not pitch)."""
        return next((i for i, p in enumerate(self.queue, 1) if p.key == key), None)

    @property
    def scoring_jurors(self) -> list[Juror]:
        return [j for j in self.jurors if j.scores]

    def discuss_spread(self) -> Fraction:
        if self.session.discuss_spread is not None:
            return Fraction(self.session.discuss_spread)
        scale = self.session.scale
        return (Fraction(scale.max) - Fraction(scale.min)) * Fraction(3, 10)
