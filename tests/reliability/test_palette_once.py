"""At most one command palette, however fast the keys come after a palette command.

Found by the key fuzzing (``DuplicateIds: '--command-palette'``): Enter on a
palette command that opens a screen, with ctrl+p queued right behind it, left
the stack chair, palette, ranking; the next ctrl+p pushed a second palette with
the same id. Textual's ``CommandPalette.is_open`` only looks at the top screen.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from pitchroom.ui.app import PitchroomApp
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.screens.ranking import RankingScreen
from tests.reliability.keyfuzz import burst


def _palettes(app: PitchroomApp) -> int:
    return sum(isinstance(screen, CommandPalette) for screen in app.screen_stack)


async def _palette_on_ranking_command(app: PitchroomApp, pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    for key in "ranking":
        await pilot.press(key)
    await pilot.pause(0.3)


async def test_ctrl_p_queued_before_a_palette_command_runs_opens_no_palette(
    app: PitchroomApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race, made deterministic: a ctrl+p handled between the palette's
    dismissal and its command (Textual runs the command with app.call_later)."""
    async with app.run_test(size=(100, 30)) as pilot:
        await _palette_on_ranking_command(app, pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        call_later = app.call_later

        def ctrl_p_first(callback, *args, **kwargs):
            chosen = palette._selected_command
            if chosen is not None and callback is chosen.command:
                app.action_command_palette()  # the ctrl+p already queued
            return call_later(callback, *args, **kwargs)

        monkeypatch.setattr(app, "call_later", ctrl_p_first)
        await pilot.press("enter")
        monkeypatch.setattr(app, "call_later", call_later)
        await pilot.pause(0.2)
        names = [type(s).__name__ for s in app.screen_stack]
        assert isinstance(app.screen, RankingScreen), names
        assert _palettes(app) == 0, names
        await pilot.press("ctrl+p")  # Textual's is_open saw only the top: DuplicateIds
        await pilot.pause()
        assert _palettes(app) == 1
        assert isinstance(app.screen, CommandPalette)
        assert app.is_running


async def test_a_fast_burst_after_a_palette_command_leaves_one_palette_at_most(
    app: PitchroomApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await _palette_on_ranking_command(app, pilot)
        burst(app, ["enter", "ctrl+p", "ctrl+p", "escape", "ctrl+p", "ctrl+p"])
        for _ in range(10):
            await pilot.pause(0.05)
            assert _palettes(app) <= 1, [type(s).__name__ for s in app.screen_stack]
        assert not any(isinstance(s, CommandPalette) for s in app.screen_stack[:-1])
        assert app.is_running


async def test_ctrl_p_with_a_palette_anywhere_in_the_stack_does_nothing(
    app: PitchroomApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        app.push_screen(RankingScreen(app.screen_stack[0].store, app.screen_stack[0].chair))
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        assert _palettes(app) == 1
        assert palette in app.screen_stack
        assert isinstance(app.screen_stack[0], ChairScreen)
