"""An amendment reaches screens that are already open: a late juror gets a row in
the chair's grid and can score from a station and the CLI; a corrected title shows
on the chair screen, the station and the projector; the command palette amends."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.dialogs.amend import AmendDialog
from pitchroom.ui.projector.app import ProjectorApp
from pitchroom.ui.station.app import StationApp
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.station.conftest import frozen_now, screen_text
from tests.ui.conftest import FrozenClock

DORA = {"key": "dora", "name": "Dora Substituut", "role": "juror"}
TITLE = "Leesplank, corrected"


def amend_elsewhere(db: Path, reason: str = "substitute; typo in the title") -> None:
    """What `pitchroom amend` does, from another connection."""
    other = Store.open(db)
    try:
        data = other.session.model_dump(mode="json")
        data["jurors"].append(DORA)
        data["pitches"][0]["title"] = TITLE
        other.amend(Session.model_validate(data), reason=reason, actor="cli")
    finally:
        other.close()


async def settle(pilot, condition, seconds: float = 15.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def test_a_late_juror_appears_in_the_open_chair_grid_and_scores(
    ui_db: Path, clock: FrozenClock
) -> None:
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        await pilot.press("down", "8")  # bram's feasibility, being typed
        amend_elsewhere(ui_db)
        assert await settle(pilot, lambda: "dora" in grid.rows, 1.0)
        assert grid.get_cell("dora", "juror").plain.startswith("Dora")
        assert grid.buffer == "8" and (grid.juror, grid.criterion) == ("bram", "feasibility")
        assert TITLE in screen_text(app)
        # The late juror scores from the CLI ...
        result = CliRunner().invoke(main, ["score", str(ui_db), "leesplank", "dora", "impact=6"])
        assert result.exit_code == 0, result.stderr
        assert await settle(pilot, lambda: grid.get_cell("dora", "impact").plain == "6", 1.5)
        # ... and from their own station.
        station = StationApp(Store.open(ui_db), "dora", now=frozen_now)
        async with station.run_test(size=(80, 24)) as juror:
            await juror.click("#score-feasibility")
            await juror.press("7", "enter")
            await juror.pause()
            assert TITLE in screen_text(station)
        assert await settle(pilot, lambda: grid.get_cell("dora", "feasibility").plain == "7", 1.5)
        # The chair's own typing was never disturbed.
        await pilot.press("enter")
    store = Store.open(ui_db)
    try:
        scores = store.scores("leesplank")
        assert scores[("leesplank", "bram", "feasibility")] == 8
        assert scores[("leesplank", "dora", "feasibility")] == 7
        assert store.verify().ok
    finally:
        store.close()


async def test_an_open_station_and_projector_show_the_corrected_title(ui_db: Path) -> None:
    station = StationApp(Store.open(ui_db), "bram", now=frozen_now)
    async with station.run_test(size=(80, 24)) as pilot:
        assert "Leesplank" in screen_text(station) and TITLE not in screen_text(station)
        amend_elsewhere(ui_db)
        assert await settle(pilot, lambda: TITLE in screen_text(station), 1.0)
    projector = ProjectorApp(Store.open(ui_db), now=frozen_now)
    async with projector.run_test(size=(80, 24)) as pilot:
        other = Store.open(ui_db)
        data = other.session.model_dump(mode="json")
        data["pitches"][0]["title"] = "Leesplank, again"
        other.amend(Session.model_validate(data), reason="once more", actor="cli")
        other.close()
        assert await settle(pilot, lambda: "Leesplank, again" in screen_text(projector), 1.0)


async def test_the_command_palette_amends_with_a_file_and_a_reason(
    ui_db: Path, tmp_path: Path, clock: FrozenClock
) -> None:
    store = Store.open(ui_db)
    data = store.session.model_dump(mode="json")
    store.close()
    data["jurors"].append(DORA)
    bad = dict(data, jurors=[j for j in data["jurors"] if j["key"] != "anna"])
    toml = tmp_path / "amended.toml"
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "enter")  # a score of anna's: removing her is refused
        toml.write_text(_toml(bad), encoding="utf-8")
        await pilot.press("ctrl+p")
        await pilot.press(*"Amend the session")
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert await settle(pilot, lambda: isinstance(app.screen, AmendDialog))
        dialog = app.screen
        dialog.query_one("#amend-file").value = str(toml)
        dialog.query_one("#amend-reason").value = "Dora replaces Anna"
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, AmendDialog)
        assert "jurors.anna" in screen_text(app)
        toml.write_text(_toml(data), encoding="utf-8")
        # The second time from the keyboard, as a chair would: enter in the reason field.
        dialog.query_one("#amend-reason").focus()
        await pilot.press("enter")
        assert await settle(pilot, lambda: not isinstance(app.screen, AmendDialog)), screen_text(
            app
        )
        grid = app.screen.query_one(ScoreGrid)
        assert "dora" in grid.rows
    store = Store.open(ui_db)
    try:
        event = store.events()[-1]
        assert event.action == "session.amended" and event.reason == "Dora replaces Anna"
        assert event.after["changes"][0]["key"] == "dora"
    finally:
        store.close()


def _toml(data: dict) -> str:
    """A session definition as a TOML file (only what the UI session uses)."""
    import json

    lines = ["[session]"]
    for key, value in data["session"].items():
        if value is None:
            continue
        if key == "scale":
            value = f"{{ min = {value['min']}, max = {value['max']}, step = {value['step']} }}"
            lines.append(f"scale = {value}")
            continue
        lines.append(f"{key} = {json.dumps(value)}")
    for section in ("criteria", "jurors", "pitches", "conflicts"):
        for item in data[section]:
            lines.append(f"\n[[{section}]]")
            for key, value in item.items():
                if value is not None:
                    lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
