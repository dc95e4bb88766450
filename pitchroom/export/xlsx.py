"""The workbook: one sheet per table, through openpyxl (write-only, so big
sessions stream instead of building every cell in memory).

A big session's workbook (more than :data:`NATIVE_CELLS` cells) is written by
:mod:`pitchroom.export.xlsx_native` instead, the same sheets through a compiled
writer: openpyxl writes about 50,000 cells a second, and a session of 500,000
scores is ten million cells. Small ones stay here, where a whole number stays an
integer cell (the compiled writer stores ``1.0``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pitchroom.export.document import ExportDocument
from pitchroom.export.rowstream import Cell
from pitchroom.export.tables import Column, Table
from pitchroom.export.text import xlsx_text
from pitchroom.i18n import t

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

NATIVE_CELLS = 200_000
"""Cells (rows x columns, all sheets) above which the compiled writer writes the workbook."""
MAX_ROWS = 1_048_576
"""Excel's row limit; a longer table continues on a numbered sheet."""
WIDTHS = {
    "int": 8,
    "num": 10,
    "dec": 10,
    "money": 16,
    "key": 14,
    "time": 27,
    "hash": 66,
    "long": 40,
    "text": 18,
}
HEADER_COLOUR: Final = "DDE4EE"
"""The header row's fill (both writers)."""
LINE_COLOUR: Final = "C0392B"
LINE_STYLE: Final = "medium"
LINE_DASH: Final = "dash"
"""The funding line: the top border of its row, and the chart's dashed line (both writers)."""
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "CHF"}

DECIMALS = "0.00"
"""Computed means (scores, spreads, juror totals): the full value, shown to two decimals."""

Progress = Callable[[int], None]


def money_format(currency: str) -> str:
    """An Excel number format showing the currency (a literal, so any code works)."""
    symbol = SYMBOLS.get(currency.upper(), currency).replace('"', "").replace("\\", "")
    return f'"{symbol}" #,##0.00;-"{symbol}" #,##0.00'


def get_column_letter(index: int) -> str:
    """The column's letters (1 -> A, 27 -> AA), as in a cell reference."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_width(column: Column, rows: list[list[Cell]], index: int) -> float:
    """A column's width: by its kind, widened to its label and its first 200 values."""
    longest = len(column.label)
    for row in rows[:200]:
        value = row[index]
        if isinstance(value, str):
            longest = max(longest, len(value.split("\n", 1)[0]))
    return float(min(max(WIDTHS.get(column.kind, 14), longest + 2), 60))


def _sheet(wb: Workbook, title: str, table: Table) -> WriteOnlyWorksheet:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    ws: WriteOnlyWorksheet = wb.create_sheet(title[:31])
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    # Printed, a sheet is landscape and one page wide (as long as it needs).
    # Worksheet._setup gives a write-only sheet these at run time; the
    # types-openpyxl stub of WriteOnlyWorksheet does not declare them.
    layout: Any = ws
    layout.page_setup.orientation = "landscape"
    layout.page_setup.fitToWidth, layout.page_setup.fitToHeight = 1, 0
    layout.sheet_properties.pageSetUpPr.fitToPage = True
    for index, column in enumerate(table.columns):
        letter = get_column_letter(index + 1)
        layout.column_dimensions[letter].width = column_width(column, table.sample(), index)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, value=xlsx_text(column.label))
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_COLOUR)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    ws.append(header)
    return ws


CHART_ROWS = 200
"""At most this many ranked pitches (the top of the ranking) in the Ranking sheet's chart."""


def with_funding_line(doc: ExportDocument, table: Table) -> tuple[Table, int]:
    """The Ranking table with one more column, the score at the funding line of
    each row's pot (the score of the pot's first unfunded pitch; the session's
    when there are no pots), for the chart's line; and how many rows are ranked."""
    rows = doc.ranking.ranking
    scores = {r.pitch: r.score for r in rows}
    cut: dict[str | None, Cell] = {}
    if doc.ranking.pots:
        cut = {p.key: scores.get(p.first_unfunded or "") for p in doc.ranking.pots}
    else:
        cut = {None: scores.get(doc.ranking.first_unfunded or "")}
    extra = [
        cut.get(r.pot if doc.ranking.pots else None) if r.rank is not None else None for r in rows
    ]
    ranked = 0
    while ranked < len(rows) and rows[ranked].rank is not None:
        ranked += 1
    widened = Table(
        table.name,
        table.file,
        [*table.columns, Column(t("export.col_funding_line_score"), "dec")],
        [[*row, value] for row, value in zip(table.rows, extra, strict=True)],
        table.lines,
    )
    return widened, ranked


