"""Pick an export format."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce, SafeOptionList

FORMATS = ("xlsx", "csv", "json", "md", "html")


class ExportDialog(DismissOnce, TranslatedBindings, ModalScreen[str | None]):
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("ui.cancel"), id="export-cancel", tooltip=N_("ui.tip_cancel")
        )
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("ui.export_title"), style="bold"), classes="dialog-title")
            yield SafeOptionList(
                *(Option(Text(t(f"ui.export_{fmt}")), id=fmt) for fmt in FORMATS), id="formats"
            )

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
