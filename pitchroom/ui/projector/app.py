"""``pitchroom screen``: the projector view.

Big pitch title, applicant, the timer in large digits, and how many jurors
have scored the open pitch. Scores and the ranking stay hidden until the chair
reveals them (``v`` on the chair screen); then the top of the ranking shows.
Follows the chair through the store's change watcher (:mod:`pitchroom.store.watch`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from pitchroom.domain.clock import TimerState
from pitchroom.domain.consensus.result import Ranking
from pitchroom.i18n import N_, method_name, t, tn, use
from pitchroom.store import Store
from pitchroom.store.ranking import compute
from pitchroom.store.station_queries import ProjectorSnapshot, projector_snapshot
from pitchroom.store.watch import POLL_SECONDS
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import GuardedApp
from pitchroom.ui.projector.score_bars import BarRow, ScoreBars
from pitchroom.ui.station.pitch_card import PitchCard
from pitchroom.ui.station.timer import TimerBox, timer_reading
from pitchroom.ui.text import content_line, one_line

Now = Callable[[], dt.datetime]
TICK_SECONDS = 0.5
"""How often the timer is redrawn."""
TOP = 10


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def load_ranking(store: Store) -> Ranking | None:
    """The session's ranking, or None while it cannot be computed."""
    try:
        return compute(store)
    except Exception:  # the projector must keep running
        return None


def _nothing() -> None:
    """Nothing to stop: the screen never started watching the store."""


class ProjectorScreen(Screen[None]):
    """The read-only view for the room."""

    DEFAULT_CSS = """
    ProjectorScreen { align: center top; }
    #session { width: 100%; content-align: center middle; color: $text-muted; }
    #projector-pitch { width: 100%; height: auto; align: center top; margin-top: 1; }
    #projector-pitch PitchCard { width: 100%; }
    #projector-pitch PitchCard Static { width: 100%; text-align: center; }
    #projector-pitch .pitch-title { text-style: bold; padding: 1 0; }
    #projector-timer { width: auto; margin-top: 1; }
    #projector-timer .timer-status { content-align: center middle; }
    #scored { width: 100%; content-align: center middle; text-style: bold; margin-top: 1; }
    #hidden { width: 100%; content-align: center middle; color: $text-muted; }
    #ranking-title { width: 100%; content-align: center middle; text-style: bold;
                     margin-top: 1; display: none; }
    #ranking { display: none; margin-top: 1; }
    ProjectorScreen.-revealed #ranking, ProjectorScreen.-revealed #ranking-title {
        display: block;
    }
    ProjectorScreen.-revealed #hidden { display: none; }
    """

    def __init__(self, store: Store, *, now: Now) -> None:
        super().__init__()
        self.store = store
        self.now = now
        self.snapshot: ProjectorSnapshot | None = None
        self._unwatch: Callable[[], None] = _nothing

    def compose(self) -> ComposeResult:
        yield Static(content_line(self.store.session.session.title), id="session")
        with Vertical(id="projector-pitch"):
            yield PitchCard(summary=False)
            yield Center(TimerBox(big=True, id="projector-timer"))
        yield Static(id="scored")
        yield Static(Content(t("station.projector_hidden")), id="hidden")
        yield Static(id="ranking-title")
        yield ScoreBars(id="ranking")

    def on_mount(self) -> None:
        if not self.query(ScoreBars):
            return  # the app quit before this screen's widgets mounted: nothing to show
        self.refresh_from_store()
        self.set_interval(TICK_SECONDS, self._tick)
        self._unwatch = self.store.changes.subscribe(self.refresh_from_store)

    def on_unmount(self) -> None:
        self._unwatch()

    def refresh_from_store(self) -> None:
        """Show the record as it is now (the change watcher calls this after each commit)."""
        snapshot = self.snapshot = projector_snapshot(self.store)
        header = snapshot.header
        self.query_one(PitchCard).show(header)
        scored = self.query_one("#scored", Static)
        scored.update(
            Content(
                tn(
                    "station.projector_scored",
                    snapshot.eligible,
                    complete=snapshot.complete,
                    eligible=snapshot.eligible,
                )
            )
            if header.pitch
            else Content("")
        )
        self._show_ranking(header.timer)
        self._tick()

    def _tick(self) -> None:
        snapshot = self.snapshot
        box = self.query_one(TimerBox)
        if snapshot is None or snapshot.header.pitch is None:
            box.show(None)
            return
        box.show(timer_reading(snapshot.header.session, snapshot.header.timer, self.now()))

    def _show_ranking(self, timer: TimerState) -> None:
        self.set_class(timer.revealed, "-revealed")
        if timer.revealed:
            self.compute_ranking()
        else:
            self.query_one(ScoreBars).show([], "mean", (0.0, 1.0))
            self.query_one("#ranking-title", Static).update(Content(""))

    @work(thread=True, exclusive=True, group="ranking", exit_on_error=False)
    def compute_ranking(self) -> None:
        """The ranking can take a while at the stress size: its own thread and connection."""
        store = Store.open(self.store.path)
        try:
            report = load_ranking(store)
        finally:
            store.close()
        self.post_message(self.RankingLoaded(report))

    @dataclass
    class RankingLoaded(Message):
        report: Ranking | None

    @on(RankingLoaded)
    def _fill_ranking(self, event: RankingLoaded) -> None:
        bars = self.query_one(ScoreBars)
        title = self.query_one("#ranking-title", Static)
        report = event.report
        bars.display = report is not None
        if report is None:
            bars.show([], "mean", (0.0, 1.0))
            title.update(Content(t("station.projector_no_ranking")))
            return
        title.update(
            Content(t("station.projector_ranking", method=one_line(method_name(report.method))))
        )
        scale = self.store.session.session.scale
        bars.show(
            [
                BarRow(
                    row.rank,
                    row.title or row.pitch,
                    None if row.score is None else float(row.score),
                    row.status,
                )
                for row in [r for r in report.rows if r.stage == "pitch"][:TOP]
            ],
            report.method,
            (float(scale.min), float(scale.max)),
        )


class ProjectorApp(GuardedApp, TranslatedBindings, App[None]):
    """``pitchroom screen``: one projector screen, ctrl+q quits."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", N_("station.bind_quit"), id="quit")]

    def __init__(self, store: Store, *, now: Now = utcnow) -> None:
        use(store.session.session.language)  # before the bindings are built
        super().__init__()
        self.store = store
        self.projector = ProjectorScreen(store, now=now)
        self.title = t("station.projector_title")

    def get_default_screen(self) -> ProjectorScreen:
        return self.projector

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.store.changes.check)


def make_projector_app(db: Path, *, now: Now = utcnow) -> ProjectorApp:
    return ProjectorApp(Store.open(db), now=now)
