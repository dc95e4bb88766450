"""The jury's decision on a pitch: award / reserve / reject, amount, motivation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from pitchroom.domain.definition import DECISIONS
from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce
from pitchroom.ui.text import strip


@dataclass(frozen=True)
class DecisionInput:
    decision: str | None
    """None withdraws the decision."""
    amount: Decimal | None
    motivation: str


class DecisionDialog(DismissOnce, TranslatedBindings, ModalScreen[DecisionInput | None]):
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("ui.cancel"), id="decision-cancel", tooltip=N_("ui.tip_cancel")
        )
    ]

    def __init__(self, title: str, current: DecisionInput | None = None) -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._current = current

    def compose(self) -> ComposeResult:
        current = self._current
        with Vertical(classes="dialog-box"):
            yield Static(Text(strip(self._title), style="bold"), classes="dialog-title")
            with RadioSet(id="decision"):
                for key in DECISIONS:
                    yield RadioButton(
                        t(f"ui.decision_{key}"),
                        id=f"d-{key}",
                        value=bool(current and current.decision == key),
                    )
            yield Input(
                "" if not current or current.amount is None else str(current.amount),
                placeholder=t("ui.amount_placeholder"),
                id="amount",
            )
            yield Input(
                strip(current.motivation) if current else "",
                placeholder=t("ui.motivation_placeholder"),
                id="motivation",
            )
            yield Static("", id="decision-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.save"), variant="primary", id="save")
                yield Button(t("ui.decision_clear"), id="clear")
                yield Button(t("ui.cancel"), id="cancel")

    def _error(self, key: str) -> None:
        self.query_one("#decision-error", Static).update(Text(t(key)))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            self._error(N_("ui.decision_pick"))
            return
        decision = pressed.id.removeprefix("d-")
        raw = self.query_one("#amount", Input).value.strip().replace(" ", "").replace("_", "")
        amount = None
        if raw:
            try:
                amount = Decimal(raw)
            except InvalidOperation:
                self._error("ui.amount_bad")
                return
        motivation = strip(self.query_one("#motivation", Input).value).strip()
        if not motivation:
            self._error(N_("ui.motivation_missing"))
            return
        self.dismiss(DecisionInput(decision, amount, motivation))

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(DecisionInput(None, None, ""))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
