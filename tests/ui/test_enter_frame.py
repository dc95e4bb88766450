"""Issue 14: what Enter on a typed score redraws.

A typed score changes one grid row, the ranking panel and the journal, none of which
changes height: so no layout of the screen (it arranged every widget and rendered the
panel once more to measure it), and only the changed grid row drawn again. What is
drawn must still be what a freshly started chair draws for the same record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.in_place import update_in_place
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock
from tests.ui.test_live_panel import panel_text
from tests.ui.test_ranking import score_everything


def drawn(widget: Widget) -> list[list[tuple[str, Any]]]:
    """The widget's lines as Textual hands them to the screen (its kept lines included)."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [[(seg.text, seg.style) for seg in line] for line in lines]


def layouts(app: App[Any]) -> list[object]:
    """Every layout of the chair screen from now on."""
    seen: list[object] = []
    app.screen.screen_layout_refresh_signal.subscribe(app.screen, seen.append)
    return seen


async def test_a_typed_score_lays_nothing_out_and_shows_everything(
    ui_db: Path, clock: FrozenClock
) -> None:
    score_everything(ui_db)  # a full journal; single-digit scores: no column widens
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        panel = app.screen.query_one("#ranking")
        journal = app.screen.query_one("#journal")
        before = panel_text(panel)
        assert (grid.juror, grid.criterion) == ("anna", "feasibility")
        seen = layouts(app)
        await pilot.press("9", "enter", "9", "enter", "9", "enter")  # Leesplank: 9 9 9
        await pilot.pause()
        assert seen == []
        assert grid.get_cell("anna", "feasibility").plain == "9"
        assert grid.get_cell("bram", "feasibility").plain == "9"
        assert panel_text(panel) != before
        assert "9" in str(journal.render()).splitlines()[1]  # the newest change on top


async def test_a_panel_taller_or_shorter_is_laid_out_again() -> None:
    class Box(App[None]):
        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Static("one", id="panel")
                yield Static("below", id="below")

    app = Box()
    async with app.run_test(size=(40, 20)) as pilot:
        panel = app.query_one("#panel", Static)
        below = app.query_one("#below", Static)
        await pilot.pause()
        seen = layouts(app)
        update_in_place(panel, Text("two"))  # as high: drawn, not laid out
        await pilot.pause()
        assert seen == [] and panel.size.height == 1
        assert "two" in "".join(text for line in drawn(panel) for text, _ in line)
        update_in_place(panel, Text("three\nlines\nnow"))
        await pilot.pause()
        assert seen
        assert panel.size.height == 3 and below.region.y == panel.region.y + 3
        update_in_place(panel, Text("a line " * 20))  # wraps at the width: 4 lines
        await pilot.pause()
        assert panel.size.height == 4
        update_in_place(panel, Text("short"))
        await pilot.pause()
        assert panel.size.height == 1 and below.region.y == panel.region.y + 1


def kept_is_redrawn(grid: ScoreGrid) -> bool:
    """Whether the lines Textual kept (``render_lines``: a row left undrawn shows
    there) are those of the whole grid drawn again."""
    kept = drawn(grid)
    grid.refresh()
    return kept == drawn(grid)


async def test_the_grid_redrawn_row_by_row_is_what_a_whole_redraw_draws(
    ui_db: Path, clock: FrozenClock
) -> None:
    """After typing (the cursor's row) and after a station's scores for other rows,
    with column widths that change on the way (the whole grid redrawn then)."""
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        widths = [c.content_width for c in grid.ordered_columns]
        keys = ["9", "enter", "1", "enter", "up", "10", "enter", "backspace", "down", "left"]
        for key in [*keys, "5", "enter", "4", "enter"]:
            drawn(grid)  # every line kept from here on
            await pilot.press(key)
            await pilot.pause()
            assert kept_is_redrawn(grid), key
        assert [c.content_width for c in grid.ordered_columns] != widths
        assert grid.juror == "chris"
        for juror, value in [("bram", 2), ("anna", 3), ("bram", 10)]:  # not at the cursor
            drawn(grid)
            station = Store.open(ui_db)
            try:
                station.set_score("leesplank", juror, "impact", value, actor="station")
            finally:
                station.close()
            assert app.store.changes.check()
            await pilot.pause()
            assert grid.get_cell(juror, "impact").plain == str(value)
            assert kept_is_redrawn(grid), (juror, value)
