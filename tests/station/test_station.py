"""The juror station, driven like a juror would, against a real database file."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from textual.widgets import Input

from pitchroom.i18n import tn
from pitchroom.store import Store
from pitchroom.store.station_queries import station_snapshot
from pitchroom.ui.station.app import StationApp
from pitchroom.ui.station.form import ScoreForm
from pitchroom.ui.station.pin import PinScreen
from pitchroom.ui.station.timer import TimerBox
from tests.conftest import small_session
from tests.station.conftest import frozen_now, screen_text

SIZE = (80, 24)


def make_app(db: Path, juror: str = "bram", **kwargs: object) -> StationApp:
    return StationApp(Store.open(db), juror, now=frozen_now, **kwargs)


async def wait_until(pilot, condition, seconds: float = 3.0) -> bool:
    """Let the station's polling run until ``condition()`` (bounded)."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def test_station_saves_scores_with_station_actor(db_path: Path, chair: Store) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#score-feasibility")
        await pilot.press("8", "enter")
        assert app.focused is app.query_one("#score-impact", Input)
        await pilot.press("7", "enter")
        await pilot.press(*"Strong team", "enter")
        await pilot.pause()
        form = app.query_one(ScoreForm)
        assert form.complete and not form.dirty
        assert tn("station.complete", 2, count=2) in screen_text(app)
    scores = chair.scores("leesplank")
    assert scores[("leesplank", "bram", "feasibility")] == 8
    assert scores[("leesplank", "bram", "impact")] == 7
    assert [c.text for c in chair.comments("leesplank")] == ["Strong team"]
    actors = {e.actor for e in chair.events() if e.entity in ("score", "comment")}
    assert actors == {"station:bram"}


