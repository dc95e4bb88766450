"""Seeded random keys on every screen and dialog; the database checked afterwards.

Each case opens its screen, sends bursts of random keys (going back to the
screen whenever the keys left it), then ctrl+q, which must still quit with
status 0; the app must not have raised, and the database must pass
:func:`check_database`. A failure names the seed and the last bursts, so it
can be replayed. ``bench/soak.py`` runs the same cases longer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual.app import App

from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.projector.app import ProjectorApp
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.station.app import StationApp
from tests.reliability.keyfuzz import (
    CHAIR_CASES,
    CHAIR_KEYS,
    STATION_KEYS,
    burst,
    check_database,
    fuzz,
)
from tests.ui.conftest import FrozenClock, build_db, ui_session

KEYS = int(os.environ.get("PITCHROOM_FUZZ_KEYS", "150"))
"""Keys per case; the soak (``bench/bench_soak.py``) sends many more."""
SEEDS = tuple(int(s) for s in os.environ.get("PITCHROOM_FUZZ_SEEDS", "1").split(","))
"""Seeds per case: ``PITCHROOM_FUZZ_SEEDS=1,2,3`` replays more (or one that failed)."""


def _opener(app: App[object], key: str | None) -> Callable[[], Sequence[str]]:
    def before() -> Sequence[str]:
        if key is not None and isinstance(app.screen, ChairScreen):
            return [key]
        return []

    return before


async def _run(app: App[object], seed: int, alphabet: Sequence[str], opener=None) -> None:
    run = None
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            run = await fuzz(app, pilot, seed, KEYS, alphabet, before_burst=opener)
            burst(app, ["ctrl+q"])
            for _ in range(40):
                if not app.is_running:
                    break
                await pilot.pause(0.05)
            assert not app.is_running, "ctrl+q did not quit"
    except Exception as error:
        tail = run.tail() if run else "?"
        message = f"seed {seed}: {type(error).__name__}: {error}; last keys {tail}"
        raise AssertionError(message) from error
    assert app.return_code == 0


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", list(CHAIR_CASES))
async def test_chair_screens_survive_random_keys(tmp_path: Path, case: str, seed: int) -> None:
    clock = FrozenClock()
    path = build_db(tmp_path, ui_session(), clock)
    app = make_app(path, clock=clock)
    await _run(app, seed, CHAIR_KEYS, _opener(app, CHAIR_CASES[case]))
    assert check_database(path) == []


@pytest.mark.parametrize("seed", SEEDS)
async def test_station_survives_random_keys(tmp_path: Path, seed: int) -> None:
    clock = FrozenClock()
    path = build_db(tmp_path, ui_session(), clock)
    app = StationApp(Store.open(path), "bram", now=clock)
    await _run(app, seed, STATION_KEYS)
    assert check_database(path) == []


@pytest.mark.parametrize("seed", SEEDS)
async def test_projector_survives_random_keys(tmp_path: Path, seed: int) -> None:
    clock = FrozenClock()
    path = build_db(tmp_path, ui_session(), clock)
    app = ProjectorApp(Store.open(path), now=clock)
    await _run(app, seed, CHAIR_KEYS)
    assert check_database(path) == []
