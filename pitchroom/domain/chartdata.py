"""What the charts show, from the ranking report: pure, shared by the screen and the report.

Three charts, the same on the ranking screen (``g``) and in the html jury report:

- **forest**: per ranked pitch its rank, the leave-one-juror-out range and the
  bootstrap interval, with the funding line of each pot (above the pot's first
  unfunded pitch) and the fragile pitches marked;
- **strip**: the juror totals of a pitch against the scale, with the consensus;
- **leniency**: each juror's mean offset from the jury, and the spread of their totals.

The input is the ``ranking --json`` object (plain dicts), so the screen's
report and the export document (``RankingOut.model_dump()``) both fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ON_SCALE = frozenset({"mean", "trimmed", "median", "zscore"})
"""Methods whose score is on the juror scale (the others rank on their own numbers)."""


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


def _pair(value: Any) -> tuple[int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def forest(report: Mapping[str, Any]) -> Forest:
    rows: list[ForestRow] = []
    left: dict[str, int] = {}
    for row in report.get("ranking") or []:
        if row.get("rank") is None:
            status = str(row.get("status"))
            left[status] = left.get(status, 0) + 1
            continue
        rows.append(
            ForestRow(
                pitch=str(row.get("pitch")),
                title=str(row.get("title") or row.get("pitch")),
                rank=int(row["rank"]),
                interval=_pair(row.get("interval")),
                bootstrap=_pair(row.get("bootstrap")),
                fragile=bool(row.get("fragile")),
                status=str(row.get("status")),
                pot=row.get("pot"),
            )
        )
    index = {r.pitch: i for i, r in enumerate(rows)}
    lines: list[FundingLine] = []
    pots = report.get("pots") or []
    if pots:
        for pot in pots:
            first = pot.get("first_unfunded")
            if first in index:
                lines.append(FundingLine(str(pot.get("key")), index[first]))
    elif report.get("first_unfunded") in index:
        lines.append(FundingLine(None, index[report["first_unfunded"]]))
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
    row: Mapping[str, Any],
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
    score = row.get("score")
    if method in ON_SCALE and isinstance(score, int | float):
        consensus, is_score = float(score), True
    elif points:
        consensus, is_score = sum(p.total for p in points) / len(points), False
    else:
        consensus, is_score = None, False
    return Strip(
        pitch=str(row.get("pitch")),
        title=str(row.get("title") or row.get("pitch")),
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
    report: Mapping[str, Any], names: Mapping[str, str], order: Sequence[str]
) -> tuple[LeniencyBar, ...]:
    """Jurors (in ``order``, the jury's) with a leniency; ``names`` maps key to name."""
    stats = {s.get("juror"): s for s in report.get("juror_stats") or []}
    out = []
    for key in order:
        s = stats.get(key)
        if not s or not isinstance(s.get("leniency"), int | float):
            continue
        spread = s.get("spread")
        out.append(
            LeniencyBar(
                names.get(key) or key,
                float(s["leniency"]),
                float(spread) if isinstance(spread, int | float) else None,
                int(s.get("pitches") or 0),
            )
        )
    return tuple(out)
