"""A rich table cell's line built straight from its text (pitchroom.ui.widgets.table_lines)
is the line rich renders for the same cell, as ``Table`` asks for it: the same texts,
styles and order; cells it does not build are left to rich (None).

tests/ui/test_fast_table.py compares whole tables, drawn this way, with rich's own."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from pitchroom.ui.widgets.table_lines import table_cell_line
from tests.ui.test_cell_lines import styled_text

CONSOLE = Console(width=120, color_system="truecolor", force_terminal=True)
WORDS = ["", "8", "7.5", "·", "—", "✓", "38.5", "funded", "Ingrid Lindq…", "数学", "€ 12,500"]
WORDS += [
    "Pitch number 49",
    "Ingrid Lindqvist-Å数学 ✓",
    "a  b ",
    " lead",
    "x\ny",
    "tab\there",
    "[b]not markup[/b]",
    "e\u0301",
    ":smile:",
    "🙂ok",
]
STYLES = ["", "bold", "dim", "italic", "green", "bold red", "repr.number", "on #224466 underline"]
CELL_STYLES = [Style.null(), Style(bold=True), Style(bgcolor="#1e1e1e", color="#e0e0e0")]
STYLE = CELL_STYLES[1]
FLAGGED = Text.assemble(("⚑ ", "bold red"), "Pitch")
JUSTIFY = [None, "default", "left", "right", "center", "full"]


@st.composite
def cells(draw: st.DrawFn) -> str | Text:
    if draw(st.booleans()):
        return draw(st.sampled_from(WORDS))
    overflow = [None, None, "ellipsis", "crop", "fold", "ignore"]
    return styled_text(draw, WORDS, STYLES, JUSTIFY, overflow)


def options(width: int, justify: Any, no_wrap: bool, overflow: Any, highlight: Any) -> Any:
    """The options ``Table._render`` renders a cell with (FastTable's ``_cell_lines``)."""
    return CONSOLE.options.update(
        width=width,
        justify=justify,
        no_wrap=no_wrap,
        overflow=overflow,
        height=None,
        highlight=highlight,
    )


@settings(max_examples=800, deadline=None)
@given(
    cells(),
    st.integers(1, 24),
    st.sampled_from([(0, 1, 0, 1), (0, 1, 0, 0), (0, 0, 0, 1), (0, 0, 0, 0), (1, 1, 0, 1)]),
    st.sampled_from(["", "italic", "on #333333"]),
    st.sampled_from(CELL_STYLES),
    st.sampled_from(JUSTIFY[:-1]),
    st.booleans(),
    st.sampled_from([None, "ellipsis", "fold", "ignore"]),
    st.sampled_from([False, False, None]),
)
@example("", 3, (0, 1, 0, 1), "", CELL_STYLES[0], "right", False, None, False)
@example("12", 5, (0, 1, 0, 1), "", CELL_STYLES[2], "right", False, None, False)
@example("", 2, (0, 1, 0, 0), "", CELL_STYLES[0], None, False, None, False)
@example(Text("Ada", style="bold"), 9, (0, 1, 0, 1), "", STYLE, "center", True, None, None)
@example(Text("Pitch number 9"), 15, (0, 1, 0, 1), "", STYLE, "left", True, "ellipsis", False)
@example(Text("数学数学", style="dim"), 6, (0, 1, 0, 1), "", STYLE, "right", True, "crop", False)
@example(FLAGGED, 12, (0, 1, 0, 0), "", CELL_STYLES[2], None, True, "ellipsis", False)
def test_a_built_line_is_what_rich_renders(
    cell: str | Text,
    width: int,
    pad: tuple[int, int, int, int],
    pad_style: str,
    style: Style,
    justify: Any,
    no_wrap: bool,
    overflow: Any,
    highlight: Any,
) -> None:
    padded = Padding(cell, pad, style=pad_style)
    opts = options(width, justify, no_wrap, overflow, highlight)
    built = table_cell_line(CONSOLE, opts, padded, cell, style)
    if built is None:
        return
    assert built == CONSOLE.render_lines(padded, opts, style=style)


def test_the_cells_of_a_ranking_are_built() -> None:
    """The cells the ranking panel has: not all left to rich."""
    padded = Padding("12", (0, 1, 0, 1))
    opts = options(6, "right", False, None, False)
    built = table_cell_line(CONSOLE, opts, padded, "12", Style.null())
    assert built == CONSOLE.render_lines(padded, opts, style=Style.null())
    title = Text.assemble(("⚑ ", "bold red"), "Solar roofs")
    padded = Padding(title, (0, 1, 0, 1))
    opts = options(20, None, True, "ellipsis", False)
    assert table_cell_line(CONSOLE, opts, padded, title, Style(bold=True)) is not None
    long = Text("Pitch number 49", style="italic")
    padded = Padding(long, (0, 1, 0, 1))
    opts = options(15, "left", True, "ellipsis", False)
    built = table_cell_line(CONSOLE, opts, padded, long, Style.null())
    assert built == CONSOLE.render_lines(padded, opts, style=Style.null())
    assert (
        table_cell_line(CONSOLE, options(15, "left", False, None, False), padded, long, Style())
        is None
    )
    for odd in ("[b]x[/b]", ":smile:", "x\ny"):
        assert table_cell_line(CONSOLE, opts, Padding(odd, (0, 1)), odd, Style.null()) is None
