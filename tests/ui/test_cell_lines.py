"""The grid's cell lines built straight from their Text (pitchroom.ui.widgets.cell_lines)
are the segments rich renders for the same cell, as DataTable asks for it: the same
texts, styles and order; cells it does not build are left to rich (None).

tests/ui/test_grid_cells.py compares the whole grid, drawn this way, with a grid
that DataTable draws through rich."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Span, Text
from textual.app import App
from textual.geometry import Region
from textual.render import measure
from textual.renderables.styled import Styled

from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.cell_lines import padded_line
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.conftest import FrozenClock

CONSOLE = Console(width=120, color_system="truecolor", force_terminal=True)
WORDS = ["", "8", "7.5", "·", "—", "✓", "38.5", "done", "2 missing ✎", "Ingrid Lindq…", "数学"]
WORDS += ["a  b ", " lead", "x\ny", "tab\there", "[b]not markup[/b]", "e\u0301", "🙂ok"]
STYLES = ["", "bold", "dim", "italic", "green", "yellow", "bold reverse", "repr.number"]
STYLES += ["not a style", "on #224466 underline"]
PRE = [
    Style.null(),
    Style(bgcolor="#1e1e1e", color="#e0e0e0"),
    Style(bgcolor="#1e1e1e", color="#e0e0e0") + Style.from_meta({"row": 3, "column": 4}),
    Style(bold=True, meta={"fixed": True}) + Style.from_meta({"row": -1, "column": 0}),
]
POST = [Style.null(), Style(color="#ffffff"), Style(bgcolor="#0178d4"), Style(italic=False)]


def rich_lines(text: Text, width: int, padding: int, pre: Style, post: Style) -> Any:
    """What DataTable's ``_render_cell`` renders for a cell one line high."""
    options = CONSOLE.options.update_dimensions(width, 1).update(no_wrap=True)
    return CONSOLE.render_lines(Styled(Padding(text, (0, padding)), pre, post), options)


def styled_text(
    draw: st.DrawFn,
    words: list[str],
    styles: list[str],
    justify: list[Any],
    overflow: list[Any],
) -> Text:
    """A text of one or two ``words`` with ``styles`` over parts of it, and one of each
    ``justify``, ``overflow``, ``no_wrap`` and ``end`` (also for tests/ui/test_table_lines.py)."""
    text = Text(draw(st.sampled_from(words)), style=draw(st.sampled_from(styles)))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        text.stylize(draw(st.sampled_from(styles[1:])), start, end)
    if draw(st.booleans()):
        text.append(draw(st.sampled_from(words)), style=draw(st.sampled_from(styles)))
    text.justify = draw(st.sampled_from(justify))
    text.overflow = draw(st.sampled_from(overflow))
    text.no_wrap = draw(st.sampled_from([None, True, False]))
    text.end = draw(st.sampled_from(["\n", "\n", ""]))
    return text


@st.composite
def texts(draw: st.DrawFn) -> Text:
    return styled_text(
        draw,
        WORDS,
        STYLES,
        [None, None, None, "default", "left", "right"],
        [None, None, "ellipsis", "crop", "fold"],
    )


@settings(max_examples=600, deadline=None)
@given(
    texts(),
    st.integers(1, 24),
    st.integers(0, 2),
    st.sampled_from(PRE),
    st.sampled_from(POST),
)
@example(Text(""), 3, 1, PRE[2], POST[1])
@example(Text("", style="italic"), 9, 1, PRE[2], POST[0])
@example(Text("·", style="dim"), 6, 1, PRE[2], POST[2])
@example(Text.assemble(Text("Ingrid"), style="dim"), 10, 1, PRE[3], POST[1])
@example(Text("8", style="bold"), 3, 1, PRE[0], POST[0])
@example(Text("abcdef", spans=[Span(3, 6, "green"), Span(0, 5, "yellow")]), 8, 1, PRE[1], POST[0])
def test_a_built_line_is_what_rich_renders(
    text: Text, width: int, padding: int, pre: Style, post: Style
) -> None:
    built = padded_line(text, width, padding, pre, post, CONSOLE.get_style)
    if built is None:
        return
    expected = rich_lines(text, width, padding, pre, post)
    # Segments are (text, style, control), all three compared; rich's Style compares
    # colours, attributes, link and meta (the grid's row and column for the mouse).
    assert [built] == expected


