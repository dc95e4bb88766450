"""Another process's writes appear within a second; blind mode hides station values."""

from __future__ import annotations

from pathlib import Path

from pitchroom.store import Store
from pitchroom.store.watch import POLL_SECONDS
from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock
from tests.ui.conftest import build_db, ui_session


async def test_score_from_another_connection_appears_within_a_second(
    ui_db: Path, clock: FrozenClock
) -> None:
    assert POLL_SECONDS <= 0.5
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8")  # the chair is typing meanwhile
        other = Store.open(ui_db)
        other.set_score("leesplank", "bram", "impact", 6, actor="station:bram")
        other.close()
        await pilot.pause(POLL_SECONDS * 2)
        grid = app.screen.query_one(ScoreGrid)
        assert grid.get_cell("bram", "impact").plain == "6"
        assert grid.buffer == "8" and (grid.juror, grid.criterion) == ("anna", "feasibility")
        await pilot.press("enter")
    store = Store.open(ui_db)
    assert store.scores()[("leesplank", "anna", "feasibility")] == 8
    store.close()


async def test_blind_mode_hides_station_values_until_closed(
    tmp_path: Path, clock: FrozenClock
) -> None:
    path = build_db(tmp_path, ui_session(blind=True), clock)
    app = make_app(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7", "enter")  # the chair's own entry stays visible
        other = Store.open(path)
        other.set_score("leesplank", "bram", "impact", 3, actor="station:bram")
        other.close()
        assert app.store.changes.check()
        grid = app.screen.query_one(ScoreGrid)
        assert grid.get_cell("anna", "feasibility").plain == "7"
        assert grid.get_cell("bram", "impact").plain == "✓"
        assert "submitted" in grid.get_cell("bram", "status").plain
        journal = str(app.screen.query_one("#journal").render())
        assert "Impact 3 (" not in journal
        assert "Bram Jansen · Impact submitted from the station (Leesplank)" in journal
        await pilot.press("l", "y")
        assert grid.get_cell("bram", "impact").plain == "3"
