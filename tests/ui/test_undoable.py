"""9.13: ``w``, ``a`` and ``r`` behave alike: they act at once (no dialog catches the
next form's keys), say so in a toast that tells how to undo, and ctrl+z undoes them.
``R`` recuses with a reason, asked first. The revision dialog shows old → new."""

from __future__ import annotations

from pathlib import Path

from pitchroom.store import Store
from pitchroom.ui.app import PitchroomApp
from pitchroom.ui.dialogs.reason import ReasonDialog
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.ui.conftest import notes

UNDO = "ctrl+z undoes it."


def _said(app: PitchroomApp, start: str) -> str:
    found = [n for n in notes(app) if n.startswith(start)]
    assert found, (start, notes(app))
    return found[-1]


async def test_recuse_acts_at_once_and_the_next_form_lands_below(
    app: PitchroomApp, ui_db: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "r", "8", "enter")
        assert isinstance(app.screen, ChairScreen)  # no dialog took the 8
        store = Store.open(ui_db)
        try:
            assert ("leesplank", "bram") in store.recusals()
            assert store.scores()[("leesplank", "chris", "feasibility")] == 8
            assert _said(app, "Bram").endswith(UNDO)
            await pilot.press("ctrl+z", "ctrl+z")  # the 8, then the recusal
            assert ("leesplank", "bram") not in store.recusals()
        finally:
            store.close()


async def test_absent_and_withdrawn_say_how_to_undo(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "a")
        assert _said(app, "Bram").endswith(UNDO)
        await pilot.press("w")
        assert "withdrawn" in _said(app, "“Leesplank")
        assert _said(app, "“Leesplank").endswith(UNDO)
        store = Store.open(ui_db)
        try:
            assert store.pitch_states()["leesplank"].withdrawn
            assert ("leesplank", "bram") in store.absences()
            await pilot.press("ctrl+z")
            assert not store.pitch_states()["leesplank"].withdrawn
            await pilot.press("ctrl+z")
            assert ("leesplank", "bram") not in store.absences()
        finally:
            store.close()


async def test_recuse_with_reason_asks_first(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("R")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"board member", "enter")
        store = Store.open(ui_db)
        try:
            assert store.recusals()[("leesplank", "anna")] == "board member"
        finally:
            store.close()
        assert _said(app, "Anna").endswith(UNDO)
        assert app.screen.query_one(ScoreGrid).juror == "bram"


async def test_revision_dialog_shows_old_and_new(app: PitchroomApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        for value in "776655":
            await pilot.press(value, "enter")
        await pilot.press("l", "up", "up", "left", "8", "enter")
        assert isinstance(app.screen, ReasonDialog)
        body = str(app.screen.query_one(".dialog-body").render())
        assert "Anna de Vries · Feasibility: 7 → 8" in body, body
