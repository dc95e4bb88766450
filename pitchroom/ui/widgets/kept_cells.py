"""A DataTable of rich Texts that redraws only a changed cell's row and keeps each cell's
rendering by what it shows (the score grid's drawing: after a typed score DataTable
alone would redraw and render the whole table again).

Built on DataTable's own caches and measures (its private row, column and cache
attributes: textual is pinned in pyproject.toml; tests/ui/test_grid_cells.py and
test_enter_frame.py compare with a whole redraw).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, cast

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, CellKey, Column, ColumnKey, RowKey

from pitchroom.ui.widgets.cell_lines import padded_line
from pitchroom.ui.widgets.score_cells import look_of


def _text_width(cell: object) -> int | None:
    """What ``textual.render.measure`` answers for a plain Text (rich's
    ``Text.__rich_measure__`` maximum: the widest line); None for anything else."""
    if type(cell) is not Text:
        return None
    return max((cell_len(line) for line in cell.plain.splitlines()), default=0)


class KeptCellTable(DataTable[Text]):
    """DataTable, drawing only what changed."""

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Text,
        *,
        update_width: bool = False,
    ) -> None:
        """DataTable's ``update_cell``, redrawing only the cell's row while its column
        keeps its width.

        DataTable's redraws the whole table, every line of it through Textual's line
        pipeline (about a third of the frame after Enter at the demo size), and
        measures the column on idle; here the column is measured at once (DataTable's
        own measure), and only a changed width redraws the whole table. The row caches
        are keyed by the update count, as DataTable's are."""
        row_key = RowKey(row_key) if isinstance(row_key, str) else row_key
        column_key = ColumnKey(column_key) if isinstance(column_key, str) else column_key
        row = self._row_locations.get(row_key)
        if row is None or column_key not in self._column_locations:
            raise CellDoesNotExist(
                f"No cell exists for row_key={row_key!r}, column_key={column_key!r}."
            )
        self._data[row_key][column_key] = value
        self._update_count += 1
        if update_width:
            column = self.columns[column_key]
            width = column.content_width
            self._update_column_widths({CellKey(row_key, column_key)})  # virtual size on idle
            if column.content_width != width:
                self.refresh()
                return
        self.refresh_row(row)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable's, with the new rows of one-line Text cells measured here.

        DataTable measures every cell of a new row through rich (``measure``: the
        console's options, three terminal-size calls, the Text's measure): 650 cells
        for a 50-juror grid on mount. A Text's width is the widest of its lines, the
        same number; rows with a label, an automatic height or other cells go to
        DataTable as before."""
        others: list[RowKey] = []
        columns = self.ordered_columns
        for row_key in new_rows:
            index = self._row_locations.get(row_key)
            row = self.rows.get(row_key)
            if index is None or row is None or row.label is not None or row.auto_height:
                others.append(row_key)
                continue
            cells = self._get_row_renderables(index).cells
            widths = [_text_width(cell) for cell in cells]
            if None in widths or len(cells) != len(columns):
                others.append(row_key)
                continue
            for column, width in zip(columns, widths, strict=True):
                if width is not None and width > column.content_width:
                    column.content_width = width
        super()._update_dimensions(others)

    # ----------------------------------------------------------- drawing
    remember_cells: ClassVar[bool] = True
    """Keep each cell's rendering by what it shows (see :meth:`_render_cell`), build
    one-line Text cells straight to segments and put the lines together here (see
    :meth:`_render_line_in_row`); False: all of it DataTable's."""

    _pass: dict[str, Any] | None = None
    """The styles every line asks for, taken once while :meth:`render_lines` draws."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.remember_cells:
            return super().render_lines(crop)
        self._pass = {}
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def _once(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()``, kept for the rest of the drawing pass (styles cannot change
        while Textual draws); made afresh outside one."""
        memo = self._pass
        if memo is None:
            return make()
        found = memo.get(name)
        if found is None:
            found = memo[name] = make()
        return found

    @property
    def ordered_columns(self) -> list[Column]:
        """DataTable's columns in order (a new list each time, asked for by every row
        and cell)."""
        columns = self._once("columns", lambda: super(KeptCellTable, self).ordered_columns)
        return cast(list[Column], columns)

    @property
    def rich_style(self) -> Style:
        """The widget's style (DataTable's ``render_line`` asks for it every line: a
        walk over the ancestors' styles each time)."""
        return cast(Style, self._once("", lambda: super(KeptCellTable, self).rich_style))

    def _component(self, name: str) -> Style:
        return cast(Style, self._once(name, lambda: self.get_component_styles(name).rich_style))

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        """DataTable's, each component's style taken once a pass."""
        if self._pass is None:
            return super()._get_row_style(row_index, base_style)
        if row_index == -1:
            return self._component("datatable--header")
        if row_index < self.fixed_rows:
            return self._component("datatable--fixed")
        if self.zebra_stripes:
            return self._component("datatable--odd-row" if row_index % 2 else "datatable--even-row")
        return base_style

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[list[list[Segment]], list[list[Segment]]]:
        """DataTable's, for a cell cursor and no row labels, with two savings.

        The styles it asks for (header, fixed, the background) are taken once a
        drawing pass instead of once a row, each a walk over the ancestors' styles.
        And DataTable renders the fixed columns twice a line: as the fixed part, and
        again under it in the scrolling part, where ``_render_line`` crops them away
        (it starts the scrolling part at the fixed columns' width); here the
        scrolling part has blanks of the same widths there. The rest, and the cache,
        are DataTable's."""
        if (
            not self.remember_cells
            or self.cursor_type != "cell"
            or (self._labelled_row_exists and self.show_row_labels)
        ):
            return super()._render_line_in_row(
                row_key, line_no, base_style, cursor_location, hover_location
            )
        cache_key = (
            row_key,
            line_no,
            base_style,
            cursor_location,
            hover_location,
            "cell",
            self.show_cursor,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache: Any = self._row_render_cache
        found = cache.get(cache_key)
        if found is not None:
            return cast(tuple[list[list[Segment]], list[list[Segment]]], found)
        render_cell = self._render_cell
        located = self._row_locations.get(row_key)  # None for the header
        row_index = -1 if located is None else located
        columns = self.ordered_columns
        widths = [column.get_render_width(self) for column in columns]
        fixed_columns = min(self.fixed_columns, len(columns))
        if row_key is self._header_row_key:
            fixed_style = self._component("datatable--header")
        else:
            fixed_style = self._once(
                "fixed",
                lambda: (
                    self.get_component_styles("datatable--fixed").rich_style
                    + Style.from_meta({"fixed": True})
                ),
            )
        cursor_row, cursor_column = cursor_location
        hover_row, hover_column = hover_location
        fixed_row: list[list[Segment]] = []
        for column_index in range(fixed_columns):
            fixed_row.append(
                render_cell(
                    row_index,
                    column_index,
                    fixed_style,
                    widths[column_index],
                    cursor=cursor_row == row_index and cursor_column == column_index,
                    hover=hover_row == row_index and hover_column == column_index,
                )[line_no]
            )
        row_style = self._get_row_style(row_index, base_style)
        scrollable_row: list[list[Segment]] = [
            [Segment(" " * widths[column_index])] for column_index in range(fixed_columns)
        ]
        for column_index in range(fixed_columns, len(columns)):
            scrollable_row.append(
                render_cell(
                    row_index,
                    column_index,
                    row_style,
                    widths[column_index],
                    cursor=cursor_row == row_index and cursor_column == column_index,
                    hover=hover_row == row_index and hover_column == column_index,
                )[line_no]
            )
        # DataTable's extension of the row's style to the widget's width.
        table_width = sum(widths[fixed_columns:]) + self._row_label_column_width
        remaining_space = max(0, self.size.width - table_width)
        if row_style.bgcolor is not None:
            background = self._once("background", lambda: self.background_colors[1])
            faded = Color.from_rich_color(row_style.bgcolor).blend(background, factor=0.25)
            extend_style = Style.from_color(color=row_style.color, bgcolor=faded.rich_color)
        else:
            extend_style = Style.from_color(row_style.color, row_style.bgcolor)
        extend_style += Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        scrollable_row.append([Segment(" " * remaining_space, extend_style)])
        row_pair = (fixed_row, scrollable_row)
        cache[cache_key] = row_pair
        return row_pair

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """DataTable's rendering of one cell, kept by what the cell shows.

        DataTable keys its cell cache by a count of all updates, so one saved score
        rendered every cell of the grid again (about 100 at the demo size: most of the
        frame after Enter). Here a cell is kept by its look (text, style, spans) with
        everything DataTable keys by except that count: place, width, style, cursor,
        hover and pseudo-classes; in DataTable's own cache, so whatever clears it (a
        resize, a new theme, a rebuild) clears these too. A row label (none here) is
        DataTable's alone."""
        if not self.remember_cells or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        # What DataTable renders: the label, or the cell after its formatter (an empty
        # Text becomes DataTable's own empty one).
        value = self._get_row_renderables(row_index).cells[column_index]
        if not isinstance(value, Text):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            "look",
            row_index,
            column_index,
            (*look_of(value), value.justify, value.overflow, value.no_wrap, value.end),
            base_style,
            width,
            cursor,
            hover,
            self._show_hover_cursor,
            self._pseudo_class_state,
        )
        cache: Any = self._cell_render_cache
        found = cache.get(key)
        if found is None:
            found = self._direct_cell(
                value, row_index, column_index, base_style, width, cursor, hover
            )
            if found is None:
                found = super()._render_cell(
                    row_index, column_index, base_style, width, cursor, hover
                )
            cache[key] = found
        return cast(list[list[Segment]], found)

    def _direct_cell(
        self,
        cell: Text,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool,
        hover: bool,
    ) -> list[list[Segment]] | None:
        """DataTable's ``_render_cell`` for a one-line Text cell, its line built by
        :func:`padded_line` instead of rich's render (the same styles, in the same
        order: DataTable's own); None when rich must render it."""
        header = row_index == -1
        if header:
            height = self.header_height
        else:
            key = self._row_locations.get_key(row_index)
            row = None if key is None else self.rows.get(key)
            height = 0 if row is None else row.height
        if height != 1:  # (the app's console options never justify)
            return None
        fixed = not header and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        component_style, post_style = self._get_styles_to_render_cell(
            header,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = (
            base_style + Style.from_meta({"row": row_index, "column": column_index})
        ) + component_style
        line = padded_line(
            cell, width, self.cell_padding, pre_style, post_style, self.app.console.get_style
        )
        return None if line is None else [line]
