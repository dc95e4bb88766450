"""One table cell's line built straight from its ``Text``, without rich's render pipeline.

DataTable draws a cell as ``console.render_lines(Styled(Padding(text, (0, padding)),
pre_style, post_style), options)`` with the row one line high (``no_wrap``): rich
measures, wraps, justifies, joins, renders and splits the text into lines twice over,
about a quarter of a millisecond a cell. The score grid draws 500-odd cells before the
first frame at the stress size (31 juror rows), all different by their place, so that
was most of its drawing. :func:`padded_line` gives the same segments (the same texts,
styles and order, empty ones included) for the cells the grid has: one line of text
that fits its column, justified by default. Anything else (a newline or tab, text wider
than the cell, a justification, an odd span) answers None, and the caller lets rich
render it. tests/ui/test_cell_lines.py compares with rich over generated cells.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

_NULL = Style.null()
_SPACE = " "
_first_two = itemgetter(0, 1)


def padded_line(
    text: Text,
    width: int,
    padding: int,
    pre_style: Style,
    post_style: Style,
    get_style: Callable[..., Style],
) -> list[Segment] | None:
    """The one line ``Styled(Padding(text, (0, padding)), pre_style, post_style)`` renders
    to at ``width`` with ``no_wrap`` and no justification in the options (DataTable's
    cell), or None when ``text`` is not one this builds (rich must render it).

    ``get_style``: the console's, which resolves theme names as rich does."""
    plain = text.plain
    inner = width - 2 * padding
    if (
        inner < 1
        or padding < 0
        or text.justify not in (None, "default")
        or text.end not in ("\n", "")
        or "\n" in plain
        or "\t" in plain
    ):
        return None
    used = cell_len(plain)
    if used > inner:
        return None
    length = len(plain)
    spans = [Span(0, length, text.style)] if text.style else []
    for span in text.spans:
        if not 0 <= span.start <= span.end <= length:
            return None
        spans.append(span)
    if not spans:
        words = [Segment(plain)]  # rich's Text.render: no spans, no style (None)
    elif len(spans) == 1 and spans[0].start == 0 and spans[0].end == length:
        words = [Segment(plain, get_style(spans[0].style, default=_NULL))] if length else []
    else:
        words = span_segments(plain, spans, get_style)
    # Segment.apply_style's sum, ``pre_style + style + post_style``, once per style.
    styled: dict[Style | None, Style | None] = {}

    def style_of(style: Style | None) -> Style | None:
        found = styled.get(style, _NULL)
        if found is _NULL:
            found = style
            if pre_style:
                found = pre_style + found
            if post_style:
                found = found + post_style if found else post_style
            styled[style] = found
        return found

    edge = style_of(_NULL)  # the padding's style: "none"
    line = [Segment(_SPACE * padding, edge)] if padding else []
    line.extend([Segment(text, style_of(style)) for text, style, _ in words])
    if used < inner:
        line.append(Segment(_SPACE * (inner - used), edge))
    if padding:
        line.append(line[0])
    return line


def span_segments(plain: str, spans: list[Span], get_style: Callable[..., Style]) -> list[Segment]:
    """``Text.render`` of the joined line (its style a span over it, then its spans)."""
    style_map = {index: get_style(span.style, default=_NULL) for index, span in enumerate(spans, 1)}
    style_map[0] = _NULL
    marks = [
        (0, False, 0),
        *((span.start, False, index) for index, span in enumerate(spans, 1)),
        *((span.end, True, index) for index, span in enumerate(spans, 1)),
        (len(plain), True, 0),
    ]
    marks.sort(key=_first_two)
    stack: list[int] = []
    combined: dict[tuple[Style, ...], Style] = {}
    out: list[Segment] = []
    for (offset, leaving, style_id), (next_offset, _, _) in zip(marks, marks[1:], strict=False):
        if leaving:
            stack.remove(style_id)
        else:
            stack.append(style_id)
        if next_offset > offset:
            styles = tuple(style_map[i] for i in sorted(stack))
            style = combined.get(styles)
            if style is None:
                style = combined[styles] = Style.combine(styles)
            out.append(Segment(plain[offset:next_offset], style))
    return out
