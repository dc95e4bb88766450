"""FastTable draws exactly what rich's Table draws: every character with its style.

The live panel's table remembers its cells and puts the rows together itself
(pitchroom.ui.widgets.fast_table); these compare it with rich's own rendering of
the same table over generated tables and widths, and over the ranking tables.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

import pitchroom.ui.widgets.ranking_table as ranking_table
from pitchroom.ui.widgets.fast_table import FastTable, Prerendered
from tests.rankings import ranking, row


def cells(renderable: RenderableType, width: int) -> list[list[tuple[str, Any]]]:
    """Each line as (character, style) pairs: how segments are split does not count."""
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    lines = console.render_lines(renderable, console.options.update_width(width))
    return [[(char, seg.style) for seg in line for char in seg.text] for line in lines]


STYLES = st.sampled_from(["", "bold", "italic dim", "bold green", "on blue", "red strike"])
WORDS = st.sampled_from(
    ["", "7", "10.00", "—", "funded", "reserve ⚖", "Leesplank", "数学", "a b c d", "x\ny", "[b]x"]
)


@st.composite
def text_cell(draw: st.DrawFn) -> str | Text | None:
    kind = draw(st.sampled_from(["str", "text", "spans", "none"]))
    words = draw(WORDS)
    if kind == "none":
        return None
    if kind == "str":
        return words.replace("[", "(")  # markup is rich's business, the same on both sides
    text = Text(words, style=draw(STYLES))
    if kind == "spans" and words:
        text.stylize(draw(STYLES), 0, draw(st.integers(0, len(words))))
        text.append(draw(WORDS), style=draw(STYLES))
    return text


Spec = tuple[list[dict[str, Any]], list[tuple[list[Any], bool]], dict[str, Any]]


@st.composite
def tables(draw: st.DrawFn) -> Spec:
    columns = [
        {
            "header": draw(WORDS).replace("[", "("),
            "justify": draw(st.sampled_from(["left", "right", "center"])),
            "no_wrap": draw(st.booleans()),
            "overflow": draw(st.sampled_from(["fold", "ellipsis", "crop"])),
            "ratio": draw(st.sampled_from([None, None, 1, 2])),
            "width": draw(st.sampled_from([None, None, None, 3])),
            "min_width": draw(st.sampled_from([None, None, 2, 8])),
            "vertical": draw(st.sampled_from(["top", "middle", "bottom"])),
        }
        for _ in range(draw(st.integers(1, 5)))
    ]
    rows = [
        ([draw(text_cell()) for _ in columns], draw(st.booleans()))
        for _ in range(draw(st.integers(0, 8)))
    ]
    options = {
        "box": draw(st.sampled_from([ranking_table.FUNDING_BOX, box.SIMPLE, box.MINIMAL])),
        "show_edge": False,
        "pad_edge": draw(st.booleans()),
        "padding": draw(st.sampled_from([(0, 1), (0, 0), (0, 2)])),
        "expand": draw(st.booleans()),
        "show_header": draw(st.booleans()),
    }
    return columns, rows, options


def build(kind: type[Table], spec: Any) -> Table:
    columns, rows, options = spec
    table = kind(**options)
    for column in columns:
        table.add_column(**column)
    for values, section in rows:
        table.add_row(*values, end_section=section)
    return table


@settings(max_examples=300, deadline=None)
@given(spec=tables(), width=st.integers(1, 90))
def test_any_table_draws_as_rich_draws_it(spec: Any, width: int) -> None:
    assert cells(build(FastTable, spec), width) == cells(build(Table, spec), width)


@settings(max_examples=50, deadline=None)
@given(spec=tables(), width=st.integers(1, 90))
def test_the_second_drawing_is_the_same(spec: Any, width: int) -> None:
    """From the cache, and through Prerendered's replay."""
    fast = build(FastTable, spec)
    first = cells(fast, width)
    assert cells(fast, width) == first
    assert cells(Prerendered(fast), width) == first == cells(build(Table, spec), width)


def test_tables_it_does_not_assemble_are_rich_s_own() -> None:
    spec = ([{"header": "a"}], [(["x"], False)], {"show_edge": True, "title": "T"})
    assert cells(build(FastTable, spec), 20) == cells(build(Table, spec), 20)


def rankings() -> list[Any]:
    rows = [
        row("a", "Alpha: a long title that will not fit", "funded", rank=1, score=8.5),
        row("b", "Beta", "funded", rank=2, score=Fraction(15, 2), flagged=True),
        row("c", "Gamma", "reserve", rank=3, score=7.25, pot="big"),
        row("d", "Delta", "ineligible", rank=4, score=6.0),
        row("e", "Epsilon", "pending", rank=None, score=None),
        row("f", "Zeta", "unscored", rank=None, score=None),
    ]
    return [ranking(rows), ranking(rows[:1]), ranking([])]


@pytest.mark.parametrize("width", [8, 20, 35, 38, 60, 100, 160])
@pytest.mark.parametrize("compact", [True, False])
def test_the_ranking_tables_draw_as_before(
    monkeypatch: pytest.MonkeyPatch, width: int, compact: bool
) -> None:
    for report in rankings():
        options: dict[str, Any] = {"compact": compact, "currency": "EUR", "limit": 4}
        fast = cells(ranking_table.ranking_view(report, **options), width)
        with monkeypatch.context() as patch:
            patch.setattr(ranking_table, "FastTable", Table)
            plain = cells(ranking_table.ranking_view(report, **options), width)
        assert fast == plain
