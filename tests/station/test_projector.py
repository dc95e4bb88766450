"""The projector view: what the room sees, and what it must not see."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from textual.widgets import DataTable

from pitchroom.i18n import t
from pitchroom.store import Store
from pitchroom.ui.projector import app as projector
from pitchroom.ui.projector.app import ProjectorApp
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
        assert t("station.projector_scored", complete=1, eligible=3) in text
        assert "9" not in text.replace("2024", "") and "3 " not in text.replace("of 3", "")
        assert "Waterwijs" not in text and "7.25" not in text
        assert not app.query_one("#ranking", DataTable).display


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
        assert app.query_one("#ranking", DataTable).row_count == 2


async def test_projector_follows_the_chair_and_recusals(db_path: Path, chair: Store) -> None:
    app = ProjectorApp(Store.open(db_path), now=frozen_now)
    async with app.run_test(size=SIZE) as pilot:
        chair.open_pitch("kompas", actor="chair")  # chris is recused from kompas
        assert app.store.changes.check()
        await pilot.pause()
        text = screen_text(app)
        assert "Kompas" in text
        assert t("station.projector_scored", complete=0, eligible=2) in text


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
        table = app.query_one("#ranking", DataTable)
        if projector.load_ranking(chair) is None:  # the ranking module has not landed
            assert t("station.projector_no_ranking") in screen_text(app)
        else:
            assert table.row_count == 3 and "Waterwijs" in screen_text(app)
