"""The chair screen: the pitch on, its timer, the score grid, ranking and journal.

Reads of the open pitch are a few indexed queries, so they run inline; the
ranking is kept by a :class:`LiveFeed` (incremental: a saved score recomputes
its pitch only) in a thread worker with its own connection. Another
process's writes come from the store's change watcher (:mod:`pitchroom.store.watch`).

On ``pitchroom open`` the first ranking comes from a forked child
(:mod:`pitchroom.ui.prefetch`): shown in the first frame when it is there by then,
else as soon as it is; the feed (and with it numpy and the engine) is built by the
worker only after that frame. A score typed meanwhile is saved and shown in the
grid at once, and in the ranking once the feed has it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from pitchroom.domain import clock
from pitchroom.i18n import t
from pitchroom.service.chair import ChairService
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.messages import RankingFailed, RankingReady
from pitchroom.ui.screens.chair_actions import ChairActions
from pitchroom.ui.screens.chair_bindings import CHAIR_BINDINGS
from pitchroom.ui.text import escaped, one_line
from pitchroom.ui.view import (
    PitchView,
    load_pitch_view,
)
from pitchroom.ui.widgets.compact_footer import CompactFooter
from pitchroom.ui.widgets.journal import Journal
from pitchroom.ui.widgets.pitch_card import PitchCard
from pitchroom.ui.widgets.pitch_timer import PitchTimer
from pitchroom.ui.widgets.ranking_panel import RankingPanel
from pitchroom.ui.widgets.score_grid import ScoreGrid

if TYPE_CHECKING:
    from pitchroom.domain.consensus.result import Ranking
    from pitchroom.store.ranking import LiveFeed
    from pitchroom.ui.commands import PaletteCommand
    from pitchroom.ui.prefetch import FirstRanking

JOURNAL_SIZE = 12
NARROW = 100


class ChairScreen(TranslatedBindings, ChairActions, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*CHAIR_BINDINGS]
    AUTO_FOCUS = "#grid"

    def __init__(
        self,
        chair: ChairService,
        clock: Callable[[], dt.datetime],
        first: FirstRanking | None = None,
    ) -> None:
        super().__init__(id="chair")
        self.chair = chair
        """What the chair does (the actor, the undo stack): this screen is its view."""
        self.store = chair.store
        self.clock = clock
        self._first = first if first is not None and first.forked else None
        """The first ranking, computed by a child started before the screen
        (``pitchroom open``), until it is shown; else None."""
        if first is not None and self._first is None:
            first.close()
        self.feed: LiveFeed | None = None
        """The live ranking, built by the ranking worker (after the first frame)."""
        self._closed = False
        self._feed_after_frame = False
        self.shown_ranking: tuple[int, Ranking] | None = None
        """What the ranking panel shows: the id of the last event it includes, and it."""
        self.view: PitchView | None = None
        self._ranking_running = False
        self._ranking_dirty = False
        self._ranking_version = -1
        self._top: Text | None = None
        self._suspended = False
        self._laid_out: Size | None = None
        """The size the screen was last laid out at (by its resume or a resize)."""
        self._styled = False
        """Whether the screen has resumed once: its widgets were styled as mounted."""

    @property
    def undo_stack(self) -> list[int]:
        """Event ids this sitting made, oldest first; ctrl+z pops the newest."""
        return self.chair.undo_stack

    def palette_commands(self) -> list[PaletteCommand]:
        """Jump to any pitch, and every chair key (the command palette, ctrl+p)."""
        from pitchroom.ui.commands import PaletteCommand, binding_commands

        if self.view is None:
            return []
        jumps = [
            PaletteCommand(
                t("ui.cmd_jump", number=number, title=one_line(pitch.title)),
                partial(self.jump_to, pitch.key),
                escaped(pitch.applicant),
            )
            for number, pitch in enumerate(self.view.session.queue, start=1)
        ]
        amend = PaletteCommand(
            t("ui.cmd_amend"), partial(self.run_action, "amend_session"), t("ui.cmd_amend_help")
        )
        return [*jumps, *binding_commands(self, self.shown_bindings()), amend]

    def compose(self) -> ComposeResult:
        # The terminal's size is known already: the layout classes set before the
        # widgets are styled, so a small terminal's first resize restyles nothing.
        self._size_classes(self.app.size.width, self.app.size.height)
        yield Static(id="topbar")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                with Horizontal(id="pitch-row"):
                    yield PitchCard(id="card")
                    yield PitchTimer(id="timer")
                yield ScoreGrid(id="grid")
                yield Static(id="entry")
            with Horizontal(id="side"):
                with VerticalScroll(id="ranking-box"):
                    yield RankingPanel(id="ranking")
                with VerticalScroll(id="journal-box"):
                    yield Journal(id="journal")
        yield CompactFooter()

    def on_mount(self) -> None:
        grid = self.query_one(ScoreGrid)
        grid.saver = self.save_typed
        grid.keyed_actions = {
            key: getattr(self, f"action_{b.action}")
            for b in CHAIR_BINDINGS
            if hasattr(self, f"action_{b.action}")
            for key in b.key.split(",")
        }
        self.reload()
        self._unwatch = self.store.changes.subscribe(self.other_wrote)
        self.set_interval(0.5, self.tick)
        first = self._first
        if first is not None and first.ready():  # in this very frame
            self._first = None
            self._show_first(first)
        else:
            self.refresh_ranking()

    def on_unmount(self) -> None:
        self._unwatch()
        self._closed = True
        if self._first is not None:
            self._first.close()
        if self.feed is not None:
            self.feed.close()

    def on_resize(self, event: events.Resize) -> None:
        if event.size == self._laid_out:
            # The terminal's size at start-up arrives once more after the screen is
            # laid out at it (Textual keeps the driver's first report and hands it on
            # when idle): laying out the same screen at the same size again was a
            # third of the work before the first frame.
            event.prevent_default()
            return
        self._laid_out = event.size
        self._size_classes(self.size.width, self.size.height, update=True)

    def _size_classes(self, width: int, height: int, *, update: bool = False) -> None:
        self.set_class(width < NARROW, "-narrow", update=update)
        self.set_class(height < 32, "-short", update=update)

    def on_screen_suspend(self) -> None:
        """A dialog or another screen opens: no entry warning stays over it."""
        self._suspended = True
        self.app.clear_notifications()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Back from a dialog or the ranking screen: show what changed meanwhile."""
        # Textual lays the screen out at the app's size now unless it already is.
        self._laid_out = self.app.size
        if not self._styled:
            # The first resume follows the mount at once: every widget was styled as
            # it was mounted; styling all of them again changes nothing.
            self._styled = True
            event.refresh_styles = False
        if self._suspended and self.view is not None:
            self._suspended = False
            self.reload()
            self.refresh_ranking()

    # -------------------------------------------------------------- loading
    def reload(self) -> None:
        """Read the open pitch again and show it (cursor and typing untouched)."""
        view = load_pitch_view(self.store)
        self.view = view
        info = view.session.session
        top = Text()
        top.append(one_line(info.title), style="bold")
        top.append("  " + t("ui.protocol", fingerprint=view.protocol[:12]), style="dim")
        if info.blind:
            top.append("  " + t("ui.badge_blind"), style="bold magenta")
        if view.timer.revealed:
            top.append("  " + t("ui.badge_revealed"), style="bold cyan")
        if top != self._top:  # one line high: a change needs no layout
            self._top = top
            self.query_one("#topbar", Static).update(top, layout=False)
        self.query_one(PitchCard).show(view)
        self.query_one(ScoreGrid).show(view)
        self.tick()
        self._show_journal()

    def _show_journal(self) -> None:
        assert self.view is not None
        events = self.store.events(newest_first=True, limit=JOURNAL_SIZE)
        timer_pitch = self.view.timer.pitch
        hidden = self.store.blind_hidden(timer_pitch) if timer_pitch else frozenset()
        self.query_one(Journal).show(events, self.view.session, set(self.undo_stack), hidden)

    def tick(self) -> None:
        if self.view is None:
            return
        info = self.view.session.session
        reading = clock.reading(
            self.view.timer,
            self.clock(),
            float(info.pitch_minutes),
            float(info.qa_minutes),
        )
        self.query_one(PitchTimer).reading = reading

    def other_wrote(self) -> None:
        """Show what other processes (stations, the CLI) committed."""
        self.reload()
        self.refresh_ranking()

    # -------------------------------------------------------------- ranking
    def refresh_ranking(self) -> None:
        """Bring the ranking panel up to date: at once when only scores changed since
        the last time (one pitch recomputed each), so the panel changes in the same
        frame as the grid; otherwise in the worker (at most one runs, a late change
        reruns it)."""
        quick = self._quick_ranking()
        if quick is not None:
            self._show_ranking(*quick)
            return
        if self._ranking_running:
            self._ranking_dirty = True
            return
        self._ranking_running = True
        self._ranking_dirty = False
        self.compute_ranking()

    def _quick_ranking(self) -> tuple[int, Ranking] | None:
        if self.feed is None:
            return None
        try:
            return self.feed.quick()
        except Exception:  # the worker computes it again and shows the error
            return None

    def _show_first(self, first: FirstRanking) -> None:
        """Show the child's first ranking now; build the feed after this frame."""
        got = first.result()
        first.close()
        if got is not None:
            self._show_ranking(*got)
        self._after_first_frame(self.refresh_ranking)  # no feed yet: the worker builds it

    def _live_feed(self) -> LiveFeed | None:
        """The feed, built on first use (in the worker: imports the engine), or None
        once the screen is gone."""
        if self.feed is None and not self._closed:
            from pitchroom.store.ranking import LiveFeed

            self.feed = LiveFeed(self.store.path)
        if self._closed and self.feed is not None:
            self.feed.close()  # on_unmount may have run before the feed existed
        return None if self._closed else self.feed

    @work(thread=True, exclusive=True, group="ranking", exit_on_error=False)
    def compute_ranking(self) -> None:
        """The official ranking: always the session's method (a what-if on the
        ranking screen never reaches this panel)."""
        worker = get_current_worker()
        method = None
        first, self._first = self._first, None
        if first is not None:  # the child's, begun before the screen: waits for it
            while not first.ready(0.05):
                if self._closed:  # the chair quit first: no need to wait for the child
                    first.close()
                    return
            got = first.result()
            first.close()
            if got is not None:
                self._feed_after_frame = True
                if not worker.is_cancelled:
                    self.post_message(RankingReady(got[1], method, False, got[0]))
                return
        try:
            feed = self._live_feed()
            if feed is None:
                return
            version, report = feed.ranked(method)
        except Exception as error:  # shown to the chair, never a crash
            self.post_message(RankingFailed(t("ui.ranking_failed", error=str(error))))
            return
        if not worker.is_cancelled:
            self.post_message(RankingReady(report, method, False, version))

    @on(RankingReady)
    def _ranking_ready(self, message: RankingReady) -> None:
        self._show_ranking(message.version, message.report)
        if self._feed_after_frame:  # the child's: the feed is built after this frame
            self._feed_after_frame = False
            self._after_first_frame(self.refresh_ranking)

    def _after_first_frame(self, callback: Callable[[], object]) -> None:
        """``callback`` once the app's first frame is drawn (Textual's Ready)."""
        later = getattr(self.app, "after_first_frame", None)
        if later is None:  # a host app without the hook
            self.call_after_refresh(callback)
        else:
            later(callback)

    def _show_ranking(self, version: int, report: Ranking) -> None:
        """Show ``report`` unless the panel already shows a newer one."""
        if version < self._ranking_version:
            return
        self._ranking_version = version
        self.shown_ranking = (version, report)
        assert self.view is not None
        session = self.view.session
        self.query_one(RankingPanel).show_report(
            report, session.session.currency, {p.key: p.name for p in session.pots}
        )

    @on(RankingFailed)
    def _ranking_failed(self, message: RankingFailed) -> None:
        self.query_one(RankingPanel).show_error(message.message)

    @on(Worker.StateChanged)
    def _ranking_finished(self, event: Worker.StateChanged) -> None:
        """Once the ranking worker has ended, run it again if data changed meanwhile."""
        if event.worker.group != "ranking" or not event.worker.is_finished:
            return
        self._ranking_running = False
        if self._ranking_dirty:
            self.refresh_ranking()
