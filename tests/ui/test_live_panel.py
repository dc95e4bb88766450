"""Issue 14: a typed score changes the ranking panel in the same frame as its cell.

The panel's ranking no longer waits for the worker thread after a saved score: the
screen brings the live engine up to date itself (one pitch recomputed) before the
key's handler returns. To tell the two apart without timing anything, the test
holds every ranking computed off the main thread at a gate: a panel that waits for
the worker still shows the old order when the cell already shows the new value.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widget import Widget

from pitchroom.domain.consensus.live import LiveRanking
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock
from tests.ui.test_ranking import score_everything


def panel_text(widget: Widget) -> str:
    console = Console(width=160, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def first_ranked(text: str) -> list[str]:
    """The ranking's first row: ["1", "Kompas", "8.25", "funded"]."""
    for line in text.splitlines():
        cells = line.split()
        if cells[:1] == ["1"] and len(cells) > 1:
            return cells
    raise AssertionError(f"no first row in the panel:\n{text}")


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """While cleared, a ranking computed off the main thread (the worker) waits."""
    opened = threading.Event()
    opened.set()
    rank = LiveRanking.rank

    def gated(self: LiveRanking, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            opened.wait(timeout=30)
        return rank(self, *args, **kwargs)

    monkeypatch.setattr(LiveRanking, "rank", gated)
    yield opened
    opened.set()


async def test_the_panel_changes_with_the_typed_cell(
    ui_db: Path, clock: FrozenClock, gate: threading.Event
) -> None:
    score_everything(ui_db)  # Kompas leads (8.25), then Leesplank, then Waterwijs
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one("#ranking")
        grid = app.screen.query_one(ScoreGrid)
        assert first_ranked(panel_text(panel))[1] == "Kompas"
        assert (grid.juror, grid.criterion) == ("anna", "feasibility")
        gate.clear()  # from here on, a ranking from the worker would not arrive
        for _ in range(6):  # Leesplank: 10 from every juror on both criteria
            await pilot.press("1", "0", "enter")
        await pilot.pause()
        assert grid.get_cell("chris", "impact").plain == "10"
        assert grid.get_cell("chris", "total").plain == "10.00"
        text = panel_text(panel)
        assert first_ranked(text) == ["1", "Leesplank", "10", "funded"], text
        gate.set()
        await app.workers.wait_for_complete()


async def test_a_recusal_still_reaches_the_panel_through_the_worker(
    ui_db: Path, clock: FrozenClock
) -> None:
    """Not a score: the engine is rebuilt from the record, in the worker, as before."""
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one("#ranking")
        before = panel_text(panel)
        other = Store.open(ui_db)
        try:  # Bram recused from Kompas: Kompas keeps Anna only, below its quorum of 2
            other.recuse("kompas", "bram", actor="test", reason="late conflict")
        finally:
            other.close()
        assert app.store.changes.check()
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = panel_text(panel)
        assert after != before
        assert first_ranked(after)[1] != "Kompas"
