"""The workbook of a big session, through rvgsrust-xlsxwriter (Python bindings over
the Rust ``rust_xlsxwriter``): the same sheets, formats, chart and properties as
:mod:`pitchroom.export.xlsx` writes with openpyxl, about 20 times faster.

Rows without a styled cell go to the writer a slice at a time (``write_rows``,
one call per slice); the few with a number format or the funding line are
written cell by cell. Big sheets stream through a temporary file
(``constant_memory``), so memory stays flat. What the writer cannot express:
a whole number is stored as ``1.0`` (the same number to Excel and LibreOffice;
openpyxl reads it back as a float), and text longer than Excel's 32,767
characters is cut there (Excel would refuse the file otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pitchroom.export import xlsx
from pitchroom.export.document import ExportDocument
from pitchroom.export.rowstream import Cell
from pitchroom.export.tables import Table
from pitchroom.export.text import _XLSX_ILLEGAL, FORMULA_START, xlsx_text
from pitchroom.i18n import t

if TYPE_CHECKING:
    from rvgsrust_xlsxwriter import Format, Workbook, Worksheet

Progress = Callable[[int], None]

SLICE = 5_000
"""Rows handed to the writer in one call (and one progress tick)."""
STREAMED = 20_000
"""Sheets of more rows than this stream through a temporary file."""
FRAME = 50_000
"""Rows of a table with columns (:attr:`Streamed.columns`) handed to the writer at once."""
MAX_TEXT = 32_767
"""Excel's limit of characters in a cell."""
CHART_WIDTH, CHART_HEIGHT = 907, 454
"""The chart's size in pixels: openpyxl's 24 x 12 cm at 96 dpi."""


class _Formats:
    """The cell formats of one workbook: header, number formats, the funding line."""

    def __init__(self, wb: Workbook, currency_format: str) -> None:
        self.header = wb.add_format()
        self.header.set_bold()
        self.header.set_background_color("#" + xlsx.HEADER_COLOUR)
        self.header.set_pattern("solid")
        self.header.set_text_wrap()
        self.header.set_vertical_align("top")
        self.line = self._line(wb)
        self.number: dict[tuple[str, bool], Format] = {}
        for kind, code in (("money", currency_format), ("dec", xlsx.DECIMALS)):
            plain = wb.add_format()
            plain.set_num_format(code)
            lined = self._line(wb)
            lined.set_num_format(code)
            self.number[(kind, False)], self.number[(kind, True)] = plain, lined

    @staticmethod
    def _line(wb: Workbook) -> Format:
        fmt = wb.add_format()
        fmt.set_top_border(xlsx.LINE_STYLE)
        fmt.set_border_top_color("#" + xlsx.LINE_COLOUR)
        return fmt


_STARTS = re.compile("\n[" + re.escape("".join(FORMULA_START)) + "]")
"""A text that starts like a formula, in texts joined by newlines (each text's first
character follows one; a newline inside a text only adds a false alarm)."""


def _suspect(texts: list[str] | tuple[str, ...]) -> bool:
    """Whether any of ``texts`` may need :func:`xlsx_text`: one starts like a formula,
    holds a control character an .xlsx cell cannot hold, or is longer than a cell
    holds. Searched at once in the joined texts; most hold only printable
    characters, which ``str.isprintable`` tells at C speed."""
    whole = "".join(texts)
    return (
        _STARTS.search("\n" + "\n".join(texts)) is not None
        or (not whole.isprintable() and _XLSX_ILLEGAL.search(whole) is not None)
        or (len(whole) > MAX_TEXT and max(map(len, texts)) > MAX_TEXT)
    )


def _texts(column: tuple[Cell, ...]) -> list[str] | tuple[str, ...]:
    """The texts of a column (most columns are all text, or all numbers)."""
    kinds = set(map(type, column))
    if kinds == {str}:
        return cast("tuple[str, ...]", column)
    if kinds == {str, type(None)}:
        return cast("list[str]", list(filter(None, column)))  # None and "" dropped
    if not any(issubclass(kind, str) for kind in kinds):
        return ()
    return [v for v in column if isinstance(v, str)]


