"""A yes/no question. ``y`` confirms, ``n``/``escape`` cancel; ``enter`` presses the
focused button, which starts on the safe side (cancel)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce
from pitchroom.ui.text import strip


class ConfirmDialog(DismissOnce, TranslatedBindings, ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", N_("ui.yes"), id="confirm-yes", tooltip=N_("ui.tip_yes")),
        Binding("n,escape", "answer(False)", N_("ui.no"), id="confirm-no", tooltip=N_("ui.tip_no")),
    ]

    def __init__(self, title: str, message: str, *, yes: str | None = None) -> None:
        super().__init__(classes="dialog")
        self._title, self._message, self._yes = title, message, yes or t("ui.yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(strip(self._title), style="bold"), classes="dialog-title")
            yield Static(Text(strip(self._message)), classes="dialog-body")
            yield Static(Text(t("ui.confirm_keys"), style="dim"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, variant="warning", id="yes")
                yield Button(t("ui.cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no_pressed(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
