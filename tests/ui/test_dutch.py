"""The Dutch interface at 80x24 and 120x40: the chair screen, the ranking screen and a
juror station on the Dutch demo session. Dutch words are longer than English ones, so
besides the snapshots the tests read the screen and check that what matters is not cut:
the footer's first keys, the pitch position and the juror names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input

from pitchroom import i18n
from pitchroom.domain.sessionfile import load_session
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.station.app import StationApp
from tests.conftest import REPO
from tests.station.conftest import frozen_now, screen_text
from tests.ui.conftest import FrozenClock

DEMO_NL = REPO / "tests" / "dutch_session.toml"  # the 9-pitch Dutch day, fixed for tests
SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """The station's inputs would blink their cursor between two frames of a snapshot."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)


@pytest.fixture
def dutch_db(tmp_path: Path, clock: FrozenClock) -> Path:
    """The Dutch demo with the first three pitches scored by every juror."""
    session = load_session(DEMO_NL)
    db = tmp_path / "demo-nl.db"
    store = Store.create(db, session, actor="test", clock=clock)
    try:
        for p, pitch in enumerate(session.pitches[:3]):
            for j, juror in enumerate(session.scoring_jurors):
                if (juror.key, pitch.key) == ("samir", "buurtbudget"):
                    continue
                for c, criterion in enumerate(session.criteria):
                    value = 5 + (2 * p + j + c) % 5
                    store.set_score(pitch.key, juror.key, criterion.key, value, actor="test")
    finally:
        store.close()
    return db


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _keys(*keys: str):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        if keys:
            await pilot.press(*keys)
        await _settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_chair_in_dutch(snap_compare, dutch_db: Path, clock: FrozenClock, size) -> None:
    app = make_app(dutch_db, clock=clock)
    assert snap_compare(app, run_before=_keys(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ranking_in_dutch(snap_compare, dutch_db: Path, clock: FrozenClock, size) -> None:
    app = make_app(dutch_db, clock=clock)
    assert snap_compare(app, run_before=_keys("k"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_station_in_dutch(snap_compare, dutch_db: Path, size) -> None:
    app = StationApp(Store.open(dutch_db), "priya", now=frozen_now)
    assert snap_compare(app, run_before=_keys(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_chair_shows_what_matters_uncut(dutch_db: Path, clock: FrozenClock, size) -> None:
    app = make_app(dutch_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        assert i18n.language() == "nl"
        text = screen_text(app)
        footer = text.splitlines()[-1]
        assert footer.lstrip().startswith("f1 Help")
        # The footer's order of need (tests/ui/test_footer.py): p and the rest are in F1.
        for key in ("^z Ongedaan", "l Afsluiten", "n Volgende", "k Ranglijst"):
            assert key in footer, key
        assert "1 van 9" in text
        for name in ("Marieke", "Joost Kramer", "Priya", "Samir", "Ingrid"):
            assert name in text, name
        assert "€ 180.000" in text  # the open pitch's amount, Dutch money


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_ranking_shows_dutch_words(dutch_db: Path, clock: FrozenClock, size) -> None:
    app = make_app(dutch_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        await pilot.press("k")
        await _settle(pilot)
        text = screen_text(app)
        assert "Ranglijst" in text and "Terug" in text.splitlines()[-1]
        assert re.search(r"\b\d,\d\d\b", text)  # spreads with a decimal comma
        assert "€ 220.000 over van" in text  # Dutch money in the funding lines


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_station_shows_what_matters_uncut(dutch_db: Path, size) -> None:
    app = StationApp(Store.open(dutch_db), "priya", now=frozen_now)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        text = screen_text(app)
        assert "Pitch 1 van 9" in text
        assert "scherm van Priya" in text
        assert "Uitvoerbaarheid" in text and "weging 1,5" in text
        assert "Opslaan" in text.splitlines()[-1] or "Afsluiten" in text.splitlines()[-1]
