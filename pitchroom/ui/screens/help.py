"""F1: every key of the screen below, with what it does."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce


def keys_table(screen: Screen[object], app_bindings: Sequence[Binding]) -> Table:
    table = Table(box=None, padding=(0, 2), show_header=True, expand=True)
    table.add_column(t("ui.help_key"), style="bold", no_wrap=True)
    table.add_column(t("ui.help_action"))
    table.add_column(t("ui.help_detail"), style="dim")
    seen: set[tuple[str, str]] = set()
    own = screen.shown_bindings() if isinstance(screen, TranslatedBindings) else []
    for binding in [*own, *app_bindings]:
        if not binding.description:
            continue
        keys = ", ".join(
            screen.app.get_key_display(Binding(k.strip(), binding.action))
            for k in binding.key.split(",")
        )
        if (keys, binding.description) in seen:
            continue
        seen.add((keys, binding.description))
        table.add_row(Text(keys), Text(binding.description), Text(binding.tooltip or ""))
    return table


class HelpScreen(DismissOnce, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding(
            "escape,f1,q",
            "dismiss",
            N_("ui.key_close_help"),
            id="help-close",
            tooltip=N_("ui.tip_close_help"),
        )
    ]

    def __init__(self, screen: Screen[object], app_bindings: Sequence[Binding]) -> None:
        super().__init__(classes="dialog")
        self.keys = keys_table(screen, app_bindings)
        """Key, action and detail of every binding shown (a rich Table)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="help-box"):
            yield Static(Text(t("ui.help_title"), style="bold"), classes="dialog-title")
            yield Static(self.keys)
            yield Static(Text(t("ui.help_entry"), style="italic"))
