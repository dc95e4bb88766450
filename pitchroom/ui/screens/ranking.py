"""The full ranking: funding line, pending apart, money left, method switch, extras.

The ranking comes from one worker; the extras (intervals, bootstrap, fragile
flags, Kendall's W, the jurors' leniency) from a second, slower one, shown as
"computing…" until they arrive. Below the table: the tie notice, the funding
line per pot, the reserve list and the jurors. The chair decides a tie at the
line (``x``) and moves leftover money between pots (``o``/``$``) from here.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from pitchroom.domain.consensus.result import Ranking, num
from pitchroom.i18n import N_, formats, t
from pitchroom.service.chair import ChairService
from pitchroom.store import RuleError, Store
from pitchroom.ui import background
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.commands import PaletteCommand, binding_commands
from pitchroom.ui.dialogs.tie import TieDialog
from pitchroom.ui.dialogs.transfer import PotChoice, Transfer, TransferDialog
from pitchroom.ui.guard import DismissOnce
from pitchroom.ui.messages import RankingFailed, RankingReady
from pitchroom.ui.screens.ranking_method import MethodChoice, method_bindings
from pitchroom.ui.text import escaped, one_line
from pitchroom.ui.widgets.chart_view import ChartView
from pitchroom.ui.widgets.ranking_funding import funding_view
from pitchroom.ui.widgets.ranking_jurors import jurors_view
from pitchroom.ui.widgets.ranking_rows import titles
from pitchroom.ui.widgets.ranking_table import ranking_head, ranking_table


class RankingScreen(DismissOnce, TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding(
            "escape,k",
            "back",
            N_("ui.key_back"),
            tooltip=N_("ui.tip_back"),
            id="ranking-back",
        ),
        Binding(
            "m",
            "cycle_method",
            N_("ui.key_method"),
            tooltip=N_("ui.tip_method"),
            id="ranking-method",
        ),
        Binding(
            "x",
            "decide_tie",
            N_("ui.key_decide_tie"),
            tooltip=N_("ui.tip_decide_tie"),
            id="ranking-decide-tie",
        ),
        Binding(
            "o,dollar_sign",
            "move_money",
            N_("ui.key_move_money"),
            tooltip=N_("ui.tip_move_money"),
            id="ranking-move-money",
        ),
        Binding(
            "j",
            "toggle_jurors",
            N_("ui.key_jurors"),
            tooltip=N_("ui.tip_jurors"),
            id="ranking-jurors",
        ),
        Binding(
            "g",
            "toggle_charts",
            N_("ui.key_charts"),
            tooltip=N_("ui.tip_charts"),
            id="ranking-charts",
        ),
    ]

    def palette_commands(self) -> list[PaletteCommand]:
        return binding_commands(self, self.shown_bindings())

    def runtime_bindings(self) -> list[Binding]:
        return method_bindings()

    def __init__(self, store: Store, chair: ChairService) -> None:
        super().__init__(id="ranking-screen")
        self.store = store
        self.chair = chair
        """Ties and transfers are the chair's actions (who acts, logged)."""
        self.report: Ranking | None = None
        self.extras: Ranking | None = None
        self._extras_failed = False
        self.methods = MethodChoice(lambda: self.store.session.session.method)
        """The session's method, or a what-if viewed here only (never official)."""

    def compose(self) -> ComposeResult:
        yield Static(id="ranking-title")
        yield Static(id="what-if")
        with VerticalScroll(id="ranking-scroll"):
            yield Static(Text(t("ui.computing"), style="italic dim"), id="ranking-full")
            yield Static(id="ranking-funding")
            yield Static(id="ranking-jurors")
        yield ChartView(self.store.path, id="ranking-charts")
        yield Footer()

    def on_mount(self) -> None:
        self._unwatch = self.store.changes.subscribe(self.recompute)
        self.recompute()

    def on_unmount(self) -> None:
        self._unwatch()

    def on_resize(self) -> None:
        self._show()

    def _table_width(self) -> int:
        """The room for the table (the columns that do not fit are left out).

        The scrollbar's room is always kept: it comes and goes with the content.
        """
        scroll = self.query_one("#ranking-scroll", VerticalScroll)
        spare = scroll.styles.gutter.width + scroll.styles.scrollbar_size_vertical
        return max(self.size.width - spare, 40)

    @property
    def what_if(self) -> str | None:
        """Another method viewed here (None: the session's own)."""
        return self.methods.what_if

    @property
    def method(self) -> str:
        return self.methods.method

    def recompute(self) -> None:
        self._title()
        self.compute(self.method)
        self.compute_extras(self.method)

    def _title(self) -> None:
        info = self.store.session.session
        text = Text()
        text.append(t("ui.ranking_title", title=one_line(info.title)), style="bold")
        text.append("  " + self.methods.line(), style="dim")
        banner = self.query_one("#what-if", Static)
        banner.update(self.methods.banner())
        banner.set_class(self.what_if is not None, "-shown")
        text.append("  " + t("ui.protocol", fingerprint=self.store.protocol()[:12]), style="dim")
        self.query_one("#ranking-title", Static).update(text)

    @work(thread=True, exclusive=True, group="ranking", exit_on_error=False)
    def compute(self, method: str) -> None:
        self._run(method, False)

    @work(thread=True, exclusive=True, group="ranking-extras", exit_on_error=False)
    def compute_extras(self, method: str) -> None:
        self._run(method, True)

    def _run(self, method: str, extras: bool) -> None:
        worker = get_current_worker()
        try:
            report = background.compute_ranking(self.store.path, method, extras)
        except Exception as error:  # shown, never a crash
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
            self._extras_failed = False
            if self.report is None:
                self.report = message.report
        else:
            self.report = message.report
            if self.extras is not None and self.extras.method != message.report.method:
                self.extras = None
        self._show()

    @on(RankingFailed)
    def _failed(self, message: RankingFailed) -> None:
        message.stop()
        if message.extras and self.report is not None:
            # Shown as extras that hold nothing: "—" instead of "computing…".
            self.extras = Ranking(method="", rows=(), budget=None, left=None, first_unfunded=None)
            self._extras_failed = True
            self._show()
            return
        self.query_one("#ranking-full", Static).update(
            Text(one_line(message.message), style="italic yellow")
        )

    def _show(self) -> None:
        if self.report is None:
            return
        session = self.store.session
        currency = session.session.currency
        self.query_one("#ranking-full", Static).update(
            Group(
                ranking_head(self.report, self.extras, waiting=True),
                ranking_table(
                    self.report,
                    compact=False,
                    extras=self.extras,
                    currency=formats.currency(currency),
                    width=self._table_width(),
                    pot_names={p.key: p.name for p in session.pots},
                ),
            )
        )
        self.query_one("#ranking-funding", Static).update(
            funding_view(
                self.report,
                currency,
                {p.key: p.name for p in session.pots},
                {c.key: (c.name, c.threshold) for c in session.criteria if c.threshold is not None},
            )
        )
        self.query_one("#ranking-jurors", Static).update(
            jurors_view(
                [(j.key, j.name) for j in session.scoring_jurors],
                self.extras,
                failed=self._extras_failed,
            )
        )
        scale = session.session.scale
        self.query_one(ChartView).update_report(
            self.report,
            self.extras,
            version=self.store.data_version(),
            scale=(float(scale.min), float(scale.max)),
            jurors=[(j.key, j.name) for j in session.scoring_jurors],
            pots={p.key: p.name or p.key for p in session.pots},
        )

    def action_back(self) -> None:
        """Back to the chair screen (a second, queued escape does nothing)."""
        self.dismiss()

    def action_set_method(self, method: str) -> None:
        self.methods.choose(method)
        self.report = self.extras = None
        self._extras_failed = False
        self.query_one("#ranking-full", Static).update(Text(t("ui.computing"), style="italic"))
        self.recompute()

    def action_cycle_method(self) -> None:
        self.action_set_method(self.methods.following())

    # ------------------------------------------------------ chair decisions
    def say(self, message: str, severity: SeverityLevel = "information") -> None:
        """Notify with ``message`` shown literally (it may carry user text)."""
        self.notify(escaped(message), severity=severity, markup=True)

    def _changed(self) -> None:
        """After a write of ours (the change watcher sees only other connections')."""
        self.recompute()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_money":
            return bool(self.store.session.pots)
        return True

    def action_toggle_jurors(self) -> None:
        panel = self.query_one("#ranking-jurors", Static)
        panel.display = not panel.display

    def action_toggle_charts(self) -> None:
        """The chart view (``g``) in place of the table, and back."""
        charts = self.query_one(ChartView)
        charts.display = not charts.display
        self.query_one("#ranking-scroll").display = not charts.display
        if charts.display:
            charts.focus()

    def _refused_under_what_if(self) -> bool:
        """Ties and transfers are decided on the official ranking only."""
        refusal = self.methods.refusal()
        if refusal is not None:
            self.say(refusal, "warning")
        return refusal is not None

    def action_decide_tie(self) -> None:
        if self._refused_under_what_if():
            return
        if self.report is None:
            self.say(t("ui.tie_wait"))
            return
        ties = self.report.ties_at_line
        if not ties:
            self.say(t("ui.tie_none"))
            return
        names = titles(self.report)
        group = [str(key) for key in ties[0]]

        def save(order: list[str], reason: str) -> str | None:
            try:
                self.chair.decide_tie(order, reason)
            except RuleError as error:
                return error.message
            return None

        def done(order: list[str] | None) -> None:
            if order:
                self._changed()
                self.say(t("ui.tie_decided", order=" › ".join(names.get(k, k) for k in order)))

        self.app.push_screen(TieDialog([(k, names.get(k, k)) for k in group], save), done)

    def action_move_money(self) -> None:
        session = self.store.session
        if not session.pots:
            self.say(t("ui.no_pots"))
            return
        if self._refused_under_what_if():
            return
        known = {p.key: p for p in self.report.pots} if self.report is not None else {}
        choices = []
        for pot in session.pots:
            found = known.get(pot.key)
            choices.append(
                PotChoice(
                    pot.key,
                    pot.name,
                    None if found is None else Decimal(str(num(found.left))),
                    bool(found and found.first_unfunded),
                )
            )

        def save(transfer: Transfer) -> str | None:
            try:
                self.chair.transfer(
                    transfer.source, transfer.target, transfer.amount, transfer.reason
                )
            except RuleError as error:
                return error.message
            return None

        def done(transfer: Transfer | None) -> None:
            if transfer is not None:
                self._changed()
                pots = {p.key: one_line(p.name or p.key) for p in session.pots}
                self.say(
                    t(
                        "ui.transferred",
                        currency=one_line(formats.currency(session.session.currency)),
                        amount=formats.amount(transfer.amount),
                        source=pots[transfer.source],
                        target=pots[transfer.target],
                    )
                )

        self.app.push_screen(TransferDialog(choices, session.session.currency, save), done)
