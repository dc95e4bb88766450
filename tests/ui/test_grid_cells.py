"""The grid keeps each cell's rendering by what it shows (ScoreGrid._render_cell):
after typing, moving, clearing and resizing it draws exactly what a grid that
renders every cell afresh draws for the same record and cursor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock


def drawn(app: App[Any]) -> list[list[tuple[str, Any]]]:
    grid = app.screen.query_one(ScoreGrid)
    lines = [grid.render_line(y) for y in range(grid.size.height)]
    return [[(seg.text, seg.style) for seg in line] for line in lines]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_remembering_grid_draws_what_a_fresh_one_draws(
    ui_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("8", "enter", "7", "enter", "6", "enter")
        await pilot.press("up", "5", "enter", "backspace", "right", "left")
        await pilot.press("9", "enter", "down")
        await pilot.resize_terminal(size[0] - 10, size[1])
        await pilot.pause()
        await pilot.press("4", "enter", "left")
        await app.workers.wait_for_complete()
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        cursor = grid.cursor_coordinate
        remembered = drawn(app)
        assert any("8" in text for line in remembered for text, _ in line)
    monkeypatch.setattr(ScoreGrid, "remember_cells", False)
    fresh = make_app(ui_db, clock=clock)
    async with fresh.run_test(size=(size[0] - 10, size[1])) as pilot:
        grid = fresh.screen.query_one(ScoreGrid)
        grid.move_cursor(row=cursor.row, column=cursor.column)
        await fresh.workers.wait_for_complete()
        await pilot.pause()
        assert drawn(fresh) == remembered
