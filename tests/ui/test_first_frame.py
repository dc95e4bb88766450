"""`pitchroom open`'s first frame: the footer's keys are composed with the screen
(not a frame later, and drawn by one widget), and the start-up hook runs once after
the first frame."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen

from pitchroom.ui.app import PitchroomApp
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.widgets.compact_footer import CompactFooter, FooterKey


async def test_footer_keys_are_composed_with_the_screen(
    app: PitchroomApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_mount: list[int] = []
    drawn: list[str] = []
    original = CompactFooter.on_mount

    def on_mount(footer: CompactFooter) -> None:  # before the screen's first refresh
        at_mount.append(len(footer.keys))
        original(footer)

    monkeypatch.setattr(CompactFooter, "on_mount", on_mount)
    app.first_frame = lambda: drawn.append(str(app.screen.id))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(CompactFooter)
        keys = [key.key for key in footer.keys]
        widgets = len(footer.query(FooterKey))
        await pilot.pause()
    assert at_mount and at_mount[0] >= 10, at_mount
    assert "f1" in keys and "ctrl+z" in keys
    assert widgets == 1  # one widget draws them all
    assert drawn == ["chair"]


async def test_the_chair_screen_is_laid_out_once_and_its_first_frame_shown(
    app: PitchroomApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chair screen is the app's first screen: laid out once before the first frame,
    and that frame is displayed, not rendered inside Textual's start-up batch and thrown
    away (pushed from the app's on_mount, it was laid out and rendered twice)."""
    layouts: list[str] = []
    displays: list[int] = []
    refresh_layout = Screen._refresh_layout
    display = App._display

    def laid_out(screen: Screen[object], *args: Any, **kwargs: Any) -> None:
        if isinstance(screen, ChairScreen) and not app.drawn:
            layouts.append(str(screen.id))
        refresh_layout(screen, *args, **kwargs)

    def shown(self: App[object], screen: Screen[object], renderable: Any) -> None:
        if renderable is not None and not app.drawn:
            displays.append(self._batch_count)  # Textual drops a frame made in a batch
        display(self, screen, renderable)

    monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
    monkeypatch.setattr(App, "_display", shown)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        stack = [type(screen).__name__ for screen in app.screen_stack]
    assert app.drawn
    assert displays[:1] == [0]
    assert layouts == ["chair"]
    assert stack == ["ChairScreen"]
