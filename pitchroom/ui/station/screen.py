"""The station screen: what a juror sees and types.

The station follows the pitch the chair has open (through the store's change
watcher, :mod:`pitchroom.store.watch`), shows the timer read-only and a form for
this juror's scores and comment, and never shows another juror's values.
Scores are saved with the actor ``station:<juror>``.

When the chair moves on while the juror has unsaved entries, the station
stays on the old pitch with a banner until the entries are saved or discarded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from pitchroom.domain.clock import TimerState
from pitchroom.domain.definition import Juror
from pitchroom.i18n import N_, t
from pitchroom.store import Store
from pitchroom.store.station_queries import StationSnapshot, station_snapshot
from pitchroom.ui.bindings import TranslatedBindings, binding
from pitchroom.ui.station.form import ScoreForm
from pitchroom.ui.station.pitch_card import PitchCard
from pitchroom.ui.station.saving import save_entries
from pitchroom.ui.station.timer import TimerBox, timer_reading
from pitchroom.ui.text import content_line, escaped, one_line

Now = Callable[[], dt.datetime]
TICK_SECONDS = 0.5
"""How often the timer is redrawn."""


def _nothing() -> None:
    """Nothing to stop: the screen never started watching the store."""


class StationScreen(TranslatedBindings, Screen[None]):
    """The station: the open pitch, the timer, this juror's form."""

    BINDINGS = [
        binding(
            "ctrl+s",
            "save_scores",
            N_("station.bind_save"),
            N_("station.bind_save_tip"),
            "save-scores",
            priority=True,
        ),
        binding(
            "escape",
            "discard_entries",
            N_("station.bind_discard"),
            N_("station.bind_discard_tip"),
            "discard-entries",
        ),
    ]

    def __init__(self, store: Store, juror: Juror, *, now: Now) -> None:
        super().__init__()
        self.store = store
        self.juror = juror
        self.now = now
        self.shown: str | None = None
        """The pitch the form is for (normally the chair's open pitch)."""
        self.snapshot: StationSnapshot | None = None
        self._timer: TimerState | None = None
        self._unwatch: Callable[[], None] = _nothing

    # ---------------------------------------------------------------- build
    def compose(self) -> ComposeResult:
        session = self.store.session
        yield Static(
            Content(
                t(
                    "station.header",
                    session=one_line(session.session.title),
                    juror=one_line(self.juror.name),
                )
            ),
            id="top",
        )
        with Horizontal(id="pitch-row"):
            yield PitchCard(id="pitch-card")
            yield TimerBox(id="timer")
        yield Static(id="banner")
        yield Static(id="note")
        yield ScoreForm(session.criteria, session.session.scale, id="form")
        yield Footer()

    def on_mount(self) -> None:
        if not self.query(ScoreForm):
            return  # the app quit before this screen's widgets mounted: nothing to show
        self.refresh_from_store()
        self.query_one(ScoreForm).focus_first_open()
        self.set_interval(TICK_SECONDS, self._tick)
        self._unwatch = self.store.changes.subscribe(self._changed)

    def on_unmount(self) -> None:
        self._unwatch()

    # ------------------------------------------------------------- refresh
    def _changed(self) -> None:
        """Another connection committed: follow the chair."""
        self.refresh_from_store()
        self._tick()

    def refresh_from_store(self) -> None:
        """Show the record as it is now (the open pitch, this juror's scores)."""
        form = self.query_one(ScoreForm)
        self._timer = self.store.timer()
        chair = self._timer.pitch
        if chair != self.shown and (self.shown is None or not form.dirty):
            moved = self.shown is not None
            self.shown = chair
            form.reset()
            self._load(station_snapshot(self.store, self.juror.key, self.shown))
            if moved:
                form.focus_first_open()
        else:
            self._load(station_snapshot(self.store, self.juror.key, self.shown))
        self._show_banner(chair)

    def _load(self, snapshot: StationSnapshot) -> None:
        self.snapshot = snapshot
        header = snapshot.header
        self.query_one(PitchCard).show(header)
        form = self.query_one(ScoreForm)
        note = self.query_one("#note", Static)
        message, can_score, read_only = self._situation(snapshot)
        note.update(content_line(message))
        note.display = bool(message)
        note.set_class(not can_score, "-blocking")
        form.display = can_score
        form.load(snapshot.scores, snapshot.comment, read_only=read_only)
        self._tick()

    def _situation(self, snapshot: StationSnapshot) -> tuple[str, bool, bool]:
        """(note, show the form, read-only) for this juror on this pitch."""
        header = snapshot.header
        if header.pitch is None:
            return "", False, True
        if snapshot.recused:
            reason = self.store.recusals().get((header.pitch.key, self.juror.key), "")
            if reason.strip():
                return t("station.recused", reason=one_line(reason)), False, True
            return t("station.recused_no_reason"), False, True
        if snapshot.absent:
            return t("station.absent"), False, True
        if header.withdrawn:
            return t("station.withdrawn"), False, True
        if header.closed:
            return t("station.closed"), True, True
        return "", True, False

    def _show_banner(self, chair: str | None) -> None:
        banner = self.query_one("#banner", Static)
        session = self.store.session
        if chair == self.shown or self.shown is None:
            banner.display = False
            return
        new = session.pitch(chair) if chair else None
        old = session.pitch(self.shown)
        banner.update(
            content_line(
                t(
                    "station.chair_moved",
                    new=one_line(new.title if new else "-"),
                    old=one_line(old.title if old else self.shown),
                )
            )
        )
        banner.display = True

    def _tick(self) -> None:
        """Redraw the timer from the last stored state and the time now."""
        timer = self.query_one(TimerBox)
        state = self._timer
        if state is None or state.pitch is None or state.pitch != self.shown:
            timer.show(None)
            return
        timer.show(timer_reading(self.store.session, state, self.now()))

    # -------------------------------------------------------------- saving
    @on(ScoreForm.SaveRequested)
    def _save(self, event: ScoreForm.SaveRequested) -> None:
        event.stop()
        self.save(event.only, advance_from=event.advance_from, text=event.text)

    def action_save_scores(self) -> None:
        self.save(None)

    def save(
        self, only: str | None, *, advance_from: str | None = None, text: str | None = None
    ) -> None:
        snapshot = self.snapshot
        form = self.query_one(ScoreForm)
        if snapshot is None or snapshot.pitch is None or not form.display:
            return
        if form.query_one("#comment").disabled:
            return
        scores, comment = form.entries(only, text)
        if not scores and comment is None:
            if only is None:
                self.notify(escaped(t("station.nothing_to_save")), timeout=3)
                self.refresh_from_store()
            elif advance_from:
                form.focus_after(advance_from)
            return
        outcomes = save_entries(
            self.store,
            self.juror.key,
            snapshot.pitch.key,
            scores,
            comment,
            snapshot.scores,
            snapshot.comment,
        )
        self._load(station_snapshot(self.store, self.juror.key, snapshot.pitch.key))
        self.refresh_from_store()  # follows the chair once nothing is unsaved
        form.show_outcomes(outcomes, scores)
        if all(message is None for message in outcomes.values()):
            if advance_from:
                form.focus_after(advance_from)
            elif only is None:
                self.notify(
                    escaped(t("station.saved_all", pitch=one_line(snapshot.pitch.title))),
                    timeout=3,
                )

    def action_discard_entries(self) -> None:
        form = self.query_one(ScoreForm)
        if form.dirty:
            form.reset()
            self.notify(escaped(t("station.discarded")), timeout=3)
        self.refresh_from_store()
