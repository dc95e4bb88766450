"""``PitchroomApp``: the chair's full-screen app, and the factory tests use.

The app owns the session's :class:`Store` (opened in :func:`make_app`, so a
bad file is reported before the screen takes over the terminal), the clock
(injectable, so tests freeze time) and the app-wide keys; screens do the rest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.screen import Screen

from pitchroom.i18n import N_, choose, set_language, t
from pitchroom.service.chair import ChairService
from pitchroom.store import Store
from pitchroom.store.watch import POLL_SECONDS
from pitchroom.ui.bindings import TranslatedBindings, binding
from pitchroom.ui.guard import GuardedApp
from pitchroom.ui.screens.chair import ChairScreen
from pitchroom.ui.text import escaped

if TYPE_CHECKING:
    from textual.command import Provider

    from pitchroom.ui.prefetch import FirstRanking

Clock = Callable[[], dt.datetime]
DARK, LIGHT = "textual-dark", "textual-light"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def screen_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from pitchroom.ui.commands import ScreenCommands

    return ScreenCommands


class PitchroomApp(GuardedApp, TranslatedBindings, App[None]):
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {screen_commands}
    BINDINGS = [
        binding("ctrl+q", "quit", N_("ui.key_quit"), N_("ui.tip_quit"), "app-quit", priority=True),
        binding("f1", "show_help", N_("ui.key_help"), N_("ui.tip_help"), "app-help"),
        binding("f2", "toggle_theme", N_("ui.key_theme"), N_("ui.tip_theme"), "app-theme"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock | None = None,
        actor: str = "chair",
        language: str | None = None,
        first: FirstRanking | None = None,
    ) -> None:
        # Before the bindings are built, so the footer is in the session's language.
        set_language(choose(language, store.session.session.language))
        super().__init__()
        self.store = store
        self.first = first
        """The chair screen's first ranking, already under way (:mod:`pitchroom.ui.prefetch`)."""
        self.clock: Clock = clock or utcnow
        self.actor = actor
        self.theme = DARK
        self._file_problem_shown = False
        self.first_frame: Callable[[], None] | None = None
        """Called once, after the chair screen's first frame (``pitchroom open``)."""
        self.drawn = False
        """The first frame is on the terminal (Textual's Ready has arrived)."""
        self._after_drawn: list[Callable[[], object]] = []

    def get_default_screen(self) -> Screen[None]:
        """The chair screen is the app's first screen (not pushed over Textual's
        empty default one)."""
        # Pushed from on_mount, it was mounted and laid out while Textual still held
        # its start-up batch: that first frame was rendered and thrown away, and the
        # whole screen laid out and rendered again (0.05 s at the demo size).
        first, self.first = self.first, None
        return ChairScreen(ChairService(self.store, self.actor), self.clock, first)

    def on_mount(self) -> None:
        self.title = self.store.session.session.title
        self.set_interval(POLL_SECONDS, self.poll_store)

    def on_ready(self) -> None:
        """The first frame is drawn: what waited for it runs now."""
        # Not call_after_refresh from on_mount: while the chair screen is being
        # mounted it is not yet the current screen, and a callback queued then ran
        # some 0.07 s before the first frame was painted (the feed's import of the
        # engine then took the interpreter's lock from the first layout).
        self.drawn = True
        self._first_frame_drawn()
        waiting, self._after_drawn = self._after_drawn, []
        for callback in waiting:
            self.call_next(callback)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first frame is drawn (after the next refresh,
        if it already is)."""
        if self.drawn:
            self.call_after_refresh(callback)
        else:
            self._after_drawn.append(callback)

    def _first_frame_drawn(self) -> None:
        drawn, self.first_frame = self.first_frame, None
        if drawn is not None:
            drawn()

    def poll_store(self) -> None:
        """Tell the screens what other connections committed; say once, and until
        dismissed, if the database's files were removed or replaced under us."""
        changes = self.store.changes
        changes.check()  # looks at the files' identity too
        problem = changes.file_problem()
        if problem is not None and not self._file_problem_shown:
            self._file_problem_shown = True
            self.notify(escaped(problem), severity="error", timeout=24 * 3600)

    def on_unmount(self) -> None:
        try:
            self.store.checkpoint()
        finally:
            self.store.close()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme != LIGHT else DARK

    def action_show_help(self) -> None:
        from pitchroom.ui.screens.help import HelpScreen  # on F1, not before the first frame

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.shown_bindings()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(t("ui.cmd_theme"), t("ui.tip_theme"), self.action_toggle_theme)
        yield SystemCommand(t("ui.key_help"), t("ui.tip_help"), self.action_show_help)
        yield SystemCommand(t("ui.key_quit"), t("ui.tip_quit"), self.exit)


_HANDED_OVER: dict[Path, tuple[Store | None, FirstRanking | None]] = {}
"""What :func:`handed_over` gives :func:`make_app` for a database, by its resolved path."""


@contextlib.contextmanager
def handed_over(db_path: Path, store: Store | None, first: FirstRanking | None) -> Iterator[None]:
    """Within the block, :func:`make_app` on ``db_path`` takes over ``store`` (that
    database, already opened by ``pitchroom open``: not opened and checked twice)
    and ``first`` (its first ranking, already under way); what it did not take is
    closed when the block ends."""
    key = Path(db_path).resolve()
    _HANDED_OVER[key] = (store, first)
    try:
        yield
    finally:
        left_store, left_first = _HANDED_OVER.pop(key, (None, None))
        if left_first is not None:
            left_first.close()
        if left_store is not None:
            left_store.close()


def make_app(
    db_path: Path,
    *,
    clock: Clock | None = None,
    actor: str = "chair",
    language: str | None = None,
) -> PitchroomApp:
    """The chair app on the database at ``db_path`` (raises ``StoreError`` if unusable)."""
    store, first = _HANDED_OVER.pop(Path(db_path).resolve(), (None, None))
    try:
        if store is None:
            store = Store.open(Path(db_path), clock=clock or utcnow)
        try:  # the scan of every score done by a child beside Textual's import, if forked
            store.check_record(first.damaged_scores if first is not None else None)
        except Exception:
            store.close()
            raise
    except BaseException:
        if first is not None:
            first.close()
        raise
    return PitchroomApp(store, clock=clock, actor=actor, language=language, first=first)
