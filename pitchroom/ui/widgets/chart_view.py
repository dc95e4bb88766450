"""The ranking screen's chart view (``g``): rank intervals, one pitch's juror
totals and the jurors' leniency, side by side when there is room.

The ranking and its extras come from the ranking screen's workers
(:meth:`ChartView.update_report`); the juror totals for the strip plot from a
worker of its own, read again when the record changes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.message import Message
from textual.widgets import Static

from pitchroom.domain import chartdata
from pitchroom.domain.consensus.result import Ranking
from pitchroom.i18n import N_, t
from pitchroom.ui import background
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.widgets.chart_forest import ForestPlot
from pitchroom.ui.widgets.chart_leniency import LeniencyPlot
from pitchroom.ui.widgets.chart_strip import StripPlot

WIDE = 110
"""From this width (a 120-column terminal) the side plots sit beside the forest plot."""


class ChartView(TranslatedBindings, Vertical, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", N_("ui.key_chart_up"), show=False, id="chart-up"),
        Binding("down", "move(1)", N_("ui.key_chart_down"), show=False, id="chart-down"),
        Binding("home", "move(-1000000)", show=False),
        Binding("end", "move(1000000)", show=False),
    ]

    class TotalsLoaded(Message):
        def __init__(
            self, totals: dict[str, list[tuple[str, float | None, str]]], version: int
        ) -> None:
            super().__init__()
            self.totals = totals
            self.version = version

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.path = path
        self.report: Ranking | None = None
        self.extras: Ranking | None = None
        self.totals: dict[str, list[tuple[str, float | None, str]]] = {}
        self.version = -1
        self._loaded = -2
        self.cursor = 0
        self.scale = (0.0, 10.0)
        self.jurors: list[tuple[str, str]] = []
        self.pots: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="chart-note")
        with Container(id="chart-body"):
            yield ForestPlot(id="chart-forest")
            with Vertical(id="chart-side"):
                yield StripPlot(id="chart-strip")
                yield LeniencyPlot(id="chart-leniency")

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    def update_report(
        self,
        report: Ranking,
        extras: Ranking | None,
        *,
        version: int,
        scale: tuple[float, float],
        jurors: list[tuple[str, str]],
        pots: dict[str, str],
    ) -> None:
        """The latest ranking (and extras when ready) from the ranking screen."""
        self.report, self.extras = report, extras
        self.version, self.scale, self.jurors, self.pots = version, scale, jurors, pots
        if self.display and self._loaded != version:
            self._loaded = version
            self.load_totals(version)
        self.redraw()

    def on_show(self) -> None:
        if self.report is not None and self._loaded != self.version:
            self._loaded = self.version
            self.load_totals(self.version)
        self.redraw()

    @work(thread=True, exclusive=True, group="chart-totals", exit_on_error=False)
    def load_totals(self, version: int) -> None:
        self.post_message(self.TotalsLoaded(background.juror_totals(self.path), version))

    @on(TotalsLoaded)
    def _totals(self, message: TotalsLoaded) -> None:
        message.stop()
        self.totals = message.totals
        self.redraw()

    def action_move(self, step: int) -> None:
        rows = self._forest().rows if self.report is not None else ()
        if rows:
            self.cursor = min(max(self.cursor + step, 0), len(rows) - 1)
            self.redraw()

    def _forest(self) -> chartdata.Forest:
        ranking = self.extras or self.report
        if ranking is None:
            return chartdata.forest((), (), None)
        return chartdata.forest(ranking.rows, ranking.pots, ranking.first_unfunded)

    def redraw(self) -> None:
        if self.report is None or not self.is_mounted:
            return
        source = self.extras or self.report
        forest = self._forest()
        self.cursor = min(self.cursor, max(len(forest.rows) - 1, 0))
        plot = self.query_one(ForestPlot)
        plot.cursor, plot.pots = self.cursor, self.pots
        waiting = t("ui.computing")
        plot.show(forest if forest.rows else None, t("ui.chart_nothing_ranked"))
        strip = self.query_one(StripPlot)
        strip.scale = self.scale
        if forest.rows:
            row = source.row(forest.rows[self.cursor].pitch)
            totals = self.totals.get(row.pitch)
            strip.show(
                None if totals is None else chartdata.strip(row, source.method, totals),
                waiting,
            )
        else:
            strip.show(None, t("ui.chart_nothing_ranked"))
        bars = chartdata.leniency(
            self.extras.jurors if self.extras is not None else (),
            dict(self.jurors),
            [k for k, _ in self.jurors],
        )
        self.query_one(LeniencyPlot).show(
            bars or None, waiting if self.extras is None else t("ui.jurors_none")
        )
        self.query_one("#chart-note", Static).update(self._note(forest))

    def _note(self, forest: chartdata.Forest) -> Text:
        parts = [t("ui.chart_keys")]
        if self.extras is None:
            parts.append(t("ui.chart_extras_waiting"))
        elif any(r.bootstrap for r in forest.rows):
            seed = self.extras.seed
            parts.append(
                t("ui.bootstrap_seeded", seed=seed) if seed is not None else t("ui.bootstrap_exact")
            )
        if forest.left_out:
            parts.append(
                t(
                    "ui.chart_left_out",
                    pitches=", ".join(
                        t("ui.chart_left_out_part", count=n, status=t(f"ui.rank_status_{s}"))
                        for s, n in forest.left_out
                    ),
                )
            )
        return Text(" · ".join(parts), style="dim")
