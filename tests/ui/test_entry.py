"""Paper-form entry, refusals, clearing and undo: screen state and the database."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from pitchroom.store import Store
from pitchroom.ui.app import PitchroomApp
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.ui.conftest import notes, toasts, until


def _scores(path: Path) -> dict[tuple[str, str, str], Fraction]:
    store = Store.open(path)
    try:
        return store.scores()
    finally:
        store.close()


async def test_paper_form_moves_across_criteria_then_to_next_juror(
    app: PitchroomApp, ui_db: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8", "enter", "7", "enter", "6", "enter")
        grid = app.screen.query_one(ScoreGrid)
        assert (grid.juror, grid.criterion) == ("bram", "impact")
        assert grid.get_cell("anna", "total").plain == "7.67"
        assert "done" in grid.get_cell("anna", "status").plain
        await app.workers.wait_for_complete()
    assert _scores(ui_db) == {
        ("leesplank", "anna", "feasibility"): 8,
        ("leesplank", "anna", "impact"): 7,
        ("leesplank", "bram", "feasibility"): 6,
    }


async def test_half_point_with_comma_is_refused_off_scale(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7", ",", "5", "enter")
        await pilot.press("1", "1", "enter")
        grid = app.screen.query_one(ScoreGrid)
        assert (grid.juror, grid.criterion) == ("anna", "feasibility")
        assert grid.buffer == ""
        assert any("not on the scale" in n for n in notes(app))
        assert grid.get_cell("anna", "feasibility").plain == "·"
    assert _scores(ui_db) == {}


async def test_delete_clears_a_saved_cell(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9", "enter", "left", "delete")
        grid = app.screen.query_one(ScoreGrid)
        assert grid.get_cell("anna", "feasibility").plain == "·"
    assert _scores(ui_db) == {}


async def test_undo_is_repeatable_and_logged(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8", "enter", "7", "enter", "up")
        await pilot.press("4", "enter")  # a slip: 4 over the 8
        assert _scores(ui_db)[("leesplank", "anna", "feasibility")] == 4
        journal = str(app.screen.query_one("#journal").render())
        assert "Anna de Vries · Feasibility 8 → 4 (Leesplank)" in journal
        await pilot.press("ctrl+z")
        assert _scores(ui_db)[("leesplank", "anna", "feasibility")] == 8
        grid = app.screen.query_one(ScoreGrid)
        assert grid.get_cell("anna", "feasibility").plain == "8"
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        assert _scores(ui_db) == {}
        await pilot.press("ctrl+z")
        assert any("Nothing left to undo" in n for n in notes(app))
        journal = str(app.screen.query_one("#journal").render())
        assert "Undone: Anna de Vries · Feasibility 8 cleared (Leesplank)" in journal
        assert any(n == "Undone: Anna de Vries · Feasibility 4 → 8 (Leesplank)" for n in notes(app))
    store = Store.open(ui_db)
    actions = [e.action for e in store.events()]
    store.close()
    assert actions.count("undo") == 3


async def test_entry_checks_warn_but_save(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6", "enter", "6", "enter")  # anna: identical row
        assert any("gave 6 on every criterion" in n for n in notes(app))
        await pilot.press("5", "enter", "down")  # bram half-filled, moving on
        assert any("Bram Jansen has 1 criterion left" in n for n in notes(app))
        await pilot.press("left", "1", "enter")  # chris far from the others (6, 5)...
        assert not any("far from the others" in n for n in notes(app))  # ...row not done
        await pilot.press("1", "enter")  # his row is done: one message with both checks
        row = [n for n in notes(app) if "Chris Peters" in n]
        assert len(row) == 1
        assert "gave 1 on every criterion" in row[0] and "far from the others" in row[0]
    assert len(_scores(ui_db)) == 5


async def test_no_warning_stays_over_a_dialog(app: PitchroomApp) -> None:
    """9.5: entry warnings are one message per row, and none covers the close question."""
    app.NOTIFICATION_TIMEOUT = 3600  # no toast times out on a slow machine meanwhile
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("6", "enter", "6", "enter", "9", "enter", "9", "enter")
        assert len(notes(app)) == 2  # anna's and bram's rows: one message each
        await pilot.press("1", "enter", "1", "enter")  # chris: identical, far on both
        assert len(notes(app)) == 3
        assert await until(pilot, lambda: len(toasts(app)) == 3), toasts(app)  # on the chair
        await pilot.press("l")
        assert await until(pilot, lambda: app.screen.is_modal)
        await pilot.pause()
        assert toasts(app) == []


async def test_resume_puts_the_cursor_on_the_first_empty_cell(ui_db: Path, clock) -> None:
    from pitchroom.ui.app import make_app

    store = Store.open(ui_db, clock=clock)
    store.set_score("leesplank", "anna", "feasibility", 8, actor="test")
    store.set_score("leesplank", "anna", "impact", 7, actor="test")
    store.set_score("leesplank", "bram", "feasibility", 6, actor="test")
    store.close()
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        assert (grid.juror, grid.criterion) == ("bram", "impact")
        assert not any("left unscored" in n for n in notes(app))


async def test_resume_cursor_skips_recused_and_absent_jurors(ui_db: Path, clock) -> None:
    from pitchroom.ui.app import make_app

    store = Store.open(ui_db, clock=clock)
    store.recuse("leesplank", "anna", reason="conflict", actor="test")
    store.set_absent("leesplank", "bram", True, actor="test")
    store.set_score("leesplank", "chris", "feasibility", 6, actor="test")
    store.close()
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        assert (grid.juror, grid.criterion) == ("chris", "impact")