def _text(value: str) -> str:
    return xlsx_text(value)[:MAX_TEXT]


def _cleaned(rows: list[list[Cell]]) -> list[list[Cell]]:
    """``rows`` with every text made safe as :func:`xlsx_text` makes it, checked a
    column at a time: the texts of a column are joined and searched once, and only
    a column where something looks suspect is gone through cell by cell."""
    fix: list[int] = []
    for index, column in enumerate(zip(*rows, strict=True)):
        texts = _texts(column)
        if texts and _suspect(texts):
            fix.append(index)
    if not fix:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for index in fix:
            value = row[index]
            if isinstance(value, str):
                row[index] = _text(value)
        out.append(row)
    return out


def arrow() -> bool:
    """Whether the Arrow way in can be used (nanoarrow, a dependency, is installed)."""
    from pitchroom.export.xlsx_arrow import available

    return available()


def _sheet(wb: Workbook, title: str, table: Table, rows: int, formats: _Formats) -> Worksheet:
    ws = wb.add_worksheet(title[:31], constant_memory=rows > STREAMED)
    ws.freeze_panes(1, 0)
    ws.set_repeat_rows(0, 0)
    # Printed, a sheet is landscape and one page wide (as long as it needs).
    ws.set_landscape()
    ws.set_print_fit_to_pages(1, 0)
    for index, column in enumerate(table.columns):
        ws.set_column_width(index, xlsx.column_width(column, table.sample(), index))
    for index, column in enumerate(table.columns):
        ws.write(0, index, _text(column.label), formats.header)
    return ws


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def ranking_chart(ws: Worksheet, sheet: str, table: Table, ranked: int) -> None:
    """The column chart of the ranked pitches' scores with each pot's funding line
    drawn as a dashed line (the last column), right of the table; as
    :func:`pitchroom.export.xlsx.ranking_chart`."""
    import rvgsrust_xlsxwriter as rx

    if ranked == 0:
        return
    labels = [c.label for c in table.columns]
    letter = xlsx.get_column_letter
    score = letter(labels.index(t("export.col_score")) + 1)
    title = letter(labels.index(t("export.col_title")) + 1)
    funding = letter(len(table.columns))
    last = min(ranked, xlsx.CHART_ROWS) + 1
    name = _quoted(sheet)
    categories = f"{name}!${title}$2:${title}${last}"

    def series(column: str) -> rx.ChartSeries:
        one = rx.ChartSeries()
        one.set_values(f"{name}!${column}$2:${column}${last}")
        one.set_categories(categories)
        one.set_name(f"={name}!${column}$1")
        return one

    bars = rx.Chart("column")
    bars.push_series(series(score))
    bars.set_title_name(t("export.chart_xlsx_title"))
    bars.set_y_axis_name(t("export.col_score"))
    bars.set_x_axis_name(t("export.chart_xlsx_axis"))
    bars.set_legend_position("bottom")
    line = rx.Chart("line")
    cut = series(funding)
    style = rx.ChartFormat()
    style.set_line_color("#" + xlsx.LINE_COLOUR)
    style.set_line_dash_type(xlsx.LINE_DASH)
    cut.set_format(style)
    cut.set_smooth(False)
    line.push_series(cut)
    bars.combine(line)
    bars.set_width(CHART_WIDTH)
    bars.set_height(CHART_HEIGHT)
    ws.insert_chart(1, len(table.columns) + 1, bars)


