"""The ranking screen's funding part: the tie at the line, moving money, the jurors.

A session with two pots where Alpha and Beta score identically (on every
criterion and head to head) and only one of them fits the small pot: a tie at
the funding line that only the chair can decide.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui import background
from pitchroom.ui.app import make_app
from pitchroom.ui.dialogs.tie import TieDialog
from pitchroom.ui.dialogs.transfer import TransferDialog
from pitchroom.ui.screens.ranking import RankingScreen
from tests.conftest import FrozenClock
from tests.ui.conftest import build_db, notes, ui_session
from tests.ui.test_ranking import _text

TIED = {
    "alpha": {"anna": (8, 7), "bram": (7, 7), "chris": (6, 8)},
    "beta": {"anna": (8, 7), "bram": (7, 7), "chris": (6, 8)},
    "gamma": {"anna": (9, 9), "bram": (9, 8), "chris": (8, 9)},
    "delta": {"anna": (5, 5), "bram": (4, 6), "chris": (5, 4)},
}


def pots_session() -> Session:
    data = ui_session().model_dump(mode="json")
    data["session"]["budget"] = 600_000
    data["pots"] = [
        {"key": "small", "name": "Small projects", "budget": 250_000, "max_requested": 200_000},
        {"key": "large", "name": "Large projects", "budget": 300_000},
    ]
    data["pitches"] = [
        {"key": "alpha", "title": "Alpha", "applicant": "A", "requested": 150_000},
        {"key": "beta", "title": "Beta", "applicant": "B", "requested": 150_000},
        {"key": "gamma", "title": "Gamma", "applicant": "G", "requested": 250_000},
        {"key": "delta", "title": "Delta", "applicant": "D", "requested": 100_000},
    ]
    data["conflicts"] = []
    return Session.model_validate(data)


@pytest.fixture
def tie_db(tmp_path: Path, clock: FrozenClock) -> Path:
    path = build_db(tmp_path, pots_session(), clock)
    store = Store.open(path, clock=clock)
    for pitch, rows in TIED.items():
        for juror, (feasibility, impact) in rows.items():
            store.set_score(pitch, juror, "feasibility", feasibility, actor="test")
            store.set_score(pitch, juror, "impact", impact, actor="test")
    store.close()
    return path


async def _settle(pilot) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _ranking(pilot) -> RankingScreen:
    await _settle(pilot)
    await pilot.press("k")
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RankingScreen)
    return screen


def _status(screen: RankingScreen, pitch: str) -> str:
    assert screen.report is not None
    return screen.report.row(pitch).status


async def test_tie_notice_and_decision(tie_db: Path, clock: FrozenClock) -> None:
    app = make_app(tie_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        funding = _text((await _ranking(pilot)).query_one("#ranking-funding"))
        assert "Tie at the funding line: Alpha, Beta — the chair decides (key x)" in funding
        assert "Small projects: EUR 250,000 left of 250,000 · first unfunded: Alpha" in funding
        assert "Large projects: EUR 50,000 left of 300,000 · no pitch waits" in funding
        assert "1. Alpha" in funding and "2. Beta" in funding and "3. Delta" in funding
        screen = app.screen
        await pilot.press("x")
        assert isinstance(app.screen, TieDialog)
        await pilot.press("down", "enter")  # Beta first; Alpha follows by itself
        assert app.screen.order == ["beta", "alpha"]
        await pilot.press("enter")  # an empty reason is refused, the dialog stays
        assert isinstance(app.screen, TieDialog)
        assert "reason" in _text(app.screen.query_one("#tie-error"))
        await pilot.press(*"coin", "enter")
        assert not isinstance(app.screen, TieDialog)
        await _settle(pilot)
        assert screen.report.ties_at_line == ()
        assert _status(screen, "beta") == "funded" and _status(screen, "alpha") == "reserve"
        assert "Tie at the funding line" not in _text(screen.query_one("#ranking-funding"))
        assert any("The tie is decided: Beta › Alpha" in n for n in notes(app))
    store = Store.open(tie_db)
    try:
        rows = list(store.db.query("select pitches, reason, actor from tie_decisions"))
        assert [(json.loads(r["pitches"]), r["reason"], r["actor"]) for r in rows] == [
            (["beta", "alpha"], "coin", "chair")
        ]
        assert "tie.decided" in [e.action for e in store.events()]
    finally:
        store.close()


async def test_no_tie_says_so(ui_db: Path, clock: FrozenClock) -> None:
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _ranking(pilot)
        await pilot.press("x")
        assert app.screen is screen
        assert any("no tie at the funding line" in n for n in notes(app))
        assert screen.check_action("move_money", ()) is False  # no pots: no key


async def test_transfer_moves_money(tie_db: Path, clock: FrozenClock) -> None:
    app = make_app(tie_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _ranking(pilot)
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, TransferDialog)
        assert dialog.query_one("#source", Select).value == "large"
        assert dialog.query_one("#target", Select).value == "small"
        dialog.query_one("#amount", Input).value = "50000"
        dialog.query_one("#reason", Input).value = "leftover of the large pot"
        await pilot.click("#save")
        await _settle(pilot)
        assert not isinstance(app.screen, TransferDialog)
        funding = _text(screen.query_one("#ranking-funding"))
        assert "Large projects: EUR 0 left of 250,000" in funding
        # 300,000 in the small pot: Alpha and Beta both fit, the tie is gone.
        assert "Small projects: EUR 0 left of 300,000" in funding
        assert screen.report.ties_at_line == ()
        assert any(
            "Moved EUR 50,000 from Large projects to Small projects" in n for n in notes(app)
        )
    store = Store.open(tie_db)
    try:
        rows = list(store.db.query("select source, target, amount, reason from pot_transfers"))
        assert [(r["source"], r["target"], r["amount"]) for r in rows] == [
            ("large", "small", 50000)
        ]
        assert "pot.transfer" in [e.action for e in store.events()]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("source", "target", "amount", "message"),
    [
        ("large", "large", "100", "must differ"),
        ("large", "small", "0", "more than zero"),
        ("large", "small", "-5", "negative"),
        ("large", "small", "60000", "only EUR 50,000 left"),
    ],
)
async def test_refused_transfer_keeps_dialog(
    tie_db: Path, clock: FrozenClock, source: str, target: str, amount: str, message: str
) -> None:
    app = make_app(tie_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ranking(pilot)
        await pilot.press("dollar_sign")
        dialog = app.screen
        assert isinstance(dialog, TransferDialog)
        dialog.query_one("#source", Select).value = source
        dialog.query_one("#target", Select).value = target
        dialog.query_one("#amount", Input).value = amount
        dialog.query_one("#reason", Input).value = "because"
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is dialog
        assert message in _text(dialog.query_one("#transfer-error"))
        assert dialog.query_one("#amount", Input).value == amount
    store = Store.open(tie_db)
    try:
        assert list(store.db.query("select * from pot_transfers")) == []
    finally:
        store.close()


async def test_juror_panel_shows_leniency(
    tie_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    compute = background.compute_ranking

    def slow_extras(path, method, extras, clock=None):
        if extras:
            release.wait(10)
        return compute(path, method, extras, clock)

    monkeypatch.setattr(background, "compute_ranking", slow_extras)
    app = make_app(tie_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("k")
        screen = app.screen
        assert isinstance(screen, RankingScreen)
        for _ in range(250):
            if screen.report is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert "computing" in _text(screen.query_one("#ranking-jurors"))
        assert "agreement W computing" in _text(screen.query_one("#ranking-full"))
        release.set()
        await _settle(pilot)
        jurors = _text(screen.query_one("#ranking-jurors"))
        assert "computing" not in jurors
        assert "Anna de Vries" in jurors and "+0.42" in jurors and "-0.33" in jurors
        assert "Olga" not in jurors  # an observer does not score
        assert "agreement W 1" in _text(screen.query_one("#ranking-full"))
        await pilot.press("j")
        assert not screen.query_one("#ranking-jurors").display
        await pilot.press("j")
        assert screen.query_one("#ranking-jurors").display


async def test_cumulative_only_for_funded(tie_db: Path, clock: FrozenClock) -> None:
    app = make_app(tie_db, clock=clock)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await _ranking(pilot)
        lines = _text(screen.query_one("#ranking-full")).splitlines()
        gamma = next(line for line in lines if "Gamma" in line)
        delta = next(line for line in lines if "Delta" in line)
        assert "250,000" in gamma.split("large", 1)[1]  # cumulative after the pot
        assert "250,000" not in delta and "⚖" not in delta
        assert "⚖" in next(line for line in lines if "Alpha" in line)
