"""Issue 14: ``pitchroom open``'s first ranking from a forked child (pitchroom.ui.prefetch).

The child is started before Textual is imported, so the chair's process imports
neither numpy nor the live engine before its first frame; the feed is built after
it. A test runner may have threads (then the fork rightly falls back), so the fork
path runs in a fresh interpreter: the real ``pitchroom open`` with Textual's headless
driver, watched through import hooks. The same run with ``PITCHROOM_NO_FORK`` must
show the same ranking; a damaged record is refused the same way; a score typed
before the feed is ready reaches the ranking once it is.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pitchroom import forked
from pitchroom.cli.main import main
from pitchroom.store import Store
from pitchroom.store.ranking import ranking_report
from pitchroom.ui import app as chair_app
from pitchroom.ui.prefetch import FirstRanking
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock, small_session
from tests.fresh import AFTER_IMPORT, HEADLESS, bench_module, run_fresh, run_script
from tests.ui.conftest import build_db, until
from tests.ui.test_ranking import score_everything

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork on Linux only")

ENGINE = ("numpy", "pitchroom.domain.consensus.live", "pitchroom.store.ranking")
"""What the chair's process must not have imported before its first frame."""

HOOKS = (
    AFTER_IMPORT
    + """
import json, os

ENGINE = ENGINE_NAMES
def engine():
    return sorted(m for m in sys.modules if m in ENGINE)

seen = {"shown": [], "textual_at_fork": None, "forked": None}

def patch_prefetch(prefetch):
    init = prefetch.FirstRanking.__init__
    def recorded(self, *args):
        seen["textual_at_fork"] = "textual" in sys.modules
        seen["grades_given"] = args[1:2] != (None,) and len(args) > 1
        init(self, *args)
        seen["forked"] = self.forked
    prefetch.FirstRanking.__init__ = recorded

def patch_chair(chair):
    show = chair.ChairScreen._show_ranking
    def recorded(self, version, report):
        seen["shown"].append([version, report.to_json(), engine()])
        show(self, version, report)
    chair.ChairScreen._show_ranking = recorded
    build = chair.ChairScreen._live_feed
    def after_first_frame(self):  # the app's hook sees the first frame before this runs
        seen["frame_before_feed"] = frame_shown.is_set()
        drawn_once.wait(timeout=60)
        return build(self)
    chair.ChairScreen._live_feed = after_first_frame
    mount = chair.ChairScreen.on_mount
    def on_mount(self):
        mount(self)
        def done():  # the feed built and its ranking shown: quit
            if self.feed is not None and all(w.is_finished for w in self.app.workers):
                self.app.exit()
        self.set_interval(0.05, done)
    chair.ChairScreen.on_mount = on_mount

import threading
drawn_once = threading.Event()
frame_shown = threading.Event()

def patch_textual_app(textual_app):
    display = textual_app.App._display
    def shown(app, screen, renderable):
        # what reaches the terminal (Textual drops a frame made inside a batch)
        if renderable is not None and not app._batch_count:
            frame_shown.set()
        display(app, screen, renderable)
    textual_app.App._display = shown

def patch_ui(ui):
    def drawn():
        seen["at_first_frame"] = engine()
        drawn_once.set()
    ui.collect_again = drawn

after_import("pitchroom.ui.prefetch", patch_prefetch)
after_import("textual.app", patch_textual_app)
after_import("pitchroom.ui.screens.chair", patch_chair)
import pitchroom.ui
patch_ui(pitchroom.ui)
""".replace("ENGINE_NAMES", repr(ENGINE))
)


def run_open(db: Path, *, fork: bool) -> dict[str, Any]:
    """``pitchroom open DB`` in a fresh interpreter (headless), until its feed is ready."""
    script = HOOKS + textwrap.dedent(
        f"""
        from pitchroom.cli.main import main
        try:
            main(["open", {str(db)!r}])
        except SystemExit as end:
            seen["exit"] = end.code
        print(json.dumps(seen))
        """
    )
    result: dict[str, Any] = run_script(script, fork=fork, **HEADLESS)
    return result


make_session = bench_module("make_session")


def _generated(folder: Path) -> Path:
    """Every juror scored every criterion of every pitch: the read in primary-key
    order, with the selects the child starts before the engine's import."""
    toml, scores = make_session.write(folder, (12, 5, 4))
    db = folder / "generated.db"
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(toml), "--db", str(db)]).exit_code == 0
    assert runner.invoke(main, ["score", str(db), "--from", str(scores)]).exit_code == 0
    return db


