"""Layout snapshots (frozen clock, fixed sizes): chair screen at 80x24 and 120x40,
and the ranking screen. Review snapshot_report.html before updating them."""

from __future__ import annotations

from pathlib import Path

from pitchroom.ui.app import make_app
from tests.conftest import FrozenClock
from tests.ui.test_ranking import score_everything


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _typing(keys: tuple[str, ...]):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press(*keys)
        await _settle(pilot)

    return run_before


def test_chair_80x24(snap_compare, ui_db: Path, clock: FrozenClock) -> None:
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    assert snap_compare(app, run_before=_typing(("space",)), terminal_size=(80, 24))


def test_chair_120x40(snap_compare, ui_db: Path, clock: FrozenClock) -> None:
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    assert snap_compare(app, run_before=_typing(("n", "down", "8")), terminal_size=(120, 40))


def test_ranking_screen_120x40(snap_compare, ui_db: Path, clock: FrozenClock) -> None:
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    assert snap_compare(app, run_before=_typing(("k",)), terminal_size=(120, 40))
