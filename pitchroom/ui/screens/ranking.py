"""The full ranking: funding line, pending apart, money left, method switch, extras.

The ranking comes from one worker; the extras (intervals, bootstrap, fragile
flags) from a second, slower one, shown as "computing…" until they arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from pitchroom.domain.models import METHODS
from pitchroom.i18n import t
from pitchroom.store import Store
from pitchroom.ui import background
from pitchroom.ui.messages import RankingFailed, RankingReady
from pitchroom.ui.text import one_line
from pitchroom.ui.widgets.ranking_table import ranking_view

if TYPE_CHECKING:
    from pitchroom.ui.app import PitchroomApp


def _method_bindings() -> list[Binding]:
    return [Binding(str(i), f"set_method('{m}')", t("ui.key_method_n", method=m), show=False,
                    tooltip=t("ui.tip_method_n", method=m), id=f"ranking-method-{m}")
            for i, m in enumerate(METHODS, start=1)]


class RankingScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,k", "app.pop_screen", t("ui.key_back"), tooltip=t("ui.tip_back"),
                id="ranking-back"),
        Binding("m", "cycle_method", t("ui.key_method"), tooltip=t("ui.tip_method"),
                id="ranking-method"),
        *_method_bindings(),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__(id="ranking-screen")
        self.store = store
        self.report: dict[str, Any] | None = None
        self.extras: dict[str, Any] | None = None
        self._version = -1

    @property
    def pitchroom(self) -> PitchroomApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="ranking-title")
        with VerticalScroll(id="ranking-scroll"):
            yield Static(Text(t("ui.computing"), style="italic dim"), id="ranking-full")
        yield Footer()

    def on_mount(self) -> None:
        self._version = self.store.data_version()
        self.set_interval(0.5, self.poll)
        self.recompute()

    def poll(self) -> None:
        version = self.store.data_version()
        if version != self._version:
            self._version = version
            self.recompute()

    @property
    def method(self) -> str:
        return self.pitchroom.method or self.store.session.session.method

    def recompute(self) -> None:
        self._title()
        self.compute(self.method, False)
        self.compute_extras(self.method)

    def _title(self) -> None:
        info = self.store.session.session
        text = Text()
        text.append(t("ui.ranking_title", title=one_line(info.title)), style="bold")
        text.append("  " + t("ui.method_line", method=self.method,
                             methods=" ".join(f"{i}:{m}" for i, m in enumerate(METHODS, 1))),
                    style="dim")
        text.append("  " + t("ui.protocol", fingerprint=self.store.protocol()[:12]), style="dim")
        self.query_one("#ranking-title", Static).update(text)

    @work(thread=True, exclusive=True, group="ranking", exit_on_error=False)
    def compute(self, method: str, extras: bool) -> None:
        self._run(method, extras)

    @work(thread=True, exclusive=True, group="ranking-extras", exit_on_error=False)
    def compute_extras(self, method: str) -> None:
        self._run(method, True)

    def _run(self, method: str, extras: bool) -> None:
        worker = get_current_worker()
        try:
            report = background.compute_ranking(self.store.path, method, extras)
        except background.Unavailable as error:
            self.post_message(RankingFailed(str(error), extras))
            return
        except Exception as error:  # noqa: BLE001 - shown, never a crash
            self.post_message(RankingFailed(t("ui.ranking_failed", error=str(error)), extras))
            return
        if not worker.is_cancelled:
            self.post_message(RankingReady(report, method, extras))

    @on(RankingReady)
    def _ready(self, message: RankingReady) -> None:
        message.stop()
        if message.method != self.method:
            return
        if message.extras:
            self.extras = message.report
            if self.report is None:
                self.report = message.report
        else:
            self.report = message.report
            if self.extras and self.extras.get("method") != message.report.get("method"):
                self.extras = None
        self._show()

    @on(RankingFailed)
    def _failed(self, message: RankingFailed) -> None:
        message.stop()
        if message.extras and self.report is not None:
            self.extras = {"ranking": []}
            self._show()
            return
        self.query_one("#ranking-full", Static).update(
            Text(one_line(message.message), style="italic yellow"))

    def _show(self) -> None:
        if self.report is None:
            return
        currency = self.store.session.session.currency
        self.query_one("#ranking-full", Static).update(
            ranking_view(self.report, compact=False, extras=self.extras, currency=currency))

    def action_set_method(self, method: str) -> None:
        self.pitchroom.method = method
        self.report = self.extras = None
        self.query_one("#ranking-full", Static).update(Text(t("ui.computing"), style="italic"))
        self.recompute()

    def action_cycle_method(self) -> None:
        index = METHODS.index(self.method) if self.method in METHODS else -1
        self.action_set_method(METHODS[(index + 1) % len(METHODS)])