def ranking_chart(ws: WriteOnlyWorksheet, table: Table, ranked: int) -> None:
    """A native column chart of the ranked pitches' scores (the Score column, in
    rank order, titles as categories) with the funding line of each pitch's pot
    drawn as a line (the last column), placed to the right of the table."""
    from openpyxl.chart import BarChart, LineChart, Reference

    if ranked == 0:
        return
    labels = [c.label for c in table.columns]
    score = labels.index(t("export.col_score")) + 1
    title = labels.index(t("export.col_title")) + 1
    last = min(ranked, CHART_ROWS) + 1
    bars = BarChart()
    bars.type = "col"
    bars.title = t("export.chart_xlsx_title")
    bars.y_axis.title = t("export.col_score")
    bars.x_axis.title = t("export.chart_xlsx_axis")
    bars.add_data(Reference(ws, min_col=score, min_row=1, max_row=last), titles_from_data=True)
    categories = Reference(ws, min_col=title, min_row=2, max_row=last)
    bars.set_categories(categories)
    bars.legend.position = "b"
    line = LineChart()
    column = len(table.columns)
    line.add_data(Reference(ws, min_col=column, min_row=1, max_row=last), titles_from_data=True)
    line.set_categories(categories)
    line.series[0].graphicalProperties.line.solidFill = LINE_COLOUR
    line.series[0].graphicalProperties.line.dashStyle = LINE_DASH
    line.series[0].smooth = False
    bars += line
    bars.x_axis.delete = bars.y_axis.delete = False  # openpyxl 3.1 hides them otherwise
    bars.width, bars.height = 24, 12
    layout: Any = ws  # add_chart exists on write-only sheets; the stub does not say so
    layout.add_chart(bars, f"{get_column_letter(column + 2)}2")


def write_table(
    wb: Workbook, table: Table, currency_format: str, tick: Progress, chart: int | None = None
) -> None:
    """One table on its sheet(s); ``chart``: the ranked rows of the Ranking table to chart."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Border, Side

    line_border = Border(top=Side(style=LINE_STYLE, color=LINE_COLOUR))
    kinds = [c.kind for c in table.columns]
    formats = {
        i: currency_format if kind == "money" else DECIMALS
        for i, kind in enumerate(kinds)
        if kind in ("money", "dec")
    }
    styled = set(formats)
    part, ws, written = 1, _sheet(wb, table.name, table), 1
    if chart is not None:
        ranking_chart(ws, table, chart)
    checked = table.stream is not None and table.stream.checked
    every = (row for chunk in table.chunks(5_000) for row in chunk)
    for index, row in enumerate(every):
        if written >= MAX_ROWS:
            part += 1
            ws, written = _sheet(wb, f"{table.name[:27]} {part}", table), 1
        line = index in table.lines
        cells: list[object] = []
        for i, value in enumerate(row):
            if isinstance(value, str) and not checked:
                value = xlsx_text(value)
            if line or (i in styled and value is not None and not isinstance(value, str)):
                cell = WriteOnlyCell(ws, value=value)
                if i in styled and not isinstance(value, str):
                    cell.number_format = formats[i]
                if line:
                    cell.border = line_border
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)
        written += 1
        tick(1)


def native_writer() -> bool:
    """Whether the compiled writer is installed (a dependency; a venv made before it
    was one writes every workbook with openpyxl, slowly, until ``pip install -e .``)."""
    from importlib.util import find_spec

    return find_spec("rvgsrust_xlsxwriter") is not None


def write_xlsx(doc: ExportDocument, sheets: list[Table], path: Path, tick: Progress) -> None:
    """The workbook of ``sheets`` at ``path``; ``tick(n)`` as rows are written."""
    if sum(s.count() * len(s.columns) for s in sheets) > NATIVE_CELLS and native_writer():
        from pitchroom.export import xlsx_native

        xlsx_native.write_xlsx(doc, sheets, path, tick)
        return
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.title = doc.session.title
    wb.properties.creator = "pitchroom"
    wb.properties.subject = doc.protocol
    wb.properties.description = doc.audit.head_hash
    fmt = money_format(doc.session.currency)
    for table in sheets:
        if table.file == "ranking":
            widened, ranked = with_funding_line(doc, table)
            write_table(wb, widened, fmt, tick, chart=ranked)
        else:
            write_table(wb, table, fmt, tick)
    wb.save(path)
