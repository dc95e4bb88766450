"""``pitchroom juror``: one juror's own scoring station.

The app holds the store and the juror; the work is in
:class:`~pitchroom.ui.station.screen.StationScreen`. With a PIN, a lock screen
covers the station until the PIN is typed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from pitchroom.i18n import N_, t, use
from pitchroom.store import Store
from pitchroom.store.station_queries import station_juror
from pitchroom.store.watch import POLL_SECONDS
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import GuardedApp
from pitchroom.ui.station.pin import PinScreen
from pitchroom.ui.station.screen import Now, StationScreen


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StationApp(GuardedApp, TranslatedBindings, App[None]):
    """A juror's station on one session database."""

    CSS_PATH = "station.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            N_("station.bind_quit"),
            tooltip=N_("station.bind_quit_tip"),
            id="quit",
        ),
    ]

    def __init__(
        self, store: Store, juror: str, *, now: Now = utcnow, pin: str | None = None
    ) -> None:
        # Before the bindings are built: the station speaks the session's language.
        use(store.session.session.language)
        super().__init__()
        self.store = store
        self.juror = station_juror(store, juror)
        self.station = StationScreen(store, self.juror, now=now)
        self.pin = pin
        self.title = t("station.title")

    def get_default_screen(self) -> StationScreen:
        return self.station

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.store.changes.check)
        if self.pin:
            self.push_screen(PinScreen(self.pin))


def make_station_app(
    db: Path, juror: str, *, now: Now = utcnow, pin: str | None = None
) -> StationApp:
    """The station for ``juror`` on ``db`` (raises ``StoreError``/``RuleError``)."""
    store = Store.open(db)
    try:
        return StationApp(store, juror, now=now, pin=pin)
    except Exception:
        store.close()
        raise
