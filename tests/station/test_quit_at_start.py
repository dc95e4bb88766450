"""A station or projector asked to quit right after it starts quits cleanly (status 0).

Found by hand: ``NoMatches '#score-feasibility'`` in ``ScoreForm.on_mount`` and
``NoMatches 'ScoreForm'`` in ``StationScreen.on_mount``, exit status 1: the quit
removed the screen's widgets before their mount handlers ran.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom.store import Store
from pitchroom.ui.projector.app import ProjectorApp
from pitchroom.ui.station import app as station_module
from pitchroom.ui.station.app import StationApp
from tests.station.conftest import frozen_now


class _QuitAtOnceStation(StationApp):
    CSS_PATH = str(Path(station_module.__file__).with_name("station.tcss"))

    def on_mount(self) -> None:
        super().on_mount()
        self.exit()  # before the station screen's widgets have run their mount handlers


class _QuitAtOnceProjector(ProjectorApp):
    def on_mount(self) -> None:
        super().on_mount()
        self.exit()


@pytest.mark.parametrize("pin", [None, "1234"])
async def test_a_station_quit_at_start_exits_cleanly(db_path: Path, pin: str | None) -> None:
    store = Store.open(db_path)
    try:
        app = _QuitAtOnceStation(store, "bram", now=frozen_now, pin=pin)
        await app.run_async(headless=True, size=(80, 24))
    finally:
        store.close()
    assert app.return_code == 0


async def test_a_projector_quit_at_start_exits_cleanly(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        app = _QuitAtOnceProjector(store, now=frozen_now)
        await app.run_async(headless=True, size=(80, 24))
    finally:
        store.close()
    assert app.return_code == 0
