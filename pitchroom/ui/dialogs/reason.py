"""Ask for a (possibly optional) reason: reopening, revising, recusing."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce
from pitchroom.ui.text import strip


class ReasonDialog(DismissOnce, TranslatedBindings, ModalScreen[str | None]):
    """Dismisses with the reason (maybe ``""`` when optional), or None on cancel."""

    BINDINGS = [
        Binding(
            "escape", "cancel", N_("ui.cancel"), id="reason-cancel", tooltip=N_("ui.tip_cancel")
        )
    ]

    def __init__(self, title: str, message: str, *, required: bool = True, value: str = "") -> None:
        super().__init__(classes="dialog")
        self._title, self._message, self._required, self._value = (title, message, required, value)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(strip(self._title), style="bold"), classes="dialog-title")
            yield Static(Text(strip(self._message)), classes="dialog-body")
            yield Input(
                strip(self._value),
                placeholder=t(
                    N_("ui.reason_required") if self._required else N_("ui.reason_optional")
                ),
                id="reason",
            )
            yield Static("", id="reason-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.ok"), variant="primary", id="ok")
                yield Button(t("ui.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if self._required and not reason:
            self.query_one("#reason-error", Static).update(Text(t("ui.reason_missing")))
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
