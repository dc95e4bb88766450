"""Every criterion column of the score grid fits on screen, at any terminal size."""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.sessionfile import load_session
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.score_grid import ScoreGrid, labels
from tests.conftest import DEMO, FrozenClock
from tests.ui.conftest import build_db


def _demo_db(tmp_path: Path, clock: FrozenClock) -> Path:
    return build_db(tmp_path, load_session(DEMO), clock)


def _fits(grid: ScoreGrid) -> bool:
    used = sum(c.get_render_width(grid) for c in grid.ordered_columns)
    return used <= grid.scrollable_content_region.width


def _labels(grid: ScoreGrid) -> list[str]:
    return [c.label.plain for c in grid.ordered_columns[3:]]


async def test_six_criteria_fit_and_widen_with_the_terminal(
    tmp_path: Path, clock: FrozenClock
) -> None:
    path = _demo_db(tmp_path, clock)
    app = make_app(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        assert len(_labels(grid)) == 6
        assert _fits(grid), _labels(grid)
        # Part of a paper form typed, then the window grows: cursor and entry stay.
        await pilot.press("8", "enter", "7", "enter", "6")
        assert (grid.cursor_coordinate.column, grid.buffer) == (5, "6")
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert _fits(grid)
        assert "Feasibility" in _labels(grid)
        assert (grid.cursor_coordinate.column, grid.buffer) == (5, "6")
        await pilot.press("enter")
        await pilot.pause()
        for size in [(80, 24), (100, 30), (90, 30)]:  # 100: side by side, names cut too
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert _fits(grid), (size, _labels(grid))
    store = Store.open(path)
    try:
        saved = store.scores("leesplank")
        juror = store.session.jurors[0].key
        assert [saved[("leesplank", juror, c.key)] for c in store.session.criteria[:3]] == [8, 7, 6]
    finally:
        store.close()


async def test_a_save_redraws_only_the_cells_that_changed(
    tmp_path: Path, clock: FrozenClock
) -> None:
    app = make_app(_demo_db(tmp_path, clock), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        updated: list[tuple[str, str]] = []
        original = grid.update_cell

        def spy(row, column, value, **kw):
            updated.append((str(row), str(column)))
            return original(row, column, value, **kw)

        grid.update_cell = spy
        await pilot.press("8", "enter")
        await pilot.pause()
        juror = app.screen.view.jurors[0].key
        # The score, the juror's total (still none: 1 of 6) and status ("5 to go").
        assert set(updated) <= {(juror, "feasibility"), (juror, "total"), (juror, "status")}
        assert (juror, "feasibility") in updated
        updated.clear()
        await pilot.press("R", *"friend", "enter")  # recuse: the whole row changes look
        await pilot.pause()
        assert (juror, "juror") in updated and (juror, "status") in updated


def test_labels_cut_alike_are_numbered() -> None:
    assert labels(["Feasibility", "Impact"], 11) == ["Feasibility", "Impact"]
    assert labels(["Feasibility", "Scalability"], 5) == ["Feas…", "Scal…"]
    cut = labels(["User involvement", "User experience", "Cost"], 5)
    assert cut == ["1 Us…", "2 Us…", "3 Co…"] and len(set(cut)) == 3
