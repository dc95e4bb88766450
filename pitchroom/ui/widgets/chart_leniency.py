"""Juror leniency as bars around zero (+ lenient, − harsh), the spread of each
juror's totals beside the name."""

from __future__ import annotations

from textual_plotext.plot import Plot

from pitchroom.domain.chartdata import LeniencyBar
from pitchroom.i18n import formats, t
from pitchroom.ui.widgets.chart_plot import ChartPlot, cut


class LeniencyPlot(ChartPlot):
    data: tuple[LeniencyBar, ...] | None

    def draw(self, plt: Plot, width: int, height: int) -> None:
        bars = (self.data or ())[: max(height - 5, 1)]
        name_width = max(min(16, width // 4), 6)
        labels = [
            f"{cut(b.juror, name_width)} ±{formats.fixed(b.spread, 1)}"
            if b.spread is not None
            else cut(b.juror, name_width)
            for b in bars
        ]
        ink, up, down = self.colour("foreground"), self.colour("primary"), self.colour("error")
        # One canvas row per juror, top down in jury order; each bar a thick
        # line from zero to the juror's offset (plotext's bar() spreads bars
        # over rows and overlaps them when rows are few).
        ys: list[float] = [float(y) for y in range(len(bars), 0, -1)]
        for bar, y in zip(bars, ys, strict=True):
            plt.plot([0, bar.leniency], [y, y], marker="█", color=up if bar.leniency >= 0 else down)
        reach = max([abs(b.leniency) for b in bars] + [0.5]) * 1.15
        plt.vline(0, color=ink)
        plt.yticks(ys, labels)
        plt.xlim(-reach, reach)
        plt.ylim(0.5, max(len(bars), 1) + 0.5)
        room = width - max([len(label) for label in labels] + [4]) - 4
        plt.title(cut(t("ui.chart_leniency_title"), room))
        plt.xlabel(cut(t("ui.chart_leniency_axis"), room))
