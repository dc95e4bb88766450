"""What the engine returns: :class:`Ranking` with one :class:`Row` per pitch.

Needs neither numpy nor the engine: the chair's first frame shows a ranking that a
forked child computed and pickled (:mod:`pitchroom.ui.prefetch`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass(frozen=True, slots=True)
class GaugeInfo:
    """Majority gauge of a pitch's pooled grades, on the scale."""

    grade: Fraction
    p: Fraction
    q: Fraction
    plus: bool
    tally: tuple[int, ...]
    """Pooled integer tally (weights and per-criterion counts made integer)."""


STATUSES = ("funded", "reserve", "ineligible", "pending", "unscored", "withdrawn")


@dataclass(frozen=True, slots=True)
class Row:
    """One pitch's line in a ranking: its rank, score, jurors, funding and status."""

    rank: int | None
    """Competition rank among ranked pitches; None while pending/unscored/withdrawn."""
    pitch: str
    title: str
    score: Fraction | float | int | None
    """Method score (provisional while pending). Majority: the gauge number."""
    jurors: int
    """Eligible jurors with at least one score."""
    eligible: int
    """Eligible jurors (not recused, not absent)."""
    complete: int
    """Eligible jurors who scored every criterion."""
    spread: Fraction | None
    """Highest minus lowest total among complete eligible jurors."""
    flagged: bool
    """spread >= discuss_spread: the jury should discuss this pitch."""
    requested: Fraction
    pot: str | None
    status: str
    decision: str | None
    granted: Fraction | None
    """Amount funded (award: granted or requested; funded by rank: requested)."""
    cumulative: Fraction
    """Total funded down to and including this row (display order)."""
    criteria: dict[str, Fraction | None]
    """Per-criterion consensus value of the method (tie-break values)."""
    thresholds_met: bool | None
    gauge: GaugeInfo | None = None
    """Majority only: pooled gauge (grade, p, q, +/-)."""
    grades: dict[str, Fraction | None] | None = None
    """Majority only: per-criterion majority grade (thresholds test these)."""
    tie_break: str | None = None
    """How a shared rank was ordered for the line: criteria, head_to_head, decision."""
    tie: tuple[str, ...] | None = None
    """Unresolved tie group at the funding line that holds this pitch (chair decides)."""
    interval: tuple[int, int] | None = None
    bootstrap: tuple[int, int] | None = None
    fragile: bool | None = None
    stage: str = "pitch"
    """"pitch", "preselected" or "rejected" (decided at pre-selection)."""


@dataclass(frozen=True, slots=True)
class PotResult:
    """One pot's outcome in a ranking: its budget after transfers and what is left."""

    key: str
    budget: Fraction
    """After transfers."""
    left: Fraction
    first_unfunded: str | None


@dataclass(frozen=True, slots=True)
class JurorStats:
    """One juror's leniency and spread over the pitches they scored completely."""

    juror: str
    pitches: int
    """Pitches with complete scores that the leniency rests on."""
    leniency: float | None
    """Mean offset of the juror's totals from the jury's mean totals."""
    spread: float | None
    """Sample SD of the juror's totals."""


@dataclass(frozen=True)
class Ranking:
    """A computed ranking: the rows in display order, the funding line, pots and extras."""

    method: str
    rows: tuple[Row, ...]
    budget: Fraction | None
    left: Fraction | None
    first_unfunded: str | None
    pots: tuple[PotResult, ...] = ()
    ties_at_line: tuple[tuple[str, ...], ...] = ()
    agreement: float | None = None
    """Kendall's W (extras only)."""
    alpha: float | None = None
    """Krippendorff's alpha, interval metric, on juror totals (extras only)."""
    jurors: tuple[JurorStats, ...] = ()
    seed: int | None = None
    """Bootstrap seed when resampled (None: exact enumeration or no extras)."""
    extras: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def row(self, pitch: str) -> Row:
        for r in self.rows:
            if r.pitch == pitch:
                return r
        raise KeyError(pitch)

    @property
    def funded(self) -> tuple[str, ...]:
        return tuple(r.pitch for r in self.rows if r.status == "funded")

    def to_json(self) -> dict[str, Any]:
        """The ``ranking --json`` object, without ``protocol`` (the caller adds it)."""
        number = _Numbers().num
        out: dict[str, Any] = {
            "method": self.method,
            "agreement": num(self.agreement),
            "alpha": num(self.alpha),
            "budget": num(self.budget),
            "left": num(self.left),
            "first_unfunded": self.first_unfunded,
            "ties_at_line": [list(t) for t in self.ties_at_line],
            "ranking": [_row_json(r, number) for r in self.rows],
        }
        if self.seed is not None:
            out["bootstrap_seed"] = self.seed
        if self.jurors:
            out["juror_stats"] = [
                {
                    "juror": j.juror,
                    "pitches": j.pitches,
                    "leniency": num(j.leniency),
                    "spread": num(j.spread),
                }
                for j in self.jurors
            ]
        if self.pots:
            out["pots"] = [
                {
                    "key": p.key,
                    "budget": num(p.budget),
                    "left": num(p.left),
                    "first_unfunded": p.first_unfunded,
                }
                for p in self.pots
            ]
        return out


def _row_json(r: Row, num: Callable[[Any], int | float | None]) -> dict[str, Any]:
    return {
        "rank": r.rank,
        "pitch": r.pitch,
        "title": r.title,
        "score": num(r.score),
        "jurors": r.jurors,
        "spread": num(r.spread),
        "flagged": r.flagged,
        "interval": list(r.interval) if r.interval else None,
        "bootstrap": list(r.bootstrap) if r.bootstrap else None,
        "requested": num(r.requested),
        "pot": r.pot,
        "status": r.status,
        "decision": r.decision,
        "stage": r.stage,
        "granted": num(r.granted),
        "cumulative": num(r.cumulative),
        "fragile": r.fragile,
        "criteria": {k: num(v) for k, v in r.criteria.items()},
    }


def num(value: Fraction | float | int | None) -> int | float | None:
    """JSON number: an int when integral, else a float rounded to 6 decimals."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return int(value)
        value = float(value)
    rounded = round(float(value), 6)
    if rounded == int(rounded) and abs(rounded) < 2**53:
        return int(rounded)
    return rounded


class _Numbers:
    """:func:`num` of the values of one ranking, each Fraction's once: a ranking's
    criterion means repeat (at 1,000 pitches x 50 jurors x 10 criteria, 12,000 values
    are some 600 distinct), and ``num`` is most of ``to_json``'s time."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], int | float | None] = {}

    def num(self, value: Fraction | float | int | None) -> int | float | None:
        if type(value) is not Fraction:
            return num(value)
        key = (value.numerator, value.denominator)  # a Fraction is kept in lowest terms
        seen = self._seen
        if key not in seen:
            seen[key] = num(value)
        return seen[key]
