"""The workbook: one sheet per table, through openpyxl (write-only, so big
sessions stream instead of building every cell in memory)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pitchroom.export.document import ExportDocument
from pitchroom.export.tables import Cell, Column, Table
from pitchroom.export.text import xlsx_text

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
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "CHF"}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
LINE = Border(top=Side(style="medium", color="C0392B"))

DECIMALS = "0.00"
"""Computed means (scores, spreads, juror totals): the full value, shown to two decimals."""

Progress = Callable[[int], None]


def money_format(currency: str) -> str:
    """An Excel number format showing the currency (a literal, so any code works)."""
    symbol = SYMBOLS.get(currency.upper(), currency).replace('"', "").replace("\\", "")
    return f'"{symbol}" #,##0.00;-"{symbol}" #,##0.00'


def _width(column: Column, rows: list[list[Cell]], index: int) -> float:
    longest = len(column.label)
    for row in rows[:200]:
        value = row[index]
        if isinstance(value, str):
            longest = max(longest, len(value.split("\n", 1)[0]))
    return float(min(max(WIDTHS.get(column.kind, 14), longest + 2), 60))


def _sheet(wb: Workbook, title: str, table: Table) -> WriteOnlyWorksheet:
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
        layout.column_dimensions[letter].width = _width(column, table.rows, index)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, value=xlsx_text(column.label))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    ws.append(header)
    return ws


def write_table(wb: Workbook, table: Table, currency_format: str, tick: Progress) -> None:
    kinds = [c.kind for c in table.columns]
    formats = {
        i: currency_format if kind == "money" else DECIMALS
        for i, kind in enumerate(kinds)
        if kind in ("money", "dec")
    }
    styled = set(formats)
    part, ws, written = 1, _sheet(wb, table.name, table), 1
    for index, row in enumerate(table.rows):
        if written >= MAX_ROWS:
            part += 1
            ws, written = _sheet(wb, f"{table.name[:27]} {part}", table), 1
        line = index in table.lines
        cells: list[object] = []
        for i, value in enumerate(row):
            if isinstance(value, str):
                value = xlsx_text(value)
            if line or (i in styled and value is not None and not isinstance(value, str)):
                cell = WriteOnlyCell(ws, value=value)
                if i in styled and not isinstance(value, str):
                    cell.number_format = formats[i]
                if line:
                    cell.border = LINE
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)
        written += 1
        tick(1)


def write_xlsx(doc: ExportDocument, sheets: list[Table], path: Path, tick: Progress) -> None:
    wb = Workbook(write_only=True)
    wb.properties.title = doc.session.title
    wb.properties.creator = "pitchroom"
    wb.properties.subject = doc.protocol
    wb.properties.description = doc.audit.head_hash
    fmt = money_format(doc.session.currency)
    for table in sheets:
        write_table(wb, table, fmt, tick)
    wb.save(path)