def write_table(
    wb: Workbook, table: Table, formats: _Formats, tick: Progress, chart: int | None = None
) -> None:
    """One table on its sheet(s), continued on numbered sheets past Excel's row
    limit, as :func:`pitchroom.export.xlsx.write_table`."""
    styled = {i: c.kind for i, c in enumerate(table.columns) if c.kind in ("money", "dec")}
    limit = xlsx.MAX_ROWS - 1  # rows under the header on one sheet
    if not styled and not table.lines:  # the big tables: slices, nothing per row
        _write_plain(wb, table, formats, tick, chart)
        return
    total = len(table.rows)
    for part, start in enumerate(range(0, max(total, 1), limit), 1):
        title = table.name if part == 1 else f"{table.name[:27]} {part}"
        rows = table.rows[start : start + limit]
        ws = _sheet(wb, title, table, len(rows), formats)
        if part == 1 and chart is not None:
            ranking_chart(ws, title[:31], table, chart)
        pending: list[list[Cell]] = []
        first = 1  # the sheet row of pending[0]
        for offset, row in enumerate(rows):
            index = start + offset
            line = index in table.lines
            if not line and not any(
                row[i] is not None and not isinstance(row[i], str) for i in styled
            ):
                if not pending:
                    first = offset + 1
                pending.append(row)
                if len(pending) >= SLICE:
                    ws.write_rows(first, 0, _cleaned(pending))
                    tick(len(pending))
                    pending = []
                continue
            if pending:
                ws.write_rows(first, 0, _cleaned(pending))
                tick(len(pending))
                pending = []
            _write_styled(ws, offset + 1, row, styled, line, formats)
            tick(1)
        if pending:
            ws.write_rows(first, 0, _cleaned(pending))
            tick(len(pending))


def _write_plain(
    wb: Workbook, table: Table, formats: _Formats, tick: Progress, chart: int | None
) -> None:
    """A table without a styled cell, a slice (or streamed chunk) per writer call,
    continued on a numbered sheet every ``MAX_ROWS - 1`` rows."""
    limit = xlsx.MAX_ROWS - 1
    total = table.count()

    def sheet(part: int) -> Worksheet:
        title = table.name if part == 1 else f"{table.name[:27]} {part}"
        ws = _sheet(wb, title, table, min(limit, max(total - (part - 1) * limit, 0)), formats)
        if part == 1 and chart is not None:
            ranking_chart(ws, title[:31], table, chart)
        return ws

    stream = table.stream
    checked = stream is not None and stream.checked
    if stream is not None and stream.columns and checked and total <= limit and arrow():
        from pitchroom.export.xlsx_arrow import Frame

        ws = sheet(1)
        for at in range(0, total, FRAME):
            stop = min(at + FRAME, total)
            ws.write_dataframe(at + 1, 0, Frame(stream.columns(at, stop)), write_header=False)
            tick(stop - at)
        stream.close()
        return
    part, written, ws = 1, 0, sheet(1)
    for chunk in table.chunks(SLICE):
        at = 0
        while at < len(chunk):
            if written == limit:
                part, written = part + 1, 0
                ws = sheet(part)
            piece = chunk[at : at + limit - written]
            ws.write_rows(written + 1, 0, piece if checked else _cleaned(piece))
            tick(len(piece))
            written, at = written + len(piece), at + len(piece)


def _write_styled(
    ws: Worksheet,
    at: int,
    row: list[Cell],
    styled: dict[int, str],
    line: bool,
    formats: _Formats,
) -> None:
    """A row with a number format or the funding line: cell by cell, each with its
    format (an empty cell on the line still carries the line)."""
    for col, value in enumerate(row):
        if isinstance(value, str):
            value = _text(value)
        kind = styled.get(col)
        if kind is not None and value is not None and not isinstance(value, str):
            ws.write(at, col, value, formats.number[(kind, line)])
        elif line:
            ws.write(at, col, value, formats.line)
        elif value is not None:
            ws.write(at, col, value)


def write_xlsx(doc: ExportDocument, sheets: list[Table], path: Path, tick: Progress) -> None:
    from rvgsrust_xlsxwriter import Workbook

    wb = Workbook()
    wb.set_properties(
        title=doc.session.title,
        author="pitchroom",
        subject=doc.protocol,
        comments=doc.audit.head_hash,
    )
    formats = _Formats(wb, xlsx.money_format(doc.session.currency))
    for table in sheets:
        if table.file == "ranking":
            widened, ranked = xlsx.with_funding_line(doc, table)
            write_table(wb, widened, formats, tick, chart=ranked)
        else:
            write_table(wb, table, formats, tick)
    wb.close(str(path))
