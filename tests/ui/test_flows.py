"""Recusal, closing with a gap, reopening and revising with a reason, withdrawal,
decisions, comments, timer, export, resume: screen state and the database."""

from __future__ import annotations

from pathlib import Path

from pitchroom.store import Store
from pitchroom.ui.app import PitchroomApp, make_app
from pitchroom.ui.dialogs.confirm import ConfirmDialog
from pitchroom.ui.dialogs.reason import ReasonDialog
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.screens.help import HelpScreen
from pitchroom.ui.widgets.pitch_timer import PitchTimer
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock
from tests.ui.conftest import notes


def _open(path: Path) -> Store:
    return Store.open(path)


async def test_recuse_with_reason_then_lift(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "R")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"friend", "enter")
        grid = app.screen.query_one(ScoreGrid)
        assert grid.get_cell("bram", "status").plain == "recused"
        store = _open(ui_db)
        assert store.recusals()[("leesplank", "bram")] == "friend"
        assert grid.juror == "chris"  # on to the next form
        await pilot.press("up", "r")
        assert ("leesplank", "bram") not in store.recusals()
        store.close()


async def test_close_with_gap_warns_then_closes(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8", "enter", "l")
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one(".dialog-body").render())
        assert (
            "Anna de Vries (1 criterion left)" in body and "Chris Peters (2 criteria left)" in body
        )
        await pilot.press("n")
        assert not _open(ui_db).pitch_states()["leesplank"].closed
        await pilot.press("l", "y")
        assert isinstance(app.screen, ChairScreen)
        assert _open(ui_db).pitch_states()["leesplank"].closed


async def test_disagreement_prompts_before_closing(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(
            "9", "enter", "9", "enter", "2", "enter", "2", "enter", "5", "enter", "5", "enter", "l"
        )
        assert isinstance(app.screen, ConfirmDialog)
        assert "disagree" in str(app.screen.query_one(".dialog-body").render())


async def test_revise_closed_pitch_and_reopen_need_a_reason(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        for value in "776655":
            await pilot.press(value, "enter")
        await pilot.press("l")  # complete, no spread: closes at once
        store = _open(ui_db)
        assert store.pitch_states()["leesplank"].closed
        await pilot.press("up", "up", "left", "8", "enter")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")  # empty reason: refused, dialog stays
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"misread form", "enter")
        assert store.scores()[("leesplank", "anna", "feasibility")] == 8
        revised = [e for e in store.events() if e.action == "score.revised"]
        assert revised and revised[-1].reason == "misread form"
        await pilot.press("l")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"new info", "enter")
        assert not store.pitch_states()["leesplank"].closed
        assert store.events(newest_first=True, limit=1)[0].reason == "new info"
        store.close()


async def test_withdraw_and_reinstate(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        assert _open(ui_db).pitch_states()["leesplank"].withdrawn
        assert "WITHDRAWN" in str(app.screen.query_one("#card").render())
        await pilot.press("w")
        assert not _open(ui_db).pitch_states()["leesplank"].withdrawn


async def test_absent_comment_and_decision(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "a")
        store = _open(ui_db)
        assert ("leesplank", "chris") in store.absences()
        await pilot.press("up", "c")
        await pilot.press(*"Strong team", "ctrl+s")
        assert store.comments("leesplank")[0].text == "Strong team"
        await pilot.press("d")
        dialog = app.screen
        dialog.query_one("#d-award").value = True
        dialog.query_one("#amount").value = "150000"
        dialog.query_one("#motivation").value = "Best value"
        await pilot.click("#save")
        decision = store.decisions()["leesplank"]
        assert (decision.decision, int(decision.amount or 0)) == ("award", 150_000)
        store.close()


async def test_timer_pitch_then_qa_amber_then_red(ui_db: Path, clock: FrozenClock) -> None:
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(PitchTimer)
        await pilot.press("space")
        clock.advance(4 * 60 + 30)
        app.screen.tick()
        assert timer.has_class("-warning") and timer.reading.display == "00:30"
        clock.advance(45)
        app.screen.tick()
        assert timer.has_class("-over") and timer.reading.display == "+00:15"
        await pilot.press("t")
        clock.advance(10)
        app.screen.tick()
        assert timer.reading.phase == "qa" and timer.reading.display == "02:50"
    store = _open(ui_db)
    actions = [e.action for e in store.events()]
    assert "timer.started" in actions and "timer.qa_started" in actions


async def test_next_pitch_and_resume_where_left(ui_db: Path, clock: FrozenClock) -> None:
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "5", "enter")
        assert app.screen.view.pitch.key == "waterwijs"
    again = make_app(ui_db, clock=clock)
    async with again.run_test(size=(120, 40)):
        screen = again.screen
        assert screen.view.pitch.key == "waterwijs"
        assert screen.query_one(ScoreGrid).get_cell("anna", "feasibility").plain == "5"
        assert "2 of 3" in str(screen.query_one("#card").render())


async def test_export_runs_in_a_worker(
    app: PitchroomApp, ui_db: Path, tmp_path: Path, monkeypatch
) -> None:
    from pitchroom.ui import background

    def fake_export(path: Path, fmt: str) -> Path:
        out = tmp_path / f"out.{fmt}"
        out.write_text("ok")
        return out

    monkeypatch.setattr(background, "run_export", fake_export)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("out.xlsx" in n for n in notes(app))


async def test_export_failure_is_a_notification(app: PitchroomApp, monkeypatch) -> None:
    from pitchroom.ui import background

    def broken(path: Path, fmt: str) -> Path:
        raise OSError("No space left on device")

    monkeypatch.setattr(background, "run_export", broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("No space left on device" in n for n in notes(app))


async def test_help_lists_every_chair_key(app: PitchroomApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(cell) for cell in app.screen.keys.columns[1].cells)
        for description in ("Next", "Undo", "Recuse", "Export", "Quit", "Theme"):
            assert description in text
        await pilot.press("escape", "f2")
        assert app.theme == "textual-light"
