"""The chair's footer draws its keys with one widget, and looks and acts as Textual's
compact footer with one widget a key: the same screen (an SVG screenshot: every
cell's character and style) at several widths, in both themes, with a disabled key,
and with the mouse over each key; a click presses the key under it, the key under
the mouse shows its tooltip."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey  # Textual's own key, for the reference

from pitchroom.ui.widgets.compact_footer import CompactFooter, FooterKeys

BINDINGS = [
    Binding("f1", "pressed('f1')", "Help", tooltip="Every key"),
    Binding("ctrl+z", "pressed('undo')", "Undo", tooltip="Undo the last change"),
    Binding("space", "pressed('timer')", "Timer"),
    Binding("n", "pressed('next')", "Next", tooltip="The next pitch"),
    Binding("N", "pressed('next')", "Next again"),  # the same action: shown once
    Binding("x", "pressed('hidden')", "Hidden", show=False),
    Binding("v", "pressed('reveal')", "Reveal", tooltip="Reveal the ranking"),
    Binding("d", "disabled", "Decide", tooltip="Decide"),
    Binding("e", "pressed('export')", "Export"),
]


class Keys(App[None]):
    BINDINGS = BINDINGS

    def __init__(self, *, ours: bool, theme: str = "textual-dark") -> None:
        super().__init__()
        self.ours = ours
        self.pressed_keys: list[str] = []
        self.theme = theme

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield CompactFooter() if self.ours else Footer(compact=True, show_command_palette=False)

    def action_pressed(self, name: str) -> None:
        self.pressed_keys.append(name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "disabled" else True  # None: shown, dimmed


async def _settled(pilot: Any) -> None:
    for _ in range(3):
        await pilot.pause()


async def _screen(size: tuple[int, int], theme: str, ours: bool, hover: int | None) -> str:
    app = Keys(ours=ours, theme=theme)
    async with app.run_test(size=size) as pilot:
        await _settled(pilot)
        if hover is not None:
            await pilot.hover(offset=(hover, size[1] - 1))
            await _settled(pilot)
        return app.export_screenshot(title="keys", simplify=True)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(30, 5), (80, 5), (160, 5)])
async def test_the_footer_looks_as_textuals(theme: str, size: tuple[int, int]) -> None:
    assert await _screen(size, theme, True, None) == await _screen(size, theme, False, None)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_hovered_key_looks_as_textuals(theme: str) -> None:
    # Over each key, a gap between two and past the last: the same screen.
    for x in (0, 3, 7, 8, 9, 14, 20, 30, 40, 48, 55, 70):
        ours = await _screen((80, 5), theme, True, x)
        assert ours == await _screen((80, 5), theme, False, x), x


async def test_one_widget_draws_the_keys_textual_draws_with_many() -> None:
    for ours in (True, False):
        app = Keys(ours=ours)
        async with app.run_test(size=(80, 5)) as pilot:
            await _settled(pilot)
            found = app.query(FooterKey)
            if ours:
                assert len(found) == 1
                footer = app.query_one(CompactFooter)
                shown = [(k.key, k.description, k.enabled) for k in footer.keys]
            else:
                assert [(k.key, k.description, not k.has_class("-disabled")) for k in found] == (
                    shown
                )
    assert ("d", "Decide", False) in shown and ("x", "Hidden", True) not in shown


async def test_a_click_presses_the_key_under_it_and_the_mouse_shows_its_tooltip() -> None:
    app = Keys(ours=True)
    async with app.run_test(size=(80, 5)) as pilot:
        await _settled(pilot)
        keys = app.query_one(FooterKeys)
        x = {app.query_one(CompactFooter).keys[i].key: i for i in range(len(keys.keys))}
        starts = [i for i in range(80) if keys.key_at(i) is not None and keys.key_at(i - 1) is None]
        assert len(starts) == len(keys.keys)
        await pilot.click(offset=(starts[x["n"]] + 1, 4))
        await pilot.click(offset=(starts[x["f1"]], 4))
        await pilot.click(offset=(starts[x["n"]] - 1, 4))  # the gap before it: nothing
        await pilot.click(offset=(starts[x["d"]] + 2, 4))  # disabled: a bell, no action
        await _settled(pilot)
        assert app.pressed_keys == ["next", "f1"]
        await pilot.hover(offset=(starts[x["v"]] + 1, 4))
        await _settled(pilot)
        assert keys.tooltip == "Reveal the ranking"
        await pilot.hover(offset=(starts[x["space"]], 4))  # a key without a tooltip
        await _settled(pilot)
        assert keys.tooltip is None
