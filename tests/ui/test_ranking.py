"""The ranking panel and screen, computed in workers from the ranking facade."""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.consensus.result import num
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.screens.ranking import RankingScreen
from tests.conftest import FrozenClock
from tests.ui.conftest import notes

SCORES = {
    "leesplank": {"anna": (8, 7), "bram": (7, 7), "chris": (8, 6)},
    "waterwijs": {"anna": (6, 6), "bram": (7, 5), "chris": (6, 7)},
    "kompas": {"anna": (9, 8), "bram": (8, 8)},
}


def score_everything(path: Path, clock: FrozenClock | None = None) -> None:
    store = Store.open(path, clock=clock or FrozenClock())
    for pitch, rows in SCORES.items():
        for juror, (feasibility, impact) in rows.items():
            store.set_score(pitch, juror, "feasibility", feasibility, actor="test")
            store.set_score(pitch, juror, "impact", impact, actor="test")
    store.close()


def _text(widget) -> str:
    from rich.console import Console

    console = Console(width=160, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


async def test_panel_shows_ranking_and_funding(ui_db: Path, clock: FrozenClock) -> None:
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = _text(app.screen.query_one("#ranking"))
        assert "Kompas" in text and "funded" in text and "━" in text
        assert "First unfunded: Waterwijs" in text


async def test_ranking_screen_methods_and_extras(ui_db: Path, clock: FrozenClock) -> None:
    score_everything(ui_db)
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("k")
        assert isinstance(app.screen, RankingScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert screen.report is not None and screen.extras is not None
        text = _text(screen.query_one("#ranking-full"))
        assert "Leave-1-out" in text and "computing" not in text
        jury = _text(screen.query_one("#ranking-jurors"))
        alpha = num(screen.extras.alpha)
        assert isinstance(alpha, float) and f"Krippendorff's α {alpha:.3f}" in jury
        assert f"Kendall's W {num(screen.extras.agreement):.3f}" in jury
        await pilot.press("m")
        assert screen.what_if == "trimmed"
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.what_if == "majority" and screen.report.method == "majority"
        await pilot.press("escape")
        assert not isinstance(app.screen, RankingScreen)


async def test_a_method_on_the_ranking_screen_is_a_what_if(ui_db: Path, clock: FrozenClock) -> None:
    """9.3: the session's method stays official everywhere; another is a labelled what-if,
    under which the chair's decisions are refused."""
    from pitchroom.store.ranking import ranking_report

    score_everything(ui_db)
    store = Store.open(ui_db)
    events_before = len(store.events())
    store.close()
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("k", "3")  # median
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RankingScreen) and screen.report.method == "median"
        title = _text(screen.query_one("#what-if"))
        assert "What-if: viewing median; the session ranks by mean" in title
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, RankingScreen) or app.screen is screen
        assert any("Not under a what-if" in n for n in notes(app))
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = _text(app.screen.query_one("#ranking"))
        assert "(mean)" in panel and "median" not in panel
        await pilot.press("k")  # a new visit starts on the official method
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.report.method == "mean"
        assert not app.screen.query_one("#what-if").display
    store = Store.open(ui_db)
    try:
        assert len(store.events()) == events_before  # a what-if writes nothing
        assert ranking_report(store)["method"] == "mean"  # what the CLI, exports, projector use
    finally:
        store.close()
