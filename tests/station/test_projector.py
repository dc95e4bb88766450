"""The projector view: what the room sees, and what it must not see."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from textual.widgets import ProgressBar

from pitchroom.i18n import t, tn
from pitchroom.store import Store
from pitchroom.ui.projector import app as projector
from pitchroom.ui.projector.app import ProjectorApp
from pitchroom.ui.projector.score_bars import BarRow, ScoreBars, bar_range
from tests.rankings import ranking, row
from tests.station.conftest import frozen_now, screen_text

SIZE = (80, 24)

FAKE_REPORT = ranking(
    [
        row("waterwijs", "Waterwijs", "funded", rank=1, score=Fraction("7.25")),
        row("leesplank", "Leesplank", "reserve", rank=2, score=Fraction(6)),
    ]
)


def score_all(store: Store, pitch: str, juror: str, value: int) -> None:
    for criterion in ("feasibility", "impact"):
        store.set_score(pitch, juror, criterion, value, actor="chair")


async def test_projector_counts_jurors_and_hides_scores(
    db_path: Path, chair: Store, monkeypatch
) -> None:
    monkeypatch.setattr(projector, "load_ranking", lambda store: FAKE_REPORT)
    score_all(chair, "leesplank", "anna", 9)
    chair.set_score("leesplank", "bram", "impact", 3, actor="chair")  # half: not complete
    app = ProjectorApp(Store.open(db_path), now=frozen_now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Leesplank" in text and "Gemeente Zwolle" in text
        assert tn("station.projector_scored", 3, complete=1, eligible=3) in text
        assert "9" not in text.replace("2024", "") and "3 " not in text.replace("of 3", "")
        assert "Waterwijs" not in text and "7.25" not in text
        assert not app.query_one("#ranking", ScoreBars).display


async def test_projector_shows_the_ranking_once_revealed(
    db_path: Path, chair: Store, monkeypatch
) -> None:
    monkeypatch.setattr(projector, "load_ranking", lambda store: FAKE_REPORT)
    app = ProjectorApp(Store.open(db_path), now=frozen_now)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "7.25" not in screen_text(app)
        chair.set_revealed(True, actor="chair")
        assert app.store.changes.check()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "7.25" in text and "funded" in text
        bars = app.query_one("#ranking", ScoreBars)
        assert len(bars.rows) == 2
        # one ProgressBar per pitch: the score's place on the 1-10 scale
        progress = [(b.progress, b.total) for b in bars.query(ProgressBar)]
        assert progress == [(6.25, 9.0), (5.0, 9.0)]


async def test_projector_follows_the_chair_and_recusals(db_path: Path, chair: Store) -> None:
    app = ProjectorApp(Store.open(db_path), now=frozen_now)
    async with app.run_test(size=SIZE) as pilot:
        chair.open_pitch("kompas", actor="chair")  # chris is recused from kompas
        assert app.store.changes.check()
        await pilot.pause()
        text = screen_text(app)
        assert "Kompas" in text
        assert tn("station.projector_scored", 2, complete=0, eligible=2) in text


async def test_projector_without_a_ranking_module_says_so(
    db_path: Path, chair: Store, monkeypatch
) -> None:
    monkeypatch.setattr(projector, "load_ranking", lambda store: None)
    chair.set_revealed(True, actor="chair")
    app = ProjectorApp(Store.open(db_path), now=frozen_now)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert t("station.projector_no_ranking") in screen_text(app)


async def test_projector_ranking_from_the_real_report(db_path: Path, chair: Store) -> None:
    score_all(chair, "waterwijs", "anna", 8)
    chair.set_revealed(True, actor="chair")
    app = ProjectorApp(Store.open(db_path), now=frozen_now)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        bars = app.query_one("#ranking", ScoreBars)
        if projector.load_ranking(chair) is None:  # the ranking module has not landed
            assert t("station.projector_no_ranking") in screen_text(app)
        else:
            assert len(bars.rows) == 3 and "Waterwijs" in screen_text(app)
            assert len(bars.query(ProgressBar)) == 3


def test_bars_run_over_the_scale_or_up_to_the_best_score() -> None:
    rows = [
        BarRow(1, "a", 7.5, "funded"),
        BarRow(2, "b", 3, "reserve"),
        BarRow(None, "c", None, ""),
    ]
    assert bar_range("mean", rows, (1.0, 10.0)) == (1.0, 10.0)
    assert bar_range("borda", rows, (1.0, 10.0)) == (0.0, 7.5)
    assert bar_range("schulze", [BarRow(1, "a", 0, "")], (1.0, 10.0)) == (0.0, 1.0)
