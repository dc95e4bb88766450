"""Each guard in ``pitchroom.ui.guard`` against the Textual 8.2.8 bug it stops.

Every test first shows the bug on Textual's own class (so a Textual upgrade
that fixes it shows up here as a failing ``raises``), then that the guard holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual import events
from textual.app import App, ScreenStackError
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from pitchroom.ui.app import PitchroomApp
from pitchroom.ui.dialogs.reason import ReasonDialog
from pitchroom.ui.guard import GuardedApp, GuardedCommandPalette
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.screens.ranking import RankingScreen
from tests.reliability.keyfuzz import burst


async def _dispatch_key(app: App[object], key: str) -> None:
    """Hand ``key`` to the app's key handlers exactly as its message loop does."""
    event = events.Key(key, key if len(key) == 1 else None)
    for _cls, method in app._get_dispatch_methods("on_key", event):
        await method(event)


async def _palette_with_unlaid_list(app: PitchroomApp, pilot, palette_class) -> CommandPalette:
    """The palette in the state fast keys reach: options present, list not laid out."""
    app.push_screen(palette_class(id="--command-palette"))
    await pilot.pause(0.2)
    palette = app.screen
    command_list = palette.query_one(CommandList)
    assert command_list.option_count > 0
    palette._list_visible = False  # hidden (no matches a moment ago): no size
    await pilot.pause()
    command_list._clear_caches()  # its options just changed
    palette._list_visible = True  # shown again, not laid out yet
    return palette


