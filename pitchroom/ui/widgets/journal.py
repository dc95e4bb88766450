"""The last changes, newest first; the chair's own undoable ones are marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from pitchroom.domain.definition import Session
from pitchroom.i18n import t
from pitchroom.service.eventtext import action_text, describe
from pitchroom.store.records import Event
from pitchroom.ui.widgets.in_place import update_in_place

__all__ = ["Journal", "action_text", "describe"]


class Journal(Static):
    def show(
        self,
        events: list[Event],
        session: Session,
        undoable: set[int],
        hidden: frozenset[tuple[str, str]],
    ) -> None:
        """``hidden``: (pitch, juror) pairs whose values blind mode hides
        (see ``Store.blind_hidden``): a station's, and the chair's over them."""
        text = Text()  # long entries wrap: a value is never cut off
        text.append(t("ui.journal_title") + "\n", style="bold")
        for event in events:
            hide = event.entity == "score" and (event.pitch, event.juror) in hidden
            mark = "↶ " if event.id in undoable else "  "
            stamp = event.at[11:16]
            text.append(f"{mark}{stamp} ", style="dim")
            text.append(
                describe(event, session, hide) + "\n", style="" if event.id in undoable else "dim"
            )
        update_in_place(self, text)  # a layout only when its height changes
