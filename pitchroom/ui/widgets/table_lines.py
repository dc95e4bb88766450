"""One rich table cell's line built straight from its text, without rich's render pipeline.

rich's ``Table`` renders a cell as ``console.render_lines(Padding(cell, padding), options,
style=cell_style)``: the text is wrapped, justified, joined, rendered, split into lines
and padded twice over. The chair's ranking panel has about 40 rows of 6-8 such cells,
every one different before the first frame, so that was the panel's first measure
(10-12 ms of CPU under load). :func:`table_cell_line` gives the same segments (texts,
styles, order) for a cell of one line of text, whatever the column's justification,
cut to the column where it does not wrap (an ellipsis or cropped); anything else (a
newline or tab, wrapping, markup or an emoji code in a string, full justification or
overflow "ignore", padding above or below) answers None, and the caller lets rich render it.
tests/ui/test_table_lines.py compares with rich over generated cells.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

from pitchroom.ui.widgets.cell_lines import span_segments

_JUSTIFIED = ("default", "left", "right", "center")


def table_cell_line(
    console: Console, options: ConsoleOptions, padded: Padding, cell: str | Text, style: Style
) -> list[list[Segment]] | None:
    """``console.render_lines(padded, options, style=style)`` where ``padded`` is
    ``Padding(cell, (0, right, 0, left))`` as ``Table`` makes it, or None when ``cell``
    is not one this builds (rich must render it)."""
    if padded.top or padded.bottom or not padded.expand or options.height is not None:
        return None
    width = options.max_width
    inner = width - padded.left - padded.right
    if inner < 1:
        return None
    if isinstance(cell, str):
        # Console.render_str: markup and emoji codes would change the text; a highlighter
        # would add spans. A plain string is a Text without style.
        if options.highlight is not False or "[" in cell or ":" in cell or not cell.isprintable():
            return None
        plain, base, spans, justify, overflow, no_wrap = cell, None, [], None, None, None
    else:
        if cell.end != "\n":
            return None
        plain, base, spans = cell.plain, cell.style, cell.spans
        justify, overflow, no_wrap = cell.justify, cell.overflow, cell.no_wrap
    justify = justify or options.justify or "default"
    overflow = overflow or options.overflow or "fold"
    if (
        justify not in _JUSTIFIED
        or overflow == "ignore"
        or "\n" in plain
        or "\t" in plain
        or (justify in ("right", "center") and plain.rstrip() != plain)
    ):
        return None
    length = len(plain)
    if any(not 0 <= span.start <= span.end <= length for span in spans):
        return None
    used = cell_len(plain)
    if used > inner:
        # Text.truncate of a line that is not wrapped: cut to the column (an ellipsis in
        # its last cell), the spans cut with it.
        if not (options.no_wrap if no_wrap is None else no_wrap):
            return None
        if overflow == "ellipsis":
            plain = set_cell_size(plain, inner - 1) + "…"
        else:
            plain = set_cell_size(plain, inner)
        if len(plain) < length:
            cut = len(plain)
            spans = [Span(start, min(cut, end), s) for start, end, s in spans if start < cut]
        used = cell_len(plain)
    # Lines.justify pads the text itself (its spans shifted), before Text.join makes the
    # line's style a span over the whole of it.
    shift = 0
    if justify == "left":
        plain += " " * (inner - used)
    elif justify == "right":
        shift = inner - used
    elif justify == "center":
        shift = (inner - used) // 2
        plain += " " * (inner - used - shift)
    if shift:
        plain = " " * shift + plain
        spans = [Span(start + shift, end + shift, s) for start, end, s in spans]
    joined = [Span(0, len(plain), base)] if base else []
    joined.extend(spans)
    words = span_segments(plain, joined, console.get_style) if joined else [Segment(plain)]
    pad_style = console.get_style(padded.style)
    line = _line(_styled(words, pad_style), inner, pad_style)
    if padded.left:
        line.insert(0, Segment(" " * padded.left, pad_style))
    if padded.right:
        line.append(Segment(" " * padded.right, pad_style))
    return [_line(_styled(line, style), width, style)]


def _styled(segments: list[Segment], style: Style) -> list[Segment]:
    """``Segment.apply_style(segments, style)`` as ``render_lines`` applies it."""
    if not style:
        return segments
    return [Segment(text, style + own) for text, own, _ in segments]


def _line(segments: list[Segment], width: int, style: Style) -> list[Segment]:
    """``Segment.split_and_crop_lines`` of one line no wider than ``width`` (and without
    a newline): the segments as they are, empty ones included, padded in ``style``."""
    line = list(segments)
    used = sum(segment.cell_length for segment in line)
    if used < width:
        line.append(Segment(" " * (width - used), style))
    return line
