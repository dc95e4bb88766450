"""The export document: everything a session holds, as pydantic models.

``pitchroom export --format json`` writes one :class:`ExportDocument`; its
JSON Schema ships as ``pitchroom/export/schema/export.schema.json`` (see
:mod:`pitchroom.export.schema`). Amounts and scores are JSON numbers; times
are ISO 8601 in UTC; keys are the slugs of the session file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from pitchroom.domain.consensus.result import Ranking

FORMAT_NAME: Final = "pitchroom-export"
FORMAT_VERSION: Final = 1

Num = int | float
Status = Literal["funded", "reserve", "ineligible", "pending", "unscored", "withdrawn"]
DecisionKind = Literal["award", "reserve", "reject"]
Stage = Literal["pitch", "preselected", "rejected"]
Eligibility = Literal["eligible", "recused", "absent", "observer"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


M = TypeVar("M", bound=_Model)


def trusted(cls: type[M]) -> Callable[[dict[str, Any]], M]:
    """A maker of ``cls`` instances from values that already have the field types,
    every field given, without per-field validation: what ``model_construct``
    builds, minus its per-field default handling.

    For the rows of the big tables (one per score and one per audit event, a
    million at the stress size, where validation took longer than the rest of
    the export together). Their values come typed from the record (SQLite
    columns with NOT NULL) and from :mod:`pitchroom.export.collect`; the JSON
    export is checked against the schema in the tests. The dict passed becomes
    the instance's own: pass a fresh one.
    """
    fields = frozenset(cls.model_fields)
    new, setattr_ = object.__new__, object.__setattr__

    def make(values: dict[str, Any]) -> M:
        model = new(cls)
        setattr_(model, "__dict__", values)
        setattr_(model, "__pydantic_fields_set__", fields)
        setattr_(model, "__pydantic_extra__", None)
        setattr_(model, "__pydantic_private__", None)
        return model

    return make


class ScaleOut(_Model):
    min: Num
    max: Num
    step: Num


class SessionOut(_Model):
    title: str
    date: dt.date | None = None
    currency: str
    budget: Num | None = None
    max_funded: int | None = None
    funding_rule: Literal["skip", "strict"]
    quorum: int | None = None
    scale: ScaleOut
    method: str = Field(description="The session's default consensus method.")
    language: str
    blind: bool


class CriterionOut(_Model):
    key: str
    name: str
    description: str
    weight: Num
    threshold: Num | None = None


class JurorOut(_Model):
    key: str
    name: str
    role: Literal["juror", "chair", "observer"]


class PitchOut(_Model):
    key: str
    title: str
    applicant: str
    partners: list[str]
    requested: Num
    summary: str
    stage: Stage = Field(
        default="pitch",
        description='"pitch" (it pitches), "preselected" (granted at pre-selection) or '
        '"rejected" (turned down at pre-selection).',
    )
    granted: Num | None = Field(
        default=None,
        description="With stage preselected: the amount granted (null: the requested amount).",
    )
    closed: bool
    withdrawn: bool


class PotOut(_Model):
    key: str
    name: str
    budget: Num
    min_requested: Num | None = None
    max_requested: Num | None = None


class RankingRow(BaseModel):
    """One row of ``pitchroom ranking --json`` (SPEC.md, "Command line")."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    rank: int | None = Field(description="Competition rank; null while pending or unscored.")
    pitch: str
    title: str
    score: Num | str | None = Field(description="The method's score; null if no score at all.")
    jurors: int = Field(description="Eligible jurors with at least one score on the pitch.")
    spread: Num | None = None
    interval: list[Num] | None = Field(
        default=None, description="[best, worst] rank leaving out one juror at a time."
    )
    bootstrap: list[Num] | None = Field(
        default=None, description="[5th, 95th] percentile rank over resampled juries."
    )
    requested: Num | None = None
    pot: str | None = None
    status: Status
    decision: DecisionKind | None = None
    stage: Stage = Field(
        default="pitch",
        description="Decided at pre-selection (preselected: funded first, decision award; "
        "rejected: decision reject), or pitch.",
    )
    fragile: bool | None = None
    granted: Num | None = Field(
        default=None,
        description="Money the pitch gets: the award's amount, or the requested "
        "amount when funded by rank; null when not funded.",
    )
    criteria: dict[str, Num | str | None] = Field(
        default_factory=dict, description="Consensus value per criterion key."
    )
    flagged: bool = Field(default=False, description="The jury disagrees enough to discuss.")


