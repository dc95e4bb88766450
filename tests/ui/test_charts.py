"""The ranking screen's chart view (g): toggles, fits 80x24, fills 160x50, survives
recusals, a pending pitch and a withdrawn one; a snapshot at 120x40."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.ui.app import make_app
from pitchroom.ui.screens.ranking import RankingScreen
from pitchroom.ui.widgets.chart_forest import ForestPlot, window
from pitchroom.ui.widgets.chart_leniency import LeniencyPlot
from pitchroom.ui.widgets.chart_strip import StripPlot
from pitchroom.ui.widgets.chart_view import ChartView
from tests.conftest import FrozenClock
from tests.ui.conftest import build_db, ui_session

SCORES = {
    "leesplank": {"anna": (8, 7), "bram": (7, 7), "chris": (8, 6)},
    "waterwijs": {"anna": (6, 6)},  # pending: one complete juror, quorum 2
    "kompas": {"anna": (9, 8), "bram": (8, 8)},  # chris recused
    "sirene": {"anna": (5, 6), "bram": (6, 4), "chris": (7, 7)},
    "datakluis": {"anna": (4, 4), "bram": (7, 4), "chris": (5, 6)},
    "digihulp": {"anna": (9, 9), "bram": (9, 9)},  # withdrawn below
}


def chart_session() -> Session:
    data = ui_session(budget=500_000, title="Chart [b]day[/b] <script>").model_dump(mode="json")
    for key, requested in (("sirene", 90_000), ("datakluis", 120_000), ("digihulp", 60_000)):
        data["pitches"].append(
            {"key": key, "title": f"{key.title()} [red]x[/red]", "requested": requested}
        )
    return Session.model_validate(data)


@pytest.fixture
def chart_db(tmp_path: Path, clock: FrozenClock) -> Path:
    path = build_db(tmp_path, chart_session(), clock)
    store = Store.open(path, clock=clock)
    for pitch, rows in SCORES.items():
        for juror, (feasibility, impact) in rows.items():
            store.set_score(pitch, juror, "feasibility", feasibility, actor="test")
            store.set_score(pitch, juror, "impact", impact, actor="test")
    store.set_withdrawn("digihulp", True, actor="test", reason="no-show")
    store.close()
    return path


def plain(widget) -> str:
    return widget.render().plain


async def open_charts(pilot) -> ChartView:
    app = pilot.app
    await pilot.press("k")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("g")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one(ChartView)


async def test_g_toggles_the_chart_view(chart_db: Path, clock: FrozenClock) -> None:
    app = make_app(chart_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        charts = await open_charts(pilot)
        assert isinstance(app.screen, RankingScreen)
        assert charts.display and not app.screen.query_one("#ranking-scroll").display
        assert app.focused is charts
        await pilot.press("g")
        await pilot.pause()
        assert not charts.display and app.screen.query_one("#ranking-scroll").display


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_chart_view_renders_with_recusal_pending_and_withdrawn(
    chart_db: Path, clock: FrozenClock, size: tuple[int, int]
) -> None:
    app = make_app(chart_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        charts = await open_charts(pilot)
        forest, strip = charts.query_one(ForestPlot), charts.query_one(StripPlot)
        leniency = charts.query_one(LeniencyPlot)
        for plot in (forest, strip, leniency):
            assert plot.region.width > 0 and plot.region.height > 0
            assert plot.region.right <= size[0] and plot.region.bottom <= size[1]
        text = plain(forest)
        assert "▶1 Kompas" in text and "[red]" in text  # titles literal, never markup
        assert "Waterwijs" not in text and "Digihulp" not in text  # pending, withdrawn
        note = app.screen.query_one("#chart-note").render().plain
        assert "1 pending" in note and "1 withdrawn" in note and "bootstrap: exact" in note
        # Kompas: chris is recused; the strip shows two totals and says so.
        text = plain(strip)
        assert "Kompas" in text and "1 recused/absent" in text and "│ " in text and "8.33" in text
        assert text.count("●") == 2
        assert "Anna" in plain(leniency)
        await pilot.press("down", "down")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert charts.cursor == 2
        row = charts.query_one(ForestPlot).data.rows[2]
        assert f"▶{row.rank} " in plain(forest) and row.title.split()[0] in plain(strip)
        if size == (160, 50):
            assert "-wide" in charts.classes
            assert strip.region.x > forest.region.right - 1  # side by side
        else:
            assert "-wide" not in charts.classes
            assert strip.region.y >= forest.region.bottom  # stacked


async def test_light_theme_renders(chart_db: Path, clock: FrozenClock) -> None:
    app = make_app(chart_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        charts = await open_charts(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        assert "Kompas" in plain(charts.query_one(ForestPlot))


def test_window_keeps_the_cursor_in_view() -> None:
    assert window(5, 10, 3) == range(5)
    assert window(100, 10, 0) == range(10)
    assert window(100, 10, 50) == range(45, 55)
    assert window(100, 10, 99) == range(90, 100)


def test_chart_view_snapshot_120x40(snap_compare, chart_db: Path, clock: FrozenClock) -> None:
    async def run_before(pilot) -> None:
        await open_charts(pilot)
        await pilot.press("down")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = make_app(chart_db, clock=clock)
    assert snap_compare(app, run_before=run_before, terminal_size=(120, 40))
