"""The bare Textual reference: a header, a footer and an N-row DataTable.

    python bench/reference/table_app.py ROWS

What a chair screen costs at the least: Textual's start-up, one table of ROWS
rows and a footer. Digits then enter write the typed number into the first
row's Score cell (the reference for "a typed score to the screen redrawn").
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header


class TableApp(App[None]):
    TITLE = "Reference table"
    BINDINGS = [Binding("f1", "help_quit", "Help"), Binding("ctrl+q", "quit", "Quit")]

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.typed = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="cell")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.score_column = table.add_columns("Pitch", "Applicant", "Score", "Status")[2]
        for i in range(self.rows):
            table.add_row(f"Row {i}", f"Applicant {i}", f"{i % 10}", "open", key=f"r{i}")

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.character and event.character.isdigit():
            self.typed += event.character
            event.stop()
        elif event.key == "enter" and self.typed:
            self.query_one(DataTable).update_cell("r0", self.score_column, self.typed)
            self.typed = ""
            event.stop()

    def action_help_quit(self) -> None:
        self.exit()


if __name__ == "__main__":
    TableApp(int(sys.argv[1]) if len(sys.argv) > 1 else 60).run()