async def test_textual_palette_pages_an_unlaid_list_with_a_key_error(app: PitchroomApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        palette = await _palette_with_unlaid_list(app, pilot, CommandPalette)
        with pytest.raises(KeyError):
            palette._action_command_list("page_down")


async def test_guarded_palette_ignores_a_page_key_before_layout(app: PitchroomApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        palette = await _palette_with_unlaid_list(app, pilot, GuardedCommandPalette)
        palette._action_command_list("page_down")
        palette._action_command_list("page_up")
        await pilot.pause(0.2)
        palette._action_command_list("page_down")  # laid out by now: pages as usual
        assert palette.query_one(CommandList).highlighted is not None


async def test_ctrl_p_opens_the_guarded_palette(app: PitchroomApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, GuardedCommandPalette)


async def test_guarded_palette_after_closing_touches_nothing(app: PitchroomApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert palette._command_list() is None
        palette._watch__list_visible()  # Textual's would raise NoMatches here
        await palette._watch__show_busy()
        palette._action_command_list("page_down")
        palette._action_cursor_down()


async def test_textual_dismiss_twice_pops_the_screen_beneath(app: PitchroomApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        seen: list[object] = []
        beneath = Screen[None]()
        app.push_screen(beneath)
        dialog = Screen[str]()
        app.push_screen(dialog, seen.append)
        await pilot.pause()
        dialog.dismiss("once")
        await pilot.pause()
        dialog.dismiss("twice")  # the screen beneath goes
        await pilot.pause()
        assert app.screen is not beneath and isinstance(app.screen, ChairScreen)
        assert seen == ["once"]


async def test_a_stray_dismiss_with_only_the_chair_left_keeps_it(app: PitchroomApp) -> None:
    """The chair screen is the app's first: a pop with nothing beneath it does nothing
    (Textual's own pop_screen raises ScreenStackError)."""
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = Screen[str]()
        app.push_screen(dialog)
        await pilot.pause()
        dialog.dismiss("once")
        await pilot.pause()
        dialog.dismiss("twice")
        await app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, ChairScreen) and app.screen_stack == [app.screen]
        assert app.is_running
        await pilot.press("n")  # the chair still answers
        await pilot.pause()
        assert app.screen.query_one("#card") is not None


async def test_a_dialog_dismissed_twice_answers_once_and_keeps_the_chair(
    app: PitchroomApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        seen: list[object] = []
        dialog = ReasonDialog("Why", "Say why", required=False)
        app.push_screen(dialog, seen.append)
        await pilot.pause()
        dialog.dismiss("once")
        dialog.dismiss("twice")
        await pilot.pause()
        dialog.dismiss("thrice")
        await pilot.pause()
        assert isinstance(app.screen, ChairScreen)
        assert seen == ["once"]


async def test_two_escapes_on_the_ranking_screen_go_back_once(app: PitchroomApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)
        burst(app, ["escape", "escape", "escape"])
        await pilot.pause(0.2)
        assert isinstance(app.screen, ChairScreen)
        assert app.is_running


class _Probe(Screen[None]):
    BINDINGS = [Binding("x", "poke", "poke")]

    def compose(self):
        yield Static(id="inner")

    def action_poke(self) -> None:
        self.query_one("#inner", Static).update("poked")


class _Plain(App[None]):
    pass


class _Guarded(GuardedApp, _Plain):
    pass


async def test_textual_key_after_the_last_screen_raises() -> None:
    with pytest.raises(ScreenStackError):
        await _dispatch_key(_Plain(), "x")


async def test_guarded_app_drops_a_key_after_the_last_screen() -> None:
    await _dispatch_key(_Guarded(), "x")


async def test_textual_key_right_after_a_push_reaches_missing_widgets() -> None:
    app = _Plain()
    async with app.run_test() as pilot:
        app.push_screen(_Probe())
        with pytest.raises(NoMatches):
            await _dispatch_key(app, "x")
        await pilot.pause()


async def test_guarded_app_lets_a_pushed_screen_mount_before_its_keys() -> None:
    app = _Guarded()
    async with app.run_test() as pilot:
        probe = _Probe()
        app.push_screen(probe)
        await _dispatch_key(app, "x")
        await pilot.pause()
        assert str(probe.query_one("#inner", Static).render()) == "poked"


async def test_a_palette_command_after_the_chair_has_gone_does_nothing(
    app: PitchroomApp,
) -> None:
    from pitchroom.service.chair import ChairService
    from pitchroom.ui.commands import to_screen

    async with app.run_test(size=(100, 30)) as pilot:
        chair = app.screen
        await pilot.press("k")
        assert to_screen(chair)  # back from the ranking screen
        assert app.screen is chair
        assert not to_screen(ChairScreen(ChairService(app.store, app.actor), app.clock))


def test_a_crashed_chair_screen_exits_non_zero(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pitchroom.ui as ui

    class Crashing(App[None]):
        def on_mount(self) -> None:
            raise RuntimeError("boom")

        def run(self, **kwargs):
            return super().run(headless=True, **kwargs)

    monkeypatch.setattr("pitchroom.ui.app.make_app", lambda path: Crashing())
    assert ui.run_chair(ui_db) == 1
    from pitchroom.cli.main import main

    result = CliRunner().invoke(main, ["open", str(ui_db)])
    assert result.exit_code == 1


class _Lists(App[None]):
    def __init__(self, list_class: type) -> None:
        super().__init__()
        self.list_class = list_class

    def compose(self):
        yield self.list_class(*[f"option {n}" for n in range(30)], id="list")


@pytest.mark.parametrize("key", ["page_up", "page_down"])
async def test_textual_option_list_pages_before_layout_with_a_key_error(key: str) -> None:
    from textual.widgets import OptionList

    app = _Lists(OptionList)
    async with app.run_test() as pilot:
        options = app.query_one("#list", OptionList)
        options.highlighted = 2
        options.display = False  # hidden: no size, so no line map
        await pilot.pause()
        options._clear_caches()
        with pytest.raises(KeyError):
            getattr(options, f"action_{key}")()


@pytest.mark.parametrize("key", ["page_up", "page_down"])
async def test_safe_option_list_pages_only_once_laid_out(key: str) -> None:
    from pitchroom.ui.guard import SafeOptionList

    app = _Lists(SafeOptionList)
    async with app.run_test() as pilot:
        options = app.query_one("#list", SafeOptionList)
        options.highlighted = 2
        options.display = False
        await pilot.pause()
        options._clear_caches()
        getattr(options, f"action_{key}")()
        options.display = True
        await pilot.pause()
        getattr(options, f"action_{key}")()
        assert options.highlighted is not None
