"""Rank intervals as a forest plot: per pitch its rank (●, ◆ when fragile), the
leave-one-juror-out range (━) and the bootstrap interval (─), the funding line
of each pot drawn across above its first unfunded pitch.

With more pitches than rows, the rows around the cursor are shown.
"""

from __future__ import annotations

from textual_plotext.plot import Plot

from pitchroom.domain.chartdata import Forest
from pitchroom.i18n import t
from pitchroom.ui.widgets.chart_plot import ChartPlot, cut


def window(total: int, room: int, cursor: int) -> range:
    """The rows to show: ``room`` of ``total``, the cursor kept in view."""
    if total <= room:
        return range(total)
    start = min(max(cursor - room // 2, 0), total - room)
    return range(start, start + room)


class ForestPlot(ChartPlot):
    data: Forest | None
    cursor = 0
    pots: dict[str, str] = {}
    """Pot key -> display name."""

    def draw(self, plt: Plot, width: int, height: int) -> None:
        forest = self.data
        assert forest is not None
        lines = {line.before: line for line in forest.lines}
        room = max(height - 5, 1)
        shown = window(
            len(forest.rows), room - sum(1 for b in lines if b < len(forest.rows)), self.cursor
        )
        label_width = max(min(28, width // 3), 8)
        loo, boot = self.colour("primary"), self.colour("secondary")
        ink, alarm = self.colour("foreground"), self.colour("error")
        # Top down, one canvas row per pitch and one for each funding line.
        units = len(shown) + sum(1 for i in shown if i in lines and i != shown.start)
        y = units
        ys: list[float] = []
        labels: list[str] = []
        for index in shown:
            line = lines.get(index)
            if line is not None and index != shown.start:
                plt.hline(y, color=alarm)
                name = self.pots.get(line.pot, line.pot) if line.pot else ""
                ys.append(y)
                labels.append(
                    cut(
                        t("ui.chart_funding_line", pot=name)
                        if name
                        else t("ui.chart_funding_line_one"),
                        label_width,
                    )
                )
                y -= 1
            row = forest.rows[index]
            if row.bootstrap:
                lo, hi = row.bootstrap
                plt.plot([lo - 0.2, hi + 0.2], [y, y], marker="─", color=boot)
            if row.interval:
                lo, hi = row.interval
                plt.plot([lo, hi], [y, y], marker="━", color=loo)
            plt.scatter(
                [row.rank],
                [y],
                marker="◆" if row.fragile else "●",
                color=alarm if row.fragile else ink,
            )
            mark = "▶" if index == self.cursor else " "
            flag = " !" if row.fragile else ""
            ys.append(y)
            labels.append(f"{mark}{row.rank} {cut(row.title, label_width - 4 - len(flag))}{flag}")
            y -= 1
        used = max(len(label) for label in labels)
        plt.title(cut(t("ui.chart_forest_title"), width - used - 4))
        plt.yticks(ys, labels)
        step = max(1, forest.ranks // max((width - used) // 6, 1))
        plt.xticks(list(range(1, forest.ranks + 1, step)))
        plt.xlim(0.5, forest.ranks + 0.5)
        plt.ylim(0.5, units + 0.5)
        plt.xlabel(cut(t("ui.chart_forest_axis"), width - used - 4))
