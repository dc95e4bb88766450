"""Tables that fit the terminal they are printed on.

At a terminal a table gets the terminal's width: a title is cut with an
ellipsis (never wrapped over lines), numbers and headers stay whole, and the
least needed columns make way before a title gets too short to read. A value
that may be long (a change in the log) wraps in its own column; nothing is cut.
Piped or redirected, the commands print tab-separated lines instead
(:func:`plain`), every value whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import click
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

GAP = 2
"""Columns between two columns (one space of padding on each side)."""
TITLE_MIN = 24
"""A title column narrower than this drops an optional column first."""
TITLE_FLOOR = 16
"""A title column narrower than this wraps the columns that may wrap (a status)."""


@dataclass
class Column:
    header: str
    justify: JustifyMethod = "left"
    optional: int = 0
    """0: always shown; otherwise dropped (highest first) when the title needs the room."""
    title: bool = False
    """The one column that takes what is left and cuts its text with an ellipsis."""
    wraps: bool = False
    """May wrap at spaces (a status, a reason) rather than keep its natural width."""
    cells: list[Text] = field(default_factory=list)

    def natural(self) -> int:
        return max([cell_len(self.header), *(cell_len(c.plain) for c in self.cells)])

    def narrowest(self) -> int:
        """The narrowest it can wrap to: its header and its longest word whole."""
        words = [w for c in self.cells for w in c.plain.split()]
        return max([cell_len(self.header), *(cell_len(w) for w in words)])


def say(console: Console, text: str) -> None:
    """A line of text: wrapped at words on a terminal, whole when piped."""
    if console.is_terminal:
        console.print(Text(text))
    else:
        click.echo(text)


def plain(title: str | None, columns: Sequence[Column]) -> None:
    """Tab-separated: the title (if any), the header, one line per row."""
    if title:
        click.echo(title)
    click.echo("\t".join(c.header for c in columns))
    for row in zip(*(c.cells for c in columns), strict=True):
        click.echo("\t".join(cell.plain for cell in row))


def fit(columns: Sequence[Column], width: int) -> tuple[list[Column], list[int]]:
    """The columns shown at ``width`` and their widths: the optional columns make
    way (highest first) until the title has :data:`TITLE_MIN` (or all it needs),
    then, only if the title would get less than :data:`TITLE_FLOOR`, the columns
    that may wrap narrow to their longest word; the title takes what is left."""
    shown = list(columns)
    while True:
        widths = [c.natural() for c in shown]
        index = next((i for i, c in enumerate(shown) if c.title), None)
        if index is None:
            return shown, widths
        need = min(TITLE_MIN, widths[index])
        room = width - (sum(widths) - widths[index] + GAP * (len(widths) - 1))
        optional = [c.optional for c in shown if c.optional]
        if room >= need or not optional:
            break
        drop = max(optional)
        shown = [c for c in shown if c.optional != drop]
    floor = min(TITLE_FLOOR, widths[index])
    for i, column in enumerate(shown):
        if column.wraps and room < floor:
            give = min(widths[i] - column.narrowest(), floor - room)
            widths[i] -= give
            room += give
    widths[index] = max(1, min(widths[index], room))
    return shown, widths


def table(
    columns: Sequence[Column], widths: Sequence[int], rows: Sequence[Sequence[Text]]
) -> Table:
    """A borderless table with these (fitted) columns and widths."""
    out = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    for column, width in zip(columns, widths, strict=True):
        out.add_column(
            column.header,
            justify=column.justify,
            width=width,
            no_wrap=not column.wraps,
            overflow="ellipsis" if column.title else "fold",
        )
    for row in rows:
        out.add_row(*row)
    return out


def rule(widths: Sequence[int], label: str, title: int) -> list[Text]:
    """A row drawn as a line across the table, ``label`` in the title column."""
    cells = [Text("─" * w, style="red") for w in widths]
    head = f"── {label} "
    cells[title] = Text(head + "─" * max(0, widths[title] - cell_len(head)), style="bold red")
    return cells


def entries(console: Console, columns: Sequence[Column], reason: str) -> None:
    """The log at a terminal: per event one line of its short fields (all columns
    but the last two), aligned, then its change and its reason (``reason`` is the
    label) each on their own lines, indented, wrapped at the terminal's width:
    a long value is never cut. When the short fields do not fit on one line, the
    last of them (the subject) goes on its own line too."""
    head, details = list(columns[:-2]), [columns[-2]]
    widths = [c.natural() for c in head]
    if sum(widths) + GAP * (len(widths) - 1) > console.width:
        details.insert(0, head.pop())
        widths.pop()
    why = columns[-1]
    indent = widths[0] + GAP

    def line(cells: Sequence[Text], style: str = "") -> Text:
        out = Text(style=style)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if i:
                out.append(" " * GAP)
            pad = width - cell_len(cell.plain)
            out.append_text(Text(" " * pad) + cell if i == 0 else cell + Text(" " * pad))
        out.rstrip()
        return out

    console.print(line([Text(c.header) for c in head], "bold"))
    for row, because in enumerate(why.cells):
        console.print(line([c.cells[row] for c in head]))
        lines = [c.cells[row] for c in details]
        if because.plain:
            lines.append(Text(f"{reason}: ") + because)
        for detail in lines:
            if detail.plain:
                console.print(Padding(detail, (0, 0, 0, indent)))
