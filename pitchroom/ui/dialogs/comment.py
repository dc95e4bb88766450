"""A juror's comment on the pitch; an empty comment clears it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from pitchroom.i18n import N_, t
from pitchroom.ui.bindings import TranslatedBindings
from pitchroom.ui.guard import DismissOnce
from pitchroom.ui.text import strip


class CommentDialog(DismissOnce, TranslatedBindings, ModalScreen[str | None]):
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("ui.cancel"), id="comment-cancel", tooltip=N_("ui.tip_cancel")
        ),
        Binding("ctrl+s", "save", N_("ui.save"), id="comment-save", tooltip=N_("ui.tip_comment")),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__(classes="dialog")
        self._title, self._text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(strip(self._title), style="bold"), classes="dialog-title")
            yield TextArea(strip(self._text), id="comment", soft_wrap=True)
            yield Static(Text(t("ui.comment_hint"), style="dim"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.save"), variant="primary", id="save")
                yield Button(t("ui.cancel"), id="cancel")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(strip(self.query_one("#comment", TextArea).text))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
