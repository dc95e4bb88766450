"""User text that looks like markup is shown literally and never runs an action."""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock
from tests.ui.conftest import ui_session

BOLD = "[bold]x[/]"
CLICK = "[@click=app.quit]y[/]"


def hostile_session() -> Session:
    data = ui_session().model_dump()
    data["session"]["title"] = f"Day {BOLD}"
    data["pitches"][0].update(
        title=f"Leesplank {BOLD}",
        applicant=CLICK,
        summary="[/] closes nothing\x1b[2J",
        partners=["[red]P[/red]"],
    )
    data["jurors"][0]["name"] = f"Anna {CLICK}"
    data["criteria"][0]["name"] = "[b]Feas[/b]"
    return Session.model_validate(data)


async def test_markup_looking_text_is_literal(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "hostile.db"
    Store.create(path, hostile_session(), actor="test", clock=clock).close()
    app = make_app(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        card = str(app.screen.query_one("#card").render())
        assert f"Leesplank {BOLD}" in card and CLICK in card and "[/] closes nothing" in card
        assert "\x1b" not in card
        grid = app.screen.query_one(ScoreGrid)
        assert grid.get_cell("anna", "juror").plain.startswith("Anna [@click=app.")
        await pilot.press("c", *"[/] and [@click=app.quit]", "ctrl+s")
        await pilot.click("#grid", offset=(3, 2))
        await pilot.press("R", "enter", "ctrl+p", *"Leesp")
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, ChairScreen)
        assert app.is_running
    store = Store.open(path)
    assert store.comments()[0].text == "[/] and [@click=app.quit]"
    store.close()


async def test_palette_jumps_to_a_pitch(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "hostile.db"
    Store.create(path, hostile_session(), actor="test", clock=clock).close()
    app = make_app(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"jump 3", "enter")
        await pilot.pause()
        assert app.screen.view.pitch.key == "kompas"
