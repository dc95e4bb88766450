"""What the charts show, from the ranking report: pure, shared by the screen and the report.

Three charts, the same on the ranking screen (``g``) and in the html jury report:

- **forest**: per ranked pitch its rank, the leave-one-juror-out range and the
  bootstrap interval, with the funding line of each pot (above the pot's first
  unfunded pitch) and the fragile pitches marked;
- **strip**: the juror totals of a pitch against the scale, with the consensus;
- **leniency**: each juror's mean offset from the jury, and the spread of their totals.

The input is typed: the engine's :class:`~pitchroom.domain.consensus.result.Ranking`
(the screen) and the export document's ``RankingOut`` (the report) both have the fields the
protocols below name, so each passes its own rows, pots and juror figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Protocol

ON_SCALE = frozenset({"mean", "trimmed", "median", "zscore"})
"""Methods whose score is on the juror scale (the others rank on their own numbers)."""


class RankedRow(Protocol):
    """A ranking row as the charts read it (the engine's ``Row``, the export's ``RankingRow``)."""

    @property
    def rank(self) -> int | None: ...
    @property
    def pitch(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def pot(self) -> str | None: ...
    @property
    def fragile(self) -> bool | None: ...
    @property
    def interval(self) -> Sequence[float] | None: ...
    @property
    def bootstrap(self) -> Sequence[float] | None: ...
    @property
    def score(self) -> object: ...


class PotEnd(Protocol):
    """A pot's key and its first unfunded pitch (``PotResult``, ``PotLine``)."""

    @property
    def key(self) -> str: ...
    @property
    def first_unfunded(self) -> str | None: ...


class JurorFigures(Protocol):
    """A juror's leniency and spread (``JurorStats``, ``JurorStatOut``)."""

    @property
    def juror(self) -> str: ...
    @property
    def pitches(self) -> int: ...
    @property
    def leniency(self) -> float | None: ...
    @property
    def spread(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class ForestRow:
    pitch: str
    title: str
    rank: int
    interval: tuple[int, int] | None
    """Leave-one-juror-out rank range."""
    bootstrap: tuple[int, int] | None
    """5th-95th percentile rank over bootstrap resamples of the jurors."""
    fragile: bool
    status: str
    pot: str | None


@dataclass(frozen=True, slots=True)
class FundingLine:
    pot: str | None
    """The pot's key (None: the session's one budget)."""
    before: int
    """Index in :attr:`Forest.rows` of the first unfunded pitch: the line is drawn above it."""


@dataclass(frozen=True, slots=True)
class Forest:
    rows: tuple[ForestRow, ...]
    lines: tuple[FundingLine, ...]
    left_out: tuple[tuple[str, int], ...]
    """(status, count) of the pitches without a rank (pending, unscored, withdrawn)."""
    ranks: int
    """The largest rank on the axis (rank, intervals and bootstrap included)."""


def _pair(value: Sequence[float] | None) -> tuple[int, int] | None:
    if value is not None and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def forest(
    ranking: Iterable[RankedRow], pots: Sequence[PotEnd], first_unfunded: str | None
) -> Forest:
    """The forest of a ranking: its rows in order, the pots' ends (or, without pots, the
    session's ``first_unfunded``)."""
    rows: list[ForestRow] = []
    left: dict[str, int] = {}
    for row in ranking:
        if row.rank is None:
            left[row.status] = left.get(row.status, 0) + 1
            continue
        rows.append(
            ForestRow(
                pitch=row.pitch,
                title=row.title or row.pitch,
                rank=row.rank,
                interval=_pair(row.interval),
                bootstrap=_pair(row.bootstrap),
                fragile=bool(row.fragile),
                status=row.status,
                pot=row.pot,
            )
        )
    index = {r.pitch: i for i, r in enumerate(rows)}
    lines: list[FundingLine] = []
    if pots:
        for pot in pots:
            if pot.first_unfunded in index:
                lines.append(FundingLine(pot.key, index[pot.first_unfunded]))
    elif first_unfunded in index:
        lines.append(FundingLine(None, index[first_unfunded]))
    top = max(
        [r.rank for r in rows]
        + [r.interval[1] for r in rows if r.interval]
        + [r.bootstrap[1] for r in rows if r.bootstrap]
        + [1]
    )
    return Forest(tuple(rows), tuple(lines), tuple(sorted(left.items())), top)


@dataclass(frozen=True, slots=True)
class StripPoint:
    juror: str
    """The juror's display name."""
    total: float


@dataclass(frozen=True, slots=True)
class Strip:
    pitch: str
    title: str
    points: tuple[StripPoint, ...]
    """Complete totals of eligible jurors, in jury order."""
    missing: tuple[str, ...]
    """Eligible jurors without a complete total (the pitch is pending for them)."""
    recused: tuple[str, ...]
    """Recused or absent jurors: they do not count."""
    consensus: float | None
    """The method's score when it is on the scale, else the mean of the totals."""
    consensus_is_score: bool


def strip(
    row: RankedRow,
    method: str,
    totals: Iterable[tuple[str, float | None, str]],
) -> Strip:
    """``totals``: (juror name, total or None, eligibility) for one pitch, where
    eligibility is ``eligible``, ``recused``, ``absent`` (or ``observer``)."""
    points, missing, recused = [], [], []
    for name, total, eligibility in totals:
        if eligibility == "observer":
            continue
        if eligibility != "eligible":
            recused.append(name)
        elif total is None:
            missing.append(name)
        else:
            points.append(StripPoint(name, float(total)))
    score = row.score
    if method in ON_SCALE and isinstance(score, Real) and not isinstance(score, bool):
        consensus, is_score = float(score), True
    elif points:
        consensus, is_score = sum(p.total for p in points) / len(points), False
    else:
        consensus, is_score = None, False
    return Strip(
        pitch=row.pitch,
        title=row.title or row.pitch,
        points=tuple(points),
        missing=tuple(missing),
        recused=tuple(recused),
        consensus=consensus,
        consensus_is_score=is_score,
    )


@dataclass(frozen=True, slots=True)
class LeniencyBar:
    juror: str
    """Display name."""
    leniency: float
    spread: float | None
    pitches: int


def leniency(
    figures: Iterable[JurorFigures], names: Mapping[str, str], order: Sequence[str]
) -> tuple[LeniencyBar, ...]:
    """Jurors (in ``order``, the jury's) with a leniency; ``names`` maps key to name."""
    stats = {s.juror: s for s in figures}
    out = []
    for key in order:
        s = stats.get(key)
        if s is None or s.leniency is None:
            continue
        out.append(
            LeniencyBar(
                names.get(key) or key,
                float(s.leniency),
                None if s.spread is None else float(s.spread),
                s.pitches,
            )
        )
    return tuple(out)
