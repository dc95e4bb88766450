"""A rich table that remembers its cells, so redrawing a ranking after one score costs
little: the live panel redraws a 40-row table on every saved score, and rich renders
every cell anew each time (about 80% of the chair's frame after Enter at the demo size).

:class:`FastTable` is a :class:`rich.table.Table` whose cells are wrapped in
:class:`Memo` (their measurement and rendering are kept in a small shared cache, by
what the cell shows and the width it gets), and whose rows are put together here as
rich's own ``Table._render`` would: the same widths (rich's own calculation), the
same padding, styles and box lines. Tables it does not handle (a title, a footer,
edges, lines between rows) are rendered by rich itself. tests/ui/test_fast_table.py
compares the output with rich's, character and style, over many tables and widths.

:class:`Prerendered` keeps the segments of a whole renderable per width, so that
Textual's height measure and its drawing of the same content render it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

from pitchroom.ui.widgets.table_lines import table_cell_line

CACHE_LIMIT = 20_000
"""Cached cells (measurements and renders) before the caches start afresh."""

_measures: dict[tuple[Any, ...], Measurement] = {}
_padded: dict[tuple[Any, ...], Measurement] = {}
_renders: dict[tuple[Any, ...], list[list[Segment]]] = {}
_row_renders: dict[tuple[Any, ...], list[Segment]] = {}


def _key(cell: object) -> tuple[Any, ...] | None:
    """What a cell shows, as a hashable key; None for cells not cached."""
    if isinstance(cell, str):
        return ("s", cell)
    if isinstance(cell, Text):
        return (
            "t",
            cell.plain,
            str(cell.style),
            tuple(cell.spans),
            cell.justify,
            cell.overflow,
            cell.no_wrap,
            cell.end,
            cell.tab_size,
        )
    return None


class Memo:
    """A table cell (a ``str`` or a ``Text``) whose measurement and segments are cached
    by its look and the options it is rendered with."""

    __slots__ = ("key", "renderable")

    def __init__(self, renderable: str | Text, key: tuple[Any, ...]) -> None:
        self.renderable = renderable
        self.key = key

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        key = (id(console), self.key, options.max_width, options.min_width)
        found = _measures.get(key)
        if found is None:
            if len(_measures) > CACHE_LIMIT:
                _measures.clear()
            found = _measures[key] = Measurement.get(console, options, self.renderable)
        return found

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return console.render(self.renderable, options)


def memo(cell: RenderableType | None) -> RenderableType | None:
    """``cell`` as a :class:`Memo` when it is text (other renderables as they are)."""
    key = _key(cell)
    if key is None or not isinstance(cell, str | Text):
        return cell
    return Memo(cell, key)


class FastTable(Table):
    """A :class:`rich.table.Table` that renders its rows from cached cells."""

    def add_row(self, *renderables: RenderableType | None, **options: Any) -> None:
        super().add_row(*(memo(r) for r in renderables), **options)

    def _measure_column(
        self, console: Console, options: ConsoleOptions, column: Column
    ) -> Measurement:
        """``Table._measure_column``, with each padded cell's measurement cached."""
        max_width = options.max_width
        if max_width < 1 or column.width is not None:
            return super()._measure_column(console, options, column)
        padding_width = self._get_padding_width(column._index)
        lows: list[int] = []
        highs: list[int] = []
        for cell in self._get_cells(console, column._index, column):
            low, high = _padded_measure(console, options, cell.renderable)
            lows.append(low)
            highs.append(high)
        measurement = Measurement(
            max(lows) if lows else 1, max(highs) if highs else max_width
        ).with_maximum(max_width)
        return measurement.clamp(
            None if column.min_width is None else column.min_width + padding_width,
            None if column.max_width is None else column.max_width + padding_width,
        )

    def _plain(self) -> bool:
        """Whether this table is one :meth:`__rich_console__` puts together itself."""
        return (
            self.box is not None
            and not self.show_edge
            and not self.show_footer
            and not self.show_lines
            and not self.leading
            and not self.title
            and not self.caption
            and bool(self.columns)
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self._plain():
            yield from super().__rich_console__(console, options)
            return
        max_width = options.max_width if self.width is None else self.width
        extra = self._extra_width
        widths = self._calculate_column_widths(console, options.update_width(max_width - extra))
        render_options = options.update(
            width=sum(widths) + extra, highlight=self.highlight, height=None
        )
        yield from self._rows(console, render_options, widths)

    def _rows(self, console: Console, options: ConsoleOptions, widths: list[int]) -> RenderResult:
        """What ``Table._render`` yields for a table without edges, footer or row lines."""
        get_style = console.get_style
        border = get_style(self.style or "") + get_style(self.border_style or "")
        assert self.box is not None
        box = self.box.substitute(
            options, safe=self.safe_box if self.safe_box is not None else console.safe_box
        )
        box = box if self.show_header else box.get_plain_headed_box()
        dividers = (box.head_vertical, box.mid_vertical, box.foot_vertical)
        columns = self.columns
        cells = [list(self._get_cells(console, i, c)) for i, c in enumerate(columns)]
        rows = list(zip(*cells, strict=True))
        new_line = Segment.line()
        last_index = len(rows) - 1
        table_key = (
            id(console),
            options.markup,
            tuple(widths),
            box,
            border,
            tuple((c.justify, c.no_wrap, c.overflow, c.highlight) for c in columns),
        )
        for index, row_cells in enumerate(rows):
            header = index == 0 and self.show_header
            row = None if header else self.rows[index - self.show_header]
            row_style = (
                Style.null()
                if header
                else get_style(self.get_row_style(console, index - self.show_header))
            )
            # A row is kept by what it shows: its cells' looks and styles, its place
            # (first, last, between: the dividers), its rules and the table's widths.
            key = _row_key(
                table_key,
                row_cells,
                row_style,
                header,
                0 if index == 0 else (2 if index == last_index else 1),
                row is not None and row.end_section and index != last_index,
                get_style,
            )
            found = _row_renders.get(key) if key is not None else None
            if found is not None:
                yield from found
                continue
            out: list[Segment] = []
            rendered = [
                _cell_lines(
                    console, options, width, cell, column, get_style(cell.style) + row_style
                )
                for width, cell, column in zip(widths, row_cells, columns, strict=True)
            ]
            tallest = max(len(lines) for lines in rendered)
            height = max(1, tallest)  # an empty row is one line high
            if any(len(lines) != 1 for lines in rendered):
                rendered = [
                    Segment.set_shape(
                        _aligned(lines, cell.vertical, header, width, tallest, style),
                        width,
                        height,
                    )
                    for width, cell, lines, style in zip(
                        widths,
                        row_cells,
                        rendered,
                        [get_style(c.style) + row_style for c in row_cells],
                        strict=True,
                    )
                ]
            text = dividers[0 if index == 0 else (2 if index == last_index else 1)]
            divider = Segment(text, border if text.strip() else row_style.background_style + border)
            for line_no in range(height):
                for number, lines in enumerate(rendered):
                    out.extend(lines[line_no])
                    if number < len(rendered) - 1:
                        out.append(divider)
                out.append(new_line)
            if header:
                out.append(Segment(box.get_row(widths, "head", edge=False), border))
                out.append(new_line)
            if row is not None and row.end_section and index != last_index:
                out.append(Segment(box.get_row(widths, "row", edge=False), border))
                out.append(new_line)
            if key is not None:
                if len(_row_renders) > CACHE_LIMIT:
                    _row_renders.clear()
                # Kept as fewer, longer segments (neighbours of one style joined): the
                # same characters and styles, less for Textual to cut into lines later.
                out = _row_renders[key] = list(Segment.simplify(out))
            yield from out


def _row_key(
    table_key: tuple[Any, ...],
    row_cells: tuple[Any, ...],
    row_style: Style,
    header: bool,
    place: int,
    rule: bool,
    get_style: Any,
) -> tuple[Any, ...] | None:
    """What one row of the table shows, or None when a cell is not a :class:`Memo`."""
    looks = []
    for cell in row_cells:
        padded = cell.renderable
        inner = getattr(padded, "renderable", None)
        if not isinstance(inner, Memo):
            return None
        looks.append(
            (
                inner.key,
                (padded.top, padded.right, padded.bottom, padded.left),
                str(padded.style),
                get_style(cell.style),
                cell.vertical,
            )
        )
    return (table_key, tuple(looks), row_style, header, place, rule)


def _padded_measure(console: Console, options: ConsoleOptions, padded: Any) -> Measurement:
    """``Measurement.get`` of one padded cell (cached when the cell is a :class:`Memo`)."""
    inner = getattr(padded, "renderable", None)
    if not isinstance(inner, Memo):
        return Measurement.get(console, options, padded)
    key = (
        id(console),
        inner.key,
        (padded.top, padded.right, padded.bottom, padded.left),
        options.max_width,
        options.min_width,
    )
    found = _padded.get(key)
    if found is None:
        if len(_padded) > CACHE_LIMIT:
            _padded.clear()
        found = _padded[key] = Measurement.get(console, options, padded)
    return found


def _cell_lines(
    console: Console,
    options: ConsoleOptions,
    width: int,
    cell: Any,
    column: Any,
    style: Style,
) -> list[list[Segment]]:
    """``console.render_lines`` of one padded cell, as ``Table._render`` calls it (cached
    when the cell is a :class:`Memo`; a one-line text cell built by
    :func:`~pitchroom.ui.widgets.table_lines.table_cell_line` without rich)."""
    render_options = options.update(
        width=width,
        justify=column.justify,
        no_wrap=column.no_wrap,
        overflow=column.overflow,
        height=None,
        highlight=column.highlight,
    )
    padded = cell.renderable  # rich's Padding(renderable, (top, right, bottom, left))
    inner = getattr(padded, "renderable", None)
    if not isinstance(inner, Memo):
        return console.render_lines(padded, render_options, style=style)
    key = (
        id(console),
        inner.key,
        (padded.top, padded.right, padded.bottom, padded.left),
        str(padded.style),
        width,
        column.justify,
        column.no_wrap,
        column.overflow,
        column.highlight,
        options.markup,
        style,
    )
    found = _renders.get(key)
    if found is None:
        if len(_renders) > CACHE_LIMIT:
            _renders.clear()
        built = table_cell_line(console, render_options, padded, inner.renderable, style)
        if built is None:
            built = console.render_lines(padded, render_options, style=style)
        found = _renders[key] = built
    return found


def _aligned(
    lines: list[list[Segment]], vertical: str, header: bool, width: int, height: int, style: Style
) -> list[list[Segment]]:
    if header:
        vertical = "bottom"
    if vertical == "top":
        return Segment.align_top(lines, width, height, style)
    if vertical == "middle":
        return Segment.align_middle(lines, width, height, style)
    return Segment.align_bottom(lines, width, height, style)


class Prerendered:
    """``renderable`` rendered once per width: Textual measures a widget's height and
    then draws it with the same options, which renders the content twice."""

    __slots__ = ("_cache", "renderable")

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._cache: dict[tuple[Any, ...], list[Segment]] = {}

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        key = (
            id(console),
            options.max_width,
            options.min_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
        )  # not the height: nothing in a panel depends on it, and Textual measures without
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 8:
                self._cache.clear()
            found = self._cache[key] = list(console.render(self.renderable, options))
        return found
