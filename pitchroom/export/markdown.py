"""The jury report as Markdown (GitHub-flavoured tables), every user text escaped.

Text inside a line (cells, headings, values after a label) goes through
:func:`~pitchroom.export.text.md_inline`; text that starts a line (paragraphs)
through :func:`~pitchroom.export.text.md_text`, which also escapes block markers.
Neither escapes a number.
"""

from __future__ import annotations

from pitchroom.export.blocks import (
    Block,
    ChartBlock,
    Facts,
    Grid,
    Notes,
    Para,
    Section,
    Signoff,
)
from pitchroom.export.text import md_inline, md_text


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _block(block: Block) -> list[str]:
    if isinstance(block, Para):
        text = md_text(block.text)
        return [f"*{text}*" if block.muted else text, ""]
    if isinstance(block, Facts):
        out = []
        for index, (label, value) in enumerate(block.rows):
            shown = f"`{value}`" if index in block.mono and value.isalnum() else md_inline(value)
            out.append(f"- **{md_inline(label)}:** {shown}")
        return [*out, ""]
    if isinstance(block, Grid):
        out = [f"**{md_inline(block.caption)}**", ""] if block.caption else []
        out.append(_row([md_inline(c) for c in block.columns]))
        out.append(
            _row(["---:" if i in block.numeric else "---" for i in range(len(block.columns))])
        )
        width = len(block.columns)
        for index, row in enumerate(block.rows):
            if index in block.lines:
                out.append(_row([f"**{md_inline(block.lines[index])}**", *([""] * (width - 1))]))
            out.append(_row([md_inline(c) for c in row]))
        return [*out, ""]
    if isinstance(block, Notes):
        return [
            *(f"- **{md_inline(label)}:** {md_inline(text)}" for label, text in block.items),
            "",
        ]
    if isinstance(block, ChartBlock):
        return []  # the md report stays text
    if isinstance(block, Signoff):
        return [
            *(
                f"{md_text(role)}: {md_inline(name) if name else '_' * 24}  \n{'_' * 40}\n"
                for role, name in block.rows
            )
        ]
    raise TypeError(block)  # pragma: no cover


def _heading(level: int, text: str) -> str:
    """A heading line; a ``#`` ending the text is escaped (it would close the heading)."""
    shown = md_inline(text)
    if shown.endswith("#"):
        shown = shown[:-1] + "\\#"
    return f"{'#' * level} {shown}"


def _section(section: Section, level: int) -> list[str]:
    out = [_heading(level, section.title), ""]
    for block in section.blocks:
        out += _block(block)
    for sub in section.subsections:
        out += _section(sub, level + 1)
    return out


def render_markdown(title: str, sections: list[Section]) -> str:
    lines = [_heading(1, title), ""]
    for section in sections:
        lines += _section(section, 2)
    return "\n".join(lines).rstrip() + "\n"