async def test_ctrl_s_saves_every_changed_entry(db_path: Path, chair: Store) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#score-feasibility", Input).value = "6"
        app.query_one("#score-impact", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert chair.scores("leesplank") == {
        ("leesplank", "bram", "feasibility"): 6,
        ("leesplank", "bram", "impact"): 4,
    }


async def test_out_of_scale_is_refused_with_the_message(db_path: Path, chair: Store) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#score-feasibility")
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "12 is not on the scale" in text
        assert app.focused is app.query_one("#score-feasibility", Input)  # stays to fix it
        assert app.query_one(ScoreForm).dirty
    assert chair.scores("leesplank") == {}


async def test_station_follows_the_chair(db_path: Path, chair: Store) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Leesplank" in screen_text(app)
        chair.open_pitch("waterwijs", actor="chair")
        assert await wait_until(pilot, lambda: app.station.shown == "waterwijs")
        await pilot.pause()
        text = screen_text(app)
        assert "Waterwijs" in text and "Waterschap Rivierland" in text
        assert "Pitch 2 of 3" in text


async def test_unsaved_entries_hold_the_pitch_until_saved(db_path: Path, chair: Store) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#score-feasibility", Input).focus()
        await pilot.press("5")
        assert app.query_one(ScoreForm).dirty
        chair.open_pitch("waterwijs", actor="chair")
        assert app.store.changes.check()
        await pilot.pause()
        assert app.station.shown == "leesplank"
        assert "The chair opened Waterwijs" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.station.shown == "waterwijs"
    assert chair.scores("leesplank") == {("leesplank", "bram", "feasibility"): 5}


async def test_recused_juror_gets_no_form(db_path: Path, chair: Store) -> None:
    chair.open_pitch("kompas", actor="chair")
    app = make_app(db_path, "chris")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.query_one(ScoreForm).display
        text = screen_text(app)
        assert "You are recused from this pitch" in text
        assert "former employer" in text


async def test_absent_juror_gets_no_form(db_path: Path, chair: Store) -> None:
    chair.set_absent("leesplank", "bram", True, actor="chair")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.query_one(ScoreForm).display
        assert "marked absent" in screen_text(app)


async def test_closed_pitch_is_read_only(db_path: Path, chair: Store) -> None:
    chair.set_score("leesplank", "bram", "feasibility", 6, actor="chair")
    chair.set_closed("leesplank", True, actor="chair")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.query_one("#score-feasibility", Input)
        assert box.disabled and box.value == "6"
        assert "closed this pitch" in screen_text(app)
        await pilot.press("ctrl+s")
    assert len(chair.scores("leesplank")) == 1


async def test_never_shows_another_jurors_values(tmp_path: Path) -> None:
    db = tmp_path / "half.db"
    session = small_session(scale={"min": 1, "max": 10, "step": 0.5})
    chair = Store.create(db, session, actor="test")
    chair.set_score("leesplank", "anna", "feasibility", 9, actor="chair")
    chair.set_score("leesplank", "anna", "impact", Fraction(13, 2), actor="station:anna")
    chair.set_comment("leesplank", "anna", "Secret remark of Anna", actor="chair")
    app = StationApp(Store.open(db), "bram", now=frozen_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "6.5" not in text and "Secret remark" not in text
        assert "9" not in text.replace("2024", "")
        assert app.station.snapshot is not None and app.station.snapshot.scores == {}
        await pilot.click("#score-impact")
        await pilot.press("7", ",", "5", "enter")  # a decimal comma is accepted
        await pilot.pause()
        assert app.station.snapshot.scores == {"impact": Fraction(15, 2)}
    assert station_snapshot(chair, "bram").scores == {"impact": Fraction(15, 2)}
    assert station_snapshot(chair, "anna").scores == {"feasibility": 9, "impact": Fraction(13, 2)}
    chair.close()


async def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    db = tmp_path / "markup.db"
    session = small_session()
    data = session.model_dump()
    data["pitches"][0]["title"] = "[bold]Lees[/] [@click=app.quit]plank[/]"
    data["criteria"][0]["name"] = "Feasi[/]bility"
    Store.create(db, type(session).model_validate(data), actor="test").close()
    app = StationApp(Store.open(db), "bram", now=frozen_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Lees[/] [@click=app.quit]plank[/]" in text
        assert "Feasi[/]bility" in text


async def test_timer_follows_the_stored_state(db_path: Path, chair: Store) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(TimerBox).value_text == "05:00"


async def test_pin_locks_the_station(db_path: Path) -> None:
    app = make_app(db_path, pin="4711")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PinScreen)
        await pilot.press("1", "2", "3", "4", "enter")
        assert isinstance(app.screen, PinScreen)
        assert "Wrong PIN" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PinScreen)
        await pilot.press("4", "7", "1", "1", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PinScreen)


async def test_timer_turns_amber_then_red(db_path: Path) -> None:
    import datetime as dt

    from tests.station.conftest import FROZEN

    started = {"at": FROZEN - dt.timedelta(minutes=4, seconds=30)}
    chair = Store.open(db_path, clock=lambda: started["at"])
    chair.toggle_timer(actor="chair")  # running since 4:30 before "now"
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.query_one(TimerBox)
        assert box.value_text == "00:30" and box.has_class("-warning")
        started["at"] = FROZEN
        chair.toggle_timer(actor="chair")  # paused at 4:30...
        started["at"] = FROZEN - dt.timedelta(minutes=1)
        chair.toggle_timer(actor="chair")  # ...and run again: 4:30 + 1:00 spent
        assert app.store.changes.check()
        await pilot.pause()
        assert box.value_text == "+00:30" and box.has_class("-over")
        assert not box.has_class("-warning")
    chair.close()


async def test_a_burst_of_keys_fills_field_after_field(db_path: Path, chair: Store) -> None:
    """``7 enter 8 enter`` arriving at once (fast typist, browser) lands in two fields."""
    from textual import events

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#score-feasibility", Input).focus()
        await pilot.pause()
        for key, char in (("7", "7"), ("enter", "\r"), ("8", "8"), ("enter", "\r")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
    assert chair.scores("leesplank") == {
        ("leesplank", "bram", "feasibility"): 7,
        ("leesplank", "bram", "impact"): 8,
    }


async def test_a_form_typed_while_the_station_starts_lands_field_after_field(
    db_path: Path, chair: Store
) -> None:
    """Typed ahead, Enter arrives as a line feed (ctrl+j): it still saves and moves on."""
    from textual import events

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#score-feasibility", Input).focus()
        await pilot.pause()
        for key, char in (("7", "7"), ("ctrl+j", "\n"), ("8", "8"), ("ctrl+j", "\n")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
    assert chair.scores("leesplank") == {
        ("leesplank", "bram", "feasibility"): 7,
        ("leesplank", "bram", "impact"): 8,
    }


async def test_a_refused_entry_is_replaced_by_the_next_keys(db_path: Path, chair: Store) -> None:
    """9.8: after ``7,5`` is refused on a whole-point scale, typing ``8`` gives 8, not 7,58."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#score-feasibility")
        await pilot.press("7", ",", "5", "enter")
        await pilot.pause()
        box = app.query_one("#score-feasibility", Input)
        assert app.focused is box
        await pilot.press("8", "enter")
        await pilot.pause()
        assert box.value == "8"
    assert chair.scores("leesplank") == {("leesplank", "bram", "feasibility"): 8}


async def test_a_refused_entry_in_a_burst_keeps_the_next_keys_on_its_field(
    db_path: Path, chair: Store
) -> None:
    """``7,5 enter 9 enter 8 enter`` at once on a whole-point scale: the refused field
    takes the 9 (its text selected, replaced), the next field the 8; nothing shifts."""
    from textual import events

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#score-feasibility", Input).focus()
        await pilot.pause()
        keys = ["7", ",", "5", "enter", "9", "enter", "8", "enter"]
        for key in keys:
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        for _ in range(5):
            await pilot.pause()
        assert app.query_one("#score-feasibility", Input).value == "9"
        assert app.query_one("#score-impact", Input).value == "8"
        assert app.focused is app.query_one("#comment", Input)
    assert chair.scores("leesplank") == {
        ("leesplank", "bram", "feasibility"): 9,
        ("leesplank", "bram", "impact"): 8,
    }


async def test_a_refused_entry_in_a_burst_stays_until_a_valid_one(
    db_path: Path, chair: Store
) -> None:
    """Enter on a refused value stays on its field, however fast the keys come."""
    from textual import events

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        box = app.query_one("#score-feasibility", Input)
        box.focus()
        await pilot.pause()
        for key in ["7", ",", "5", "enter", "1", "1", "enter"]:
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        for _ in range(5):
            await pilot.pause()
        assert app.focused is box
        assert box.value == "11"
        assert app.query_one("#score-impact", Input).value == ""
        assert "✗" in screen_text(app)
    assert chair.scores("leesplank") == {}