class PotLine(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    key: str
    budget: Num | None = None
    left: Num | None = None
    first_unfunded: str | None = None


class JurorStatOut(BaseModel):
    """A juror's leniency and spread (the ranking's extras)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    juror: str
    pitches: int = Field(description="Pitches with complete scores that the figures rest on.")
    leniency: Num | None = Field(
        default=None, description="Mean offset of the juror's totals from the jury's mean."
    )
    spread: Num | None = Field(default=None, description="Sample SD of the juror's totals.")


class RankingOut(BaseModel):
    """The consensus ranking, as ``pitchroom ranking --json`` prints it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    method: str
    protocol: str
    agreement: Num | None = Field(default=None, description="Kendall's W, or null.")
    alpha: Num | None = Field(
        default=None,
        description="Krippendorff's alpha (interval metric) over the juror totals, or null "
        "when there is too little data.",
    )
    budget: Num | None = None
    left: Num | None = Field(default=None, description="Money left after funding.")
    first_unfunded: str | None = None
    ties_at_line: list[list[str]] = Field(
        default_factory=list, description="Ties at the funding line that the chair must decide."
    )
    bootstrap_seed: int | None = None
    ranking: list[RankingRow]
    pots: list[PotLine] = []
    juror_stats: list[JurorStatOut] = []

    @classmethod
    def of(cls, ranking: Ranking, protocol: str) -> RankingOut:
        """The exported form of the engine's ranking (what ``ranking --json`` prints)."""
        return cls.model_validate({"protocol": protocol, **ranking.to_json()})


class ScoreOut(_Model):
    pitch: str
    juror: str
    criterion: str
    value: Num
    counts: Eligibility = Field(
        description="'eligible' when the score counts; otherwise why it does not."
    )


class TotalOut(_Model):
    """A juror's total for a pitch: the weighted mean of their criterion scores."""

    pitch: str
    juror: str
    total: Num | None
    complete: bool = Field(description="The juror scored every criterion.")
    eligibility: Eligibility


class CommentOut(_Model):
    pitch: str
    juror: str
    text: str
    saved_at: str
    actor: str


class RecusalOut(_Model):
    pitch: str
    juror: str
    reason: str


class AbsenceOut(_Model):
    pitch: str
    juror: str


class DecisionOut(_Model):
    pitch: str
    decision: DecisionKind
    amount: Num | None = Field(description="Granted (award only); null: the requested amount.")
    motivation: str
    saved_at: str
    actor: str


class TransferOut(_Model):
    source: str
    target: str
    amount: Num
    reason: str


class TieOut(_Model):
    pitches: list[str]
    reason: str


class EventOut(_Model):
    id: int
    at: str
    actor: str
    action: str
    entity: str
    pitch: str | None = None
    juror: str | None = None
    criterion: str | None = None
    before: Any = None
    after: Any = None
    reason: str | None = None
    hash: str


class AuditOut(_Model):
    head_id: int
    head_hash: str = Field(description="Hash of the last event, as `pitchroom verify` prints.")
    events: int
    intact: bool
    message: str
    unproven: list[str] = Field(
        default_factory=list,
        description="What `pitchroom verify` cannot prove for this database (one made by an "
        "earlier version, whose log does not hold the whole session definition).",
    )


class ExportDocument(_Model):
    """Everything in a pitchroom session database, for other systems."""

    format: Literal["pitchroom-export"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    generated_at: dt.datetime
    database: str = Field(description="The database file's name.")
    protocol: str = Field(description="SHA-256 fingerprint of the scoring protocol.")
    protocol_frozen_at: str | None = None
    session: SessionOut
    criteria: list[CriterionOut]
    jurors: list[JurorOut]
    pitches: list[PitchOut]
    pots: list[PotOut]
    ranking: RankingOut
    scores: list[ScoreOut]
    totals: list[TotalOut]
    comments: list[CommentOut]
    recusals: list[RecusalOut]
    absences: list[AbsenceOut]
    decisions: list[DecisionOut]
    pot_transfers: list[TransferOut]
    tie_decisions: list[TieOut]
    audit: AuditOut
    events: list[EventOut]
