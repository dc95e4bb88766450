"""The juror totals of one pitch as a dot plot against the scale, the consensus
drawn across (│); recused jurors and missing totals are named below."""

from __future__ import annotations

from textual_plotext.plot import Plot

from pitchroom.domain.chartdata import Strip
from pitchroom.i18n import N_, formats, t
from pitchroom.ui.widgets.chart_plot import ChartPlot, cut


class StripPlot(ChartPlot):
    data: Strip | None
    scale: tuple[float, float] = (0.0, 10.0)

    def draw(self, plt: Plot, width: int, height: int) -> None:
        strip = self.data
        assert strip is not None
        lo, hi = self.scale
        names = [cut(p.juror, max(min(18, width // 4), 6)) for p in strip.points]
        room = width - max([len(n) for n in names] + [4]) - 4
        plt.title(cut(t("ui.chart_strip_title", title=strip.title), room))
        points = strip.points[: max(height - 5, 1)]
        ink, mark = self.colour("primary"), self.colour("error")
        ys: list[float] = [float(y) for y in range(len(points), 0, -1)]
        if points:
            plt.scatter([p.total for p in points], ys, marker="●", color=ink)
            plt.yticks(ys, names[: len(points)])
        if strip.consensus is not None:
            plt.vline(strip.consensus, color=mark)
        plt.xlim(lo, hi)
        plt.ylim(0.5, max(len(points), 1) + 0.5)
        step = max(1, round((hi - lo) / max(width // 8, 1)))
        plt.xticks([lo + k * step for k in range(int((hi - lo) // step) + 1)])
        parts = []
        value = None if strip.consensus is None else formats.total(strip.consensus)
        if value is not None:
            key = (
                N_("ui.chart_strip_score")
                if strip.consensus_is_score
                else N_("ui.chart_strip_mean")
            )
            parts.append(t(key, value=value))
        if strip.recused:
            parts.append(t("ui.chart_strip_recused", count=len(strip.recused)))
        if strip.missing:
            parts.append(t("ui.chart_strip_missing", count=len(strip.missing)))
        if len(points) < len(strip.points):
            parts.append(t("ui.chart_strip_more", count=len(strip.points) - len(points)))
        label = " · ".join(parts)
        if len(label) > room and value is not None:
            label = " · ".join([t("ui.chart_strip_short", value=value), *parts[1:]])
        plt.xlabel(cut(label, room))
