"""Amend the session from the chair screen: the edited session file and a reason.

The dialog calls ``apply(path, reason)``, which returns the problems (one line
each: a bad file, a refused change) or an empty list when the amendment was
made; it stays open showing the problems, so the chair can fix the file and
try again, and closes on success.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.text import strip

Amender = Callable[[str, str], list[str]]
"""``(path, reason) -> problems``; no problems means it was applied."""


class AmendDialog(TranslatedBindings, ModalScreen[bool]):
    """Dismisses with True once amended, False on cancel."""

    BINDINGS = [
        Binding("escape", "cancel", N_("ui.cancel"), id="amend-cancel", tooltip=N_("ui.tip_cancel"))
    ]

    def __init__(self, apply: Amender, path: str = "") -> None:
        super().__init__(classes="dialog")
        self._apply, self._path = apply, path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("ui.amend_title"), style="bold"), classes="dialog-title")
            yield Static(Text(t("ui.amend_body")), classes="dialog-body")
            yield Input(strip(self._path), placeholder=t("ui.amend_file"), id="amend-file")
            yield Input(placeholder=t("ui.amend_reason"), id="amend-reason")
            yield Static("", id="amend-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.ok"), variant="primary", id="ok")
                yield Button(t("ui.cancel"), id="cancel")

    @on(Input.Submitted, "#amend-file")
    def _to_reason(self) -> None:
        self.query_one("#amend-reason", Input).focus()

    @on(Input.Submitted, "#amend-reason")
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        path = self.query_one("#amend-file", Input).value.strip()
        reason = self.query_one("#amend-reason", Input).value.strip()
        error = self.query_one("#amend-error", Static)
        if not path:
            error.update(Text(t("ui.amend_need_file")))
            self.query_one("#amend-file", Input).focus()
            return
        if not reason:
            error.update(Text(t("ui.amend_need_reason")))
            self.query_one("#amend-reason", Input).focus()
            return
        problems = self._apply(path, reason)
        if problems:
            error.update(Text("\n".join(strip(p) for p in problems)))
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