def _sessions(tmp_path: Path) -> Iterator[Path]:
    yield _generated(tmp_path / "generated")
    clock = FrozenClock()
    scored = build_db(tmp_path / "mean", small_session(), clock)
    score_everything(scored)
    yield scored
    majority = build_db(tmp_path / "majority", small_session(method="majority"), clock)
    score_everything(majority)  # rows with a gauge (GaugeInfo) in the child's pickle
    yield majority
    yield build_db(tmp_path / "empty", small_session(), clock)  # nothing scored yet


@pytest.fixture
def sessions(tmp_path: Path) -> list[Path]:
    for name in ("generated", "mean", "majority", "empty"):
        (tmp_path / name).mkdir()
    return list(_sessions(tmp_path))


def _report(db: Path) -> dict[str, Any]:
    store = Store.open(db)
    try:
        report = ranking_report(store)
    finally:
        store.close()
    report.pop("protocol")
    return report


@linux
def test_the_first_ranking_comes_from_the_child_and_is_the_feeds(sessions: list[Path]) -> None:
    for db in sessions:
        expected = _report(db)
        with_fork = run_open(db, fork=True)
        without = run_open(db, fork=False)
        assert with_fork["exit"] == without["exit"] == 0
        assert with_fork["forked"] is True and without["forked"] is False
        assert with_fork["textual_at_fork"] is False  # forked before Textual's import
        assert with_fork["grades_given"] is True  # from the session `open` has read
        # the child's ranking, shown before numpy or the engine is imported here
        first_version, first_json, engine_then = with_fork["shown"][0]
        assert engine_then == []
        assert with_fork["at_first_frame"] == []
        # the feed (the engine's import, in a thread) is begun once the first frame is
        # on the terminal, not while it is laid out and rendered
        assert with_fork["frame_before_feed"] is True
        assert first_json == expected
        # then the feed's, built after the first frame: the same record, the same ranking
        last_version, last_json, engine_after = with_fork["shown"][-1]
        assert len(with_fork["shown"]) == 2
        assert (last_version, last_json) == (first_version, expected)
        assert "numpy" in engine_after
        # without the fork: the feed's only, the same
        assert [[v, j] for v, j, _ in without["shown"]] == [[first_version, expected]]


