"""Issue 14: the chair screen's first frame is laid out and styled once.

Textual hands the terminal's size at start-up to the screen a second time once it is
idle (the driver's first report, kept), and restyles every widget of a screen when it
resumes; on the first resume the widgets were styled a moment before, as they were
mounted. Both passes changed nothing on the screen and were a large part of the work
before the chair's first frame. A real resize must still lay the screen out and set
its size classes, and the styles the first frame is drawn with must be the ones a
full restyle gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.dom import DOMNode

from pitchroom.ui.app import PitchroomApp, make_app
from pitchroom.ui.screens.chair import ChairScreen
from tests.conftest import FrozenClock
from tests.ui.test_ranking import score_everything


def layouts(app: App[Any]) -> list[object]:
    """Every layout of the current screen from now on."""
    seen: list[object] = []
    app.screen.screen_layout_refresh_signal.subscribe(app.screen, seen.append)
    return seen


def styles(nodes: Iterator[DOMNode]) -> dict[str, str]:
    """Each node's CSS as Textual resolved it (its component classes' too), by its
    place in the screen."""
    return {
        f"{i} {node!r}": "\n".join(
            [
                node.styles.css,
                *(node.get_component_styles(name).css for name in sorted(node.COMPONENT_CLASSES)),
            ]
        )
        for i, node in enumerate(nodes)
    }


async def _started(app: PitchroomApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_the_start_up_size_again_lays_nothing_out(ui_db: Path, clock: FrozenClock) -> None:
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        assert isinstance(app.screen, ChairScreen)
        seen = layouts(app)
        # What the terminal driver posts at start (and after a SIGWINCH of the same size).
        app.post_message(events.Resize(app.size, app.size))
        await pilot.pause()
        await pilot.pause()
        assert seen == []
        assert not app.screen.has_class("-narrow")


@pytest.mark.parametrize(
    ("size", "narrow", "short"), [((80, 24), True, True), ((160, 50), False, False)]
)
async def test_a_real_resize_lays_out_and_sets_the_size_classes(
    ui_db: Path, clock: FrozenClock, size: tuple[int, int], narrow: bool, short: bool
) -> None:
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        seen = layouts(app)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.pause()
        assert seen
        assert app.screen.has_class("-narrow") is narrow
        assert app.screen.has_class("-short") is short
        assert app.screen.query_one("#grid").region.width > 0
        await pilot.resize_terminal(120, 40)  # and back
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.has_class("-narrow") and not app.screen.has_class("-short")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_first_frame_has_the_styles_a_full_restyle_gives(
    ui_db: Path, clock: FrozenClock, size: tuple[int, int]
) -> None:
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        await _started(app, pilot)
        screen = app.screen
        before = styles(screen.walk_children(with_self=True))
        app.stylesheet.update(screen)  # every node styled afresh
        assert styles(screen.walk_children(with_self=True)) == before


async def test_back_from_a_dialog_the_screen_is_styled_again(
    ui_db: Path, clock: FrozenClock
) -> None:
    """After the first resume the screen restyles as Textual does (a theme changed
    under a dialog shows when the dialog closes)."""
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        chair = app.screen
        before = styles(chair.walk_children(with_self=True))
        await pilot.press("f1")  # the help screen over the chair
        await pilot.pause()
        assert app.screen is not chair
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is chair
        after = styles(chair.walk_children(with_self=True))
        assert after != before
        app.stylesheet.update(chair)
        assert styles(chair.walk_children(with_self=True)) == after
