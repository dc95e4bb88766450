"""The base of the chart view's plots: a textual-plotext plot drawn from data at render.

Each plot keeps its data and draws it again at every render, at the size it
has then (so the same plot fits 80x24 and fills 160x50). Colours come from the
app theme (``$primary``, ``$secondary``, ``$error``, ``$foreground`` on
``$surface``), so they follow the light theme a projector needs.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from pitchroom.ui.text import one_line

RGB = tuple[int, int, int]


def cut(value: object, width: int) -> str:
    """User text on one line, at most ``width`` cells (an ellipsis when cut)."""
    text = one_line(value)
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + "…"


class ChartPlot(PlotextPlot):
    """A plot that draws itself from :attr:`data` (None: a note instead)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.data: Any = None
        self.note = ""

    def show(self, data: Any, note: str = "") -> None:
        self.data, self.note = data, note
        self.refresh()

    def colour(self, name: str) -> RGB:
        value = self.app.theme_variables.get(name) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb

    def render(self) -> RenderResult:
        if self.data is None or self.size.width < 20 or self.size.height < 5:
            return Text(self.note, style="italic")
        plt = self.plt
        plt.clear_figure()
        self.draw(plt, self.size.width, self.size.height)
        return super().render()

    def draw(self, plt: Plot, width: int, height: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
