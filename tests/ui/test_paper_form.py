"""A chair typing paper forms: every score lands in the cell it was meant for."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.dialogs.confirm import ConfirmDialog
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock
from tests.ui.conftest import build_db, notes, ui_session


def _scores(path: Path) -> dict[tuple[str, str], Fraction]:
    store = Store.open(path)
    try:
        return {(j, c): v for (_, j, c), v in store.scores("leesplank").items()}
    finally:
        store.close()


async def test_a_value_equal_to_the_cell_moves_on(tmp_path: Path, clock: FrozenClock) -> None:
    """9.1: typing the value a cell already holds is not a refusal: the cursor moves on."""
    db = build_db(tmp_path, ui_session(), clock)
    store = Store.open(db)
    store.set_score("leesplank", "anna", "impact", 7, actor="cli")
    store.set_score("leesplank", "bram", "feasibility", 6, actor="cli")
    store.close()
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        grid.move_cursor(row=0, column=3)
        await pilot.pause()
        await pilot.press("8", "enter", "7", "enter", "6", "enter", "5", "enter")
        await pilot.press("9", "enter", "4", "enter")
        assert (grid.juror, grid.criterion) == ("chris", "impact")
        await app.workers.wait_for_complete()
    assert _scores(db) == {
        ("anna", "feasibility"): 8,
        ("anna", "impact"): 7,
        ("bram", "feasibility"): 6,
        ("bram", "impact"): 5,
        ("chris", "feasibility"): 9,
        ("chris", "impact"): 4,
    }


async def test_blind_rows_a_station_submitted_are_skipped_and_guarded(
    tmp_path: Path, clock: FrozenClock
) -> None:
    """9.2: the cursor skips a station juror's hidden row; typing there asks first."""
    db = build_db(tmp_path, ui_session(blind=True), clock)
    store = Store.open(db)
    store.set_score("leesplank", "bram", "feasibility", Fraction(7), actor="station:bram")
    store.set_score("leesplank", "bram", "impact", 6, actor="station:bram")
    store.close()
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        await pilot.press("8", "enter", "7", "enter")
        assert grid.juror == "chris", "the cursor must skip Bram's submitted row"
        await pilot.press("6", "enter", "5", "enter")
        # onto Bram's row by hand: typing there asks, naming him
        grid.move_cursor(row=1, column=3)
        await pilot.pause()
        await pilot.press("9", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Bram Jansen" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert _scores(db) == {
        ("anna", "feasibility"): 8,
        ("anna", "impact"): 7,
        ("bram", "feasibility"): Fraction(7),
        ("bram", "impact"): 6,
        ("chris", "feasibility"): 6,
        ("chris", "impact"): 5,
    }


async def test_blind_overwrite_goes_ahead_once_confirmed(
    tmp_path: Path, clock: FrozenClock
) -> None:
    db = build_db(tmp_path, ui_session(blind=True), clock)
    store = Store.open(db)
    store.set_score("leesplank", "bram", "feasibility", Fraction(7), actor="station:bram")
    store.close()
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        grid.move_cursor(row=1, column=3)
        await pilot.pause()
        await pilot.press("8", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert (grid.juror, grid.criterion) == ("bram", "impact")
        await app.workers.wait_for_complete()
    assert _scores(db)[("bram", "feasibility")] == 8


async def test_the_journal_never_shows_a_hidden_value(tmp_path: Path, clock: FrozenClock) -> None:
    """9.2/9.12: overwriting a station's hidden score does not show it in the journal."""
    db = build_db(tmp_path, ui_session(blind=True), clock)
    store = Store.open(db)
    store.set_score("leesplank", "bram", "feasibility", 3, actor="station:bram")
    store.close()
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one(ScoreGrid).move_cursor(row=1, column=3)
        await pilot.pause()
        await pilot.press("8", "enter", "y")
        await pilot.pause()
        journal = str(app.screen.query_one("#journal").render())
        assert "Bram Jansen · Feasibility changed; blind mode hides" in journal
        assert "3 → 8" not in journal and " 3 " not in journal
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not any("8 → 3" in n for n in notes(app))


async def test_the_close_question_says_what_is_left(tmp_path: Path, clock: FrozenClock) -> None:
    """9.13: "Anna de Vries (1 criterion left)", not "Anna de Vries (1)"."""
    app = make_app(build_db(tmp_path, ui_session(), clock), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8", "enter", "l")
        await pilot.pause()
        body = str(app.screen.query_one(".dialog-body").render())
        assert "Anna de Vries (1 criterion left)" in body
        assert "Bram Jansen (2 criteria left)" in body


async def test_entry_checks_never_reveal_a_hidden_value(tmp_path: Path, clock: FrozenClock) -> None:
    """Blind mode: a station's hidden scores count in no warning (median, spread)."""
    db = build_db(tmp_path, ui_session(blind=True), clock)
    store = Store.open(db)
    for criterion in ("feasibility", "impact"):
        store.set_score("leesplank", "bram", criterion, 1, actor="station:bram")
    store.close()
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9", "enter", "8", "enter", "9", "enter", "8", "enter", "l")
        await pilot.pause()
        assert not any("far from the others" in n for n in notes(app))
        assert app.screen.is_modal is False or "disagree" not in str(
            app.screen.query_one(".dialog-body").render()
        )


async def test_a_burst_with_a_key_in_it_lands_in_order(tmp_path: Path, clock: FrozenClock) -> None:
    """``a 6 enter 6 enter`` arriving at once: Bram is absent, the form lands on Chris."""
    from textual import events

    db = build_db(tmp_path, ui_session(), clock)
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8", "enter", "8", "enter")
        grid = app.screen.query_one(ScoreGrid)
        assert grid.juror == "bram"
        for key, char in (("a", "a"), ("6", "6"), ("enter", "\r"), ("5", "5"), ("enter", "\r")):
            grid.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        await app.workers.wait_for_complete()
    scores = _scores(db)
    assert scores[("chris", "feasibility")] == 6 and scores[("chris", "impact")] == 5
    assert not any(j == "bram" for j, _ in scores)


async def test_a_form_typed_while_the_chair_starts_lands_in_its_cells(
    tmp_path: Path, clock: FrozenClock
) -> None:
    """Typed ahead, before the app had the terminal, Enter arrives as a line feed
    (ctrl+j): it saves and moves on as Enter does, and the digits never run together."""
    from textual import events

    db = build_db(tmp_path, ui_session(), clock)
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        for char in "8\n7\n6\n":
            key = "ctrl+j" if char == "\n" else char
            grid.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert _scores(db) == {
        ("anna", "feasibility"): 8,
        ("anna", "impact"): 7,
        ("bram", "feasibility"): 6,
    }


async def test_moving_to_the_next_pitch_warns_about_nobody_on_it(
    tmp_path: Path, clock: FrozenClock
) -> None:
    """The grid rebuilt for the next pitch: its cursor's reset is no "juror left" of the
    new pitch's juror at the old row (Bram, half-filled there, was not left by anyone)."""
    db = build_db(tmp_path, ui_session(), clock)
    store = Store.open(db)
    store.set_score("waterwijs", "bram", "feasibility", 5, actor="cli")
    store.close()
    app = make_app(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        grid.move_cursor(row=1, column=3)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.view.pitch.key == "waterwijs"
        await pilot.pause()
        assert not any("Bram Jansen has" in n for n in notes(app)), notes(app)
