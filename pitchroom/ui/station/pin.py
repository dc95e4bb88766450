"""A PIN lock in front of a station (``pitchroom juror --pin``)."""

from __future__ import annotations

import hmac

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from pitchroom.i18n import t
from pitchroom.ui.guard import DismissOnce


class PinScreen(DismissOnce, ModalScreen[None]):
    """Covers the station until the right PIN is typed; cannot be dismissed otherwise."""

    DEFAULT_CSS = """
    PinScreen { align: center middle; background: $background 95%; }
    PinScreen > Vertical { width: 50; height: auto; border: round $primary;
                           padding: 1 2; background: $panel; }
    PinScreen Input { margin-top: 1; }
    PinScreen #pin-error { color: $error; height: auto; }
    """
    BINDINGS = [("escape", "ignore", "")]

    def __init__(self, pin: str) -> None:
        super().__init__()
        self.pin = pin

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(t("station.pin_prompt")))
            yield Input(password=True, id="pin", placeholder=t("station.pin_placeholder"))
            yield Static(id="pin-error")

    def action_ignore(self) -> None:
        """Escape does not open a locked station."""

    @on(Input.Submitted, "#pin")
    def _check(self, event: Input.Submitted) -> None:
        event.stop()
        if hmac.compare_digest(event.value.encode(), self.pin.encode()):
            self.dismiss(None)
            return
        event.input.value = ""
        self.query_one("#pin-error", Static).update(Content(t("station.pin_wrong")))