def _damage(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()


@linux
@pytest.mark.parametrize(
    "damage",
    [
        "update scores set value = 'seven' where juror = 'bram'",
        "update scores set value = x'07' where pitch = 'kompas' and juror = 'anna'",
    ],
)
def test_a_damaged_score_is_refused_before_the_screen_as_before(
    tmp_path: Path, damage: str
) -> None:
    db = build_db(tmp_path, small_session(), FrozenClock())
    score_everything(db)
    _damage(db, damage)
    outcomes = []
    for fork in (True, False):
        done = run_fresh(["-m", "pitchroom", "open", str(db)], fork=fork, **HEADLESS)
        outcomes.append((done.returncode, done.stdout, done.stderr))
    assert outcomes[0] == outcomes[1]
    code, _out, err = outcomes[0]
    assert code == 2, err
    assert "scores" in err and "backup" in err and "Traceback" not in err


def test_the_childs_scan_decides_the_damage_check(tmp_path: Path) -> None:
    """make_app takes the scan's rows from the hand-over (the child's) instead of scanning."""
    db = build_db(tmp_path, small_session(), FrozenClock())
    score_everything(db)

    class Scanned(FirstRanking):
        forked_scan: list[Any] | None = [("kompas", "anna", "impact", "seven")]

        def __init__(self, path: Path) -> None:
            self.path = Path(path)

        def damaged_scores(self) -> list[Any] | None:
            return self.forked_scan

        def close(self) -> None:
            pass

    from pitchroom.store import StoreError

    with pytest.raises(StoreError) as caught, chair_app.handed_over(db, None, Scanned(db)):
        chair_app.make_app(db)
    assert "'seven'" in str(caught.value) and "kompas" in str(caught.value)
    Scanned.forked_scan = None  # no child: make_app scans itself (the record is sound)
    with chair_app.handed_over(db, None, Scanned(db)):
        chair_app.make_app(db).store.close()


@pytest.fixture
def feed_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """While cleared, the chair's ranking worker waits before it builds the feed."""
    opened = threading.Event()
    build = ChairScreen._live_feed

    def gated(self: ChairScreen) -> Any:
        opened.wait(timeout=30)
        return build(self)

    monkeypatch.setattr(ChairScreen, "_live_feed", gated)
    yield opened
    opened.set()


async def test_a_score_typed_before_the_feed_is_ready_reaches_the_ranking(
    ui_db: Path, clock: FrozenClock, feed_gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process (the fork's fallback): typing works while no feed exists."""
    monkeypatch.setenv(forked.NO_FORK, "1")
    score_everything(ui_db)
    first = FirstRanking(ui_db)
    assert not first.forked
    with chair_app.handed_over(ui_db, None, first):
        app = chair_app.make_app(ui_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChairScreen)
        grid = screen.query_one(ScoreGrid)
        await pilot.press("1", "0", "enter")  # Leesplank, Anna, feasibility: 10
        await pilot.pause()
        assert grid.get_cell("anna", "feasibility").plain == "10"
        assert screen.feed is None and screen.shown_ranking is None
        feed_gate.set()
        assert await until(pilot, lambda: screen.feed is not None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.shown_ranking is not None
        assert screen.shown_ranking[1].to_json() == _report(ui_db)
        assert screen.shown_ranking[0] == app.store.head()[0]


@linux
def test_a_score_typed_before_the_feed_is_ready_with_the_fork(tmp_path: Path) -> None:
    """The child's ranking is shown, a score is typed, then the feed is let in."""
    db = build_db(tmp_path, small_session(), FrozenClock())
    score_everything(db)
    script = textwrap.dedent(
        f"""
        import asyncio, json, sys, threading
        from pathlib import Path
        from pitchroom.ui.prefetch import FirstRanking
        db = Path({str(db)!r})
        first = FirstRanking(db)  # one thread here: a child computes it
        from pitchroom.ui import app as chair_app
        from pitchroom.ui.screens.chair import ChairScreen
        from pitchroom.ui.widgets.score_grid import ScoreGrid
        gate = threading.Event()
        build = ChairScreen._live_feed
        def gated(self):
            gate.wait(timeout=30)
            return build(self)
        ChairScreen._live_feed = gated
        with chair_app.handed_over(db, None, first):
            app = chair_app.make_app(db)
        out = {{"forked": first.forked}}
        async def until(pilot, condition):
            for _ in range(400):
                if condition():
                    return True
                await pilot.pause(0.05)
            return condition()
        async def main():
            async with app.run_test(size=(120, 40)) as pilot:
                screen = app.screen
                out["child_shown"] = await until(pilot, lambda: screen.shown_ranking is not None)
                before = screen.shown_ranking
                await pilot.press("1", "0", "enter")
                await pilot.pause()
                grid = screen.query_one(ScoreGrid)
                out["cell"] = grid.get_cell("anna", "feasibility").plain
                out["feed_then"] = screen.feed is not None
                out["still_child"] = screen.shown_ranking is before
                gate.set()
                out["fed"] = await until(pilot, lambda: screen.feed is not None
                                         and screen.shown_ranking[0] > before[0])
                await app.workers.wait_for_complete()
                await pilot.pause()
                out["version"] = screen.shown_ranking[0]
                out["head"] = app.store.head()[0]
                out["ranking"] = screen.shown_ranking[1].to_json()
        asyncio.run(main())
        print(json.dumps(out))
        """
    )
    out = run_script(script)
    ranking = out.pop("ranking")
    assert out == {
        "forked": True,
        "child_shown": True,
        "cell": "10",
        "feed_then": False,
        "still_child": True,
        "fed": True,
        "version": out["head"],
        "head": out["head"],
    }
    assert ranking == _report(db)


@linux
def test_quitting_before_the_child_is_done_waits_for_nothing(tmp_path: Path) -> None:
    """The child never answers: the chair still quits, and the child is stopped."""
    db = build_db(tmp_path, small_session(), FrozenClock())
    script = textwrap.dedent(
        f"""
        import asyncio, json, os
        from pathlib import Path
        import pitchroom.ui.prefetch as prefetch
        never = os.pipe()
        prefetch.first_ranking = lambda *args: os.read(never[0], 1)  # never written
        db = Path({str(db)!r})
        first = prefetch.FirstRanking(db)
        from pitchroom.ui import app as chair_app
        with chair_app.handed_over(db, None, first):
            app = chair_app.make_app(db)
        out = {{"forked": first.forked, "pid": first._ranking._pid}}
        async def main():
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                out["shown"] = app.screen.shown_ranking is not None
        asyncio.run(main())
        print(json.dumps(out))
        """
    )
    out = run_script(script)  # a worker waiting for the child would never let it end
    assert out["forked"] is True and out["shown"] is False
    with pytest.raises(ProcessLookupError):
        os.kill(out["pid"], 0)  # stopped and reaped