def test_the_grids_cells_are_built_and_the_others_left_to_rich() -> None:
    get_style = CONSOLE.get_style
    pre, post = PRE[2], POST[1]
    for text in [
        Text("8", style="bold"),
        Text("·", style="dim"),
        Text(""),
        Text("2 missing", style="yellow").append(" ✎"),
        Text.assemble(Text("Ingrid Lindq…"), style="dim"),
        Text("数学"),
    ]:
        assert (
            padded_line(text, 15, 1, pre, post, get_style) == rich_lines(text, 15, 1, pre, post)[0]
        )
    for text in [
        Text("x\ny"),
        Text("tab\there"),
        Text("too wide for it"),
        Text("8", justify="right"),
        Text("8", end="!"),
    ]:
        assert padded_line(text, 8, 1, pre, post, get_style) is None
    assert padded_line(Text("8"), 2, 1, pre, post, get_style) is None  # no room inside


def test_segments_keep_rich_order_and_empty_segments() -> None:
    """An empty text still gives rich's empty segment (Textual's strips keep it)."""
    line = padded_line(Text(""), 4, 1, PRE[0], POST[0], CONSOLE.get_style)
    assert line is not None
    assert [segment.text for segment in line] == [" ", "", "  ", " "]
    assert line == rich_lines(Text(""), 4, 1, PRE[0], POST[0])[0]


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_the_grids_columns_are_as_wide_as_textual_measures_them(
    ui_db: Path, clock: FrozenClock, size: tuple[int, int]
) -> None:
    """The grid measures its new rows' Text cells itself (KeptCellTable._update_dimensions):
    every column as wide as Textual's own measure of its widest cell or label."""
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("8", "enter", "10", "enter", "7.5", "enter", "down", "9", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        console = app.console
        widths = [column.content_width for column in grid.ordered_columns]
        measured = [
            max(
                measure(console, column.label, 1),
                *(measure(console, cell, 1) for cell in grid.get_column(column.key)),
            )
            for column in grid.ordered_columns
        ]
        assert widths == measured
        assert max(widths) > 1


def screen_lines(app: App[Any]) -> list[list[tuple[str, Any]]]:
    """The grid's lines as its last frames drew them (Textual's kept strips)."""
    grid = app.screen.query_one(ScoreGrid)
    strips = grid.render_lines(Region(0, 0, grid.size.width, grid.size.height))
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


@pytest.mark.parametrize(("size", "theme"), [((80, 24), False), ((160, 50), True)])
async def test_the_grid_draws_its_frames_as_datatable_does(
    ui_db: Path,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    theme: bool,
) -> None:
    """Through the drawing passes (styles taken once a pass, fixed columns drawn once,
    cells built straight to segments) the grid's frames are DataTable's own."""
    app = make_app(ui_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        if theme:
            await pilot.press("f2")
        await pilot.press("8", "enter", "7", "enter", "10", "enter", "down", "5", "enter")
        await pilot.press("r")  # a recusal: the dim row and the dashes
        await app.workers.wait_for_complete()
        await pilot.pause()
        cursor = app.screen.query_one(ScoreGrid).cursor_coordinate
        ours = screen_lines(app)
    monkeypatch.setattr(ScoreGrid, "remember_cells", False)
    fresh = make_app(ui_db, clock=clock)
    async with fresh.run_test(size=size) as pilot:
        if theme:
            await pilot.press("f2")
        await fresh.workers.wait_for_complete()
        await pilot.pause()
        fresh.screen.query_one(ScoreGrid).move_cursor(row=cursor.row, column=cursor.column)
        await pilot.pause()
        theirs = screen_lines(fresh)
    assert ours == theirs
    assert len({style for line in ours for _, style in line if style is not None}) > 6
