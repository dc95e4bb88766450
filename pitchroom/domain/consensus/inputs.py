"""What the consensus engine reads: plain, frozen, exact.

The store builds one :class:`RankingInput` from the database (see
``pitchroom.store.snapshot``); the engine never sees SQLite or the session
file. Every number is a ``Fraction`` so that ties are real ties.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class CriterionIn:
    key: str
    weight: Fraction
    threshold: Fraction | None = None


@dataclass(frozen=True, slots=True)
class PitchIn:
    key: str
    title: str
    requested: Fraction
    withdrawn: bool = False
    decision: str | None = None
    """None, "award", "reserve" or "reject" (the jury's recorded decision)."""
    granted: Fraction | None = None
    """The amount granted with an "award" decision; None means the requested amount."""
    stage: str = "pitch"
    """"pitch", or decided before the day: "preselected" (funded first, as an
    "award" decision) or "rejected" (as a "reject" decision)."""


@dataclass(frozen=True, slots=True)
class PotIn:
    key: str
    budget: Fraction
    min_requested: Fraction | None = None
    max_requested: Fraction | None = None


@dataclass(frozen=True, slots=True)
class TieDecision:
    """The chair's logged order for pitches that no rule could separate."""

    order: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PotTransfer:
    source: str
    target: str
    amount: Fraction


@dataclass(frozen=True)
class RankingInput:
    criteria: tuple[CriterionIn, ...]
    """In priority order (the session file's order): the tie-break order."""
    pitches: tuple[PitchIn, ...]
    """In session order. The order is never used to break a tie."""
    jurors: tuple[str, ...]
    """Jurors with a scoring role (juror or chair); observers are left out."""
    scores: Mapping[tuple[str, str, str], Fraction]
    """(pitch, juror, criterion) -> value, for the jurors above. May include
    scores of recused or absent jurors: the engine leaves those out."""
    ineligible: frozenset[tuple[str, str]] = frozenset()
    """(pitch, juror) pairs that are recused or absent."""
    scale_min: Fraction = Fraction(1)
    scale_max: Fraction = Fraction(10)
    scale_step: Fraction = Fraction(1)
    quorum: int | None = None
    """Fewest eligible jurors with complete scores for a pitch to be ranked;
    None means all eligible jurors."""
    budget: Fraction | None = None
    """None: money is unlimited."""
    max_funded: int | None = None
    funding_rule: str = "skip"
    pots: tuple[PotIn, ...] = ()
    pot_transfers: tuple[PotTransfer, ...] = ()
    tie_decisions: tuple[TieDecision, ...] = ()
    discuss_spread: Fraction = Fraction(27, 10)
    """Spread of juror totals at which a pitch is flagged for discussion."""
    held_back: frozenset[str] = field(default_factory=frozenset)
    """Pitches whose scores must not show yet (blind mode, the open pitch):
    they are treated as pending with no score."""
