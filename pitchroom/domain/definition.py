"""The session as the record holds it, read without pydantic.

A database keeps its session definition as the JSON that pydantic wrote
(``Session.model_dump_json()``). Every read of it (the chair, ``ranking``, the
stations, the writes' rules) needs the same values, but not pydantic: importing
it and building its validators was the largest part of ``pitchroom open``'s
start-up after Textual. :mod:`pitchroom.domain.definition_read` takes that JSON
apart into the plain, frozen classes below, with the same fields, values and
methods as the models in :mod:`pitchroom.domain.models`, checking every field's
rule as the models do.

The reader accepts only the form pydantic writes (every field present, numbers
as pydantic prints them, no escapes it would not write); anything else, damage
included, gives ``None`` and the caller validates the text with pydantic, so a
damaged definition is refused with pydantic's own message, as before. Whatever
needs the models themselves (``model_dump``, an amendment's new session) gets
them from :meth:`Session.model`, built from the same text on first use.
tests/store/test_plain_read.py compares the reader with pydantic's reading.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pitchroom.domain.definition_rules import PitchRules, PotRules, ScaleRules, SessionRules

if TYPE_CHECKING:
    from pitchroom.domain import models

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"

# Sane bounds (beyond them a value is a typo or an attack, and arithmetic on it
# overflows floats in the consensus, the exports and the timer).
MAX_AMOUNT = Decimal(10) ** 15
"""Budgets and requested amounts: a thousand million million."""
MAX_WEIGHT = Decimal(1000)
MAX_MINUTES = Decimal(24 * 60)
"""Pitch and Q&A time: at most a day."""
MAX_SCALE = Decimal(1_000_000)
MAX_COUNT = 1_000_000
"""Whole-number settings (max_funded, quorum)."""
MAX_NAME = 200
"""Titles, names, applicants, partners, reasons: characters."""
MAX_TEXT = 10_000
"""Descriptions and summaries: characters."""

Method = Literal["mean", "trimmed", "median", "zscore", "majority", "borda", "schulze"]
METHODS: tuple[str, ...] = ("mean", "trimmed", "median", "zscore", "majority", "borda", "schulze")
Role = Literal["juror", "chair", "observer"]
ROLES: tuple[str, ...] = ("juror", "chair", "observer")
SCORING_ROLES: frozenset[str] = frozenset({"juror", "chair"})
FundingRule = Literal["skip", "strict"]
FUNDING_RULES: tuple[str, ...] = ("skip", "strict")
Decision = Literal["award", "reserve", "reject"]
DECISIONS: tuple[str, ...] = ("award", "reserve", "reject")
Stage = Literal["pitch", "preselected", "rejected"]
STAGES: tuple[str, ...] = ("pitch", "preselected", "rejected")
LANGUAGES: tuple[str, ...] = ("en", "nl")

PITCH_FIELDS: tuple[str, ...] = (
    "key",
    "title",
    "applicant",
    "partners",
    "requested",
    "summary",
    "stage",
    "granted",
)
"""A pitch's fields in order: the columns of a pitches CSV and of the pitches table."""


def shows_nothing(value: str) -> bool:
    """Text that shows nothing: spaces, non-breaking or zero-width ones only (a
    title or name must show something; the empty text is allowed where a field
    may be empty)."""
    return bool(value) and not any(
        not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Zs") for ch in value
    )


class _Plain:
    """Equal to another of its class with equal fields, and to the pydantic model
    of the same name with equal values (as the models compare with each other)."""

    __slots__ = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))  # type: ignore[arg-type]  # every subclass is a dataclass

    def __eq__(self, other: object) -> bool:
        if type(other).__module__ == "pitchroom.domain.models":
            from pitchroom.domain.definition_read import of_model

            other = of_model(other)
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:  # unhashable with a list field, as the models are
        return hash(self._fields())


@dataclass(frozen=True, eq=False, kw_only=True)
class Scale(_Plain, ScaleRules):
    """The scores a juror may give: from min to max in steps of step."""

    min: Decimal = Decimal(1)
    max: Decimal = Decimal(10)
    step: Decimal = Decimal(1)


