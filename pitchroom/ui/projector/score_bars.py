"""The revealed ranking on the projector: one row per pitch with its score as a bar.

Each bar is a Textual ``ProgressBar`` (no percentage, no ETA): the score's
place on the juror scale for methods that score on it, otherwise its share of
the best score shown. Rows are rebuilt from the report (no state of their own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from pitchroom.domain.chartdata import ON_SCALE
from pitchroom.i18n import formats
from pitchroom.ui.text import one_line


@dataclass(frozen=True, slots=True)
class BarRow:
    rank: int | None
    title: str
    score: float | None
    status: str


def bar_range(
    method: str, rows: Sequence[BarRow], scale: tuple[float, float]
) -> tuple[float, float]:
    """(low, high) that the bars run between: the scale, or zero to the best score."""
    if method in ON_SCALE:
        return scale
    scores = [r.score for r in rows if r.score is not None]
    top = max(scores + [0.0])
    return (min(scores + [0.0]), top if top > 0 else 1.0)


class ScoreBars(Vertical):
    DEFAULT_CSS = """
    ScoreBars { width: 100%; height: auto; padding: 0 2; }
    ScoreBars .bar-row { width: 100%; height: 1; }
    ScoreBars .bar-rank { width: 4; text-align: right; padding-right: 1; text-style: bold; }
    ScoreBars .bar-title { width: 2fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    ScoreBars ProgressBar { width: 3fr; padding: 0 1; }
    ScoreBars ProgressBar Bar { width: 1fr; }
    ScoreBars ProgressBar.-none { visibility: hidden; }
    ScoreBars ProgressBar Bar > .bar--complete { color: $primary; }
    ScoreBars .bar-score { width: 7; text-align: right; text-style: bold; }
    ScoreBars .bar-status { width: 12; padding-left: 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[BarRow] = []
        self.method = "mean"
        self.scale = (0.0, 10.0)

    def show(self, rows: list[BarRow], method: str, scale: tuple[float, float]) -> None:
        self.rows, self.method, self.scale = rows, method, scale
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        low, high = bar_range(self.method, self.rows, self.scale)
        span = max(high - low, 1e-9)
        for row in self.rows:
            score = row.score
            with Horizontal(classes="bar-row"):
                yield Static(
                    Content("–" if row.rank is None else str(row.rank)), classes="bar-rank"
                )
                yield Static(Content(one_line(row.title)), classes="bar-title")
                scored = score is not None
                bar = ProgressBar(
                    total=span,
                    show_percentage=False,
                    show_eta=False,
                    classes="" if scored else "-none",
                )
                if score is not None:
                    bar.progress = min(max(float(score) - low, 0.0), span)
                yield bar
                yield Static(
                    Content("" if score is None else formats.total(score)), classes="bar-score"
                )
                yield Static(Content(one_line(row.status)), classes="bar-status")
