"""`pitchroom open`'s first frame: the footer's keys are composed with the screen
(not a frame later, and drawn by one widget), and the start-up hook runs once after
the first frame."""

from __future__ import annotations

import pytest

from pitchroom.ui.app import PitchroomApp
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