@dataclass(frozen=True, eq=False, kw_only=True)
class SessionInfo(_Plain):
    """The session's own settings: title, budget, funding rule, method, scale and language."""

    title: str
    date: dt.date | None = None
    budget: Decimal | None = None
    max_funded: int | None = None
    funding_rule: FundingRule = "skip"
    quorum: int | None = None
    currency: str = "EUR"
    scale: Scale = Scale()
    pitch_minutes: Decimal = Decimal(5)
    qa_minutes: Decimal = Decimal(5)
    method: Method = "mean"
    blind: bool = False
    language: Literal["en", "nl"] = "en"
    pitches_csv: str | None = None
    discuss_spread: Decimal | None = None


@dataclass(frozen=True, eq=False, kw_only=True)
class Criterion(_Plain):
    """One criterion the jurors score, with its weight and optional threshold."""

    key: str
    name: str
    description: str = ""
    weight: Decimal = Decimal(1)
    threshold: Decimal | None = None


@dataclass(frozen=True, eq=False, kw_only=True)
class Juror(_Plain):
    """A member of the jury (or a chair or observer, by role)."""

    key: str
    name: str
    role: Role = "juror"

    @property
    def scores(self) -> bool:
        return self.role in SCORING_ROLES


@dataclass(frozen=True, eq=False, kw_only=True)
class Pitch(_Plain, PitchRules):
    """One applicant's pitch: its title, the amount requested and its stage."""

    key: str
    title: str
    applicant: str = ""
    partners: list[str] = dataclasses.field(default_factory=list)
    requested: Decimal = Decimal(0)
    summary: str = ""
    stage: Stage = "pitch"
    granted: Decimal | None = None


@dataclass(frozen=True, eq=False, kw_only=True)
class Conflict(_Plain):
    """A juror who may not score a pitch, and why."""

    juror: str
    pitch: str
    reason: str = ""


@dataclass(frozen=True, eq=False, kw_only=True)
class Pot(_Plain, PotRules):
    """A budget of its own for the pitches whose request falls within its bounds."""

    key: str
    name: str = ""
    budget: Decimal
    min_requested: Decimal | None = None
    max_requested: Decimal | None = None


@dataclass(frozen=True, eq=False, kw_only=True)
class Session(_Plain, SessionRules[Criterion, Juror, Pitch, Pot]):
    """A whole session definition, as the record holds it."""

    session: SessionInfo
    criteria: list[Criterion]
    jurors: list[Juror]
    pitches: list[Pitch]
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)
    pots: list[Pot] = dataclasses.field(default_factory=list)
    source: str | models.Session | None = dataclasses.field(default=None, compare=False, repr=False)
    """The JSON it was read from, or the model it was made of (for :meth:`model`)."""

    def _fields(self) -> tuple[object, ...]:
        return (self.session, self.criteria, self.jurors, self.pitches, self.conflicts, self.pots)

    # ------------------------------------------------------------ the models
    def model(self) -> models.Session:
        """This session as the pydantic model (validated from the same text once)."""
        source = self.source
        if source is None or isinstance(source, str):
            from pitchroom.domain.models import Session as Model

            if source is None:
                return Model.model_validate(self.model_dump_plain())
            model = Model.model_validate_json(source)
            object.__setattr__(self, "source", model)
            return model
        return source

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """As the model's (``mode="json"`` and the rest)."""
        return self.model().model_dump(**options)

    def model_dump_json(self, **options: Any) -> str:
        return self.model().model_dump_json(**options)

    @classmethod
    def model_validate(cls, data: Any, **options: Any) -> models.Session:
        """The pydantic model of ``data`` (an edited dump of this one, say)."""
        from pitchroom.domain.models import Session as Model

        return Model.model_validate(data, **options)

    def model_dump_plain(self) -> dict[str, Any]:
        """The fields as nested dicts and lists of Python values."""
        return {
            name: _dump(getattr(self, name))
            for name in ("session", "criteria", "jurors", "pitches", "conflicts", "pots")
        }

    # ---------------------------------------------------------- as the model


def _dump(value: object) -> object:
    if isinstance(value, _Plain):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}  # type: ignore[arg-type]  # a dataclass
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value
