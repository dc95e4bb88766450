"""The chair decides a tie at the funding line: the tied pitches in order, and why.

The chair picks the pitch that goes first, then the next (``enter`` picks the
highlighted one; the last one left joins by itself), then gives the reason.
Saving calls ``save(order, reason)``, which returns a refusal message or None:
a refusal shows here and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce, SafeOptionList
from pitchroom.ui.text import one_line, strip

TieSaver = Callable[[list[str], str], str | None]
"""Save (order, reason); returns the refusal message, or None when saved."""


class TieDialog(DismissOnce, TranslatedBindings, ModalScreen[list[str] | None]):
    """Dismisses with the saved order, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("ui.cancel"), id="tie-cancel", tooltip=N_("ui.tip_cancel"))
    ]

    def __init__(self, pitches: list[tuple[str, str]], save: TieSaver) -> None:
        super().__init__(classes="dialog", id="tie-dialog")
        self._pitches = [(key, one_line(title)) for key, title in pitches]
        self._titles = dict(self._pitches)
        self._save = save
        self.order: list[str] = []
        """The pitches chosen so far, first first."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("ui.tie_title"), style="bold"), classes="dialog-title")
            yield Static(Text(t("ui.tie_body")), classes="dialog-body")
            yield Static(id="tie-order")
            yield SafeOptionList(id="tie-choices")
            yield Input(placeholder=t("ui.reason_required"), id="reason")
            yield Static("", id="tie-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.save"), variant="primary", id="save")
                yield Button(t("ui.tie_restart"), id="restart")
                yield Button(t("ui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        remaining = [(k, title) for k, title in self._pitches if k not in self.order]
        if len(remaining) == 1:
            self.order.append(remaining[0][0])
            remaining = []
        order = self.query_one("#tie-order", Static)
        if self.order:
            text = Text(t("ui.tie_order"), style="bold")
            for i, k in enumerate(self.order, start=1):
                text.append("\n" + t("ui.tie_order_item", number=i, title=self._titles[k]))
            order.update(text)
        order.display = bool(self.order)
        choices = self.query_one("#tie-choices", OptionList)
        choices.clear_options()
        choices.add_options([Option(Text(title), id=key) for key, title in remaining])
        choices.display = bool(remaining)
        if remaining:
            choices.highlighted = 0
            choices.focus()
        else:
            self.query_one("#reason", Input).focus()

    @on(OptionList.OptionSelected, "#tie-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id not in self.order:
            self.order.append(event.option.id)
            self._refresh()

    @on(Button.Pressed, "#restart")
    def _restart(self) -> None:
        self.order = []
        self.query_one("#tie-error", Static).update("")
        self._refresh()

    def _error(self, message: str) -> None:
        message = one_line(message)
        self.query_one("#tie-error", Static).update(Text(message[:1].upper() + message[1:]))

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        if len(self.order) < len(self._pitches):
            self._error(t("ui.tie_incomplete"))
            return
        reason = strip(self.query_one("#reason", Input).value).strip()
        if not reason:
            self._error(t("ui.reason_missing"))
            return
        refused = self._save(list(self.order), reason)
        if refused:
            self._error(refused)
            return
        self.dismiss(list(self.order))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
