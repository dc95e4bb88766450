"""The jury report as one self-contained HTML file that prints well.

No scripts, no external resources; every user text goes through
:func:`~pitchroom.export.text.html_text` (escaped, bidi isolated). Each
top-level section starts on a new printed page.
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
from pitchroom.export.text import html_text as esc
from pitchroom.i18n import language, t

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1b1f24;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #2c4a6e; padding-bottom: .15em; margin-top: 2em;
  color: #2c4a6e; }
h3 { font-size: 1.08em; margin: 1.4em 0 .4em; }
.subtitle { color: #555; margin: 0 0 1.5em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .95em; }
caption { text-align: left; font-weight: 600; padding: .2em 0; }
th, td { border: 1px solid #c8ced6; padding: .25em .45em; text-align: left; vertical-align: top; }
td.brk { overflow-wrap: anywhere; }
th { background: #e8edf3; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.line td { border-top: 3px solid #b03a2e; }
tr.line-label td { border: none; color: #b03a2e; font-weight: 600; font-size: .85em;
  padding: .5em 0 .1em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em;
  margin: .4em 0 1em; }
dl.facts dt { font-weight: 600; color: #444; }
dl.facts dd { margin: 0; }
.mono { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .9em;
  word-break: break-all; }
.muted { color: #666; font-style: italic; }
ul.notes { margin: .2em 0 1em; padding-left: 1.2em; }
ul.notes li { margin: .2em 0; }
article.pitch { border-top: 1px solid #d5dae0; padding-top: .2em; break-inside: avoid; }
.signoff { display: grid; grid-template-columns: repeat(2, 1fr); gap: 2.2em 2.5em;
  margin-top: 1.5em; }
.sign { break-inside: avoid; }
figure.chart { margin: 1.2em 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { font-size: .88em; color: #333; margin-top: .3em; }
.sign .line { border-bottom: 1px solid #333; height: 3.2em; }
.sign .who { font-size: .9em; margin-top: .25em; }
.sign .role { color: #555; }
.sign .blank { display: inline-block; width: 60%; border-bottom: 1px dotted #333; }
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-left { content: "%(footer)s"; font: 7.5pt sans-serif; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt sans-serif; }
}
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  section.top + section.top { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, .facts { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #e8edf3 !important; -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""


def _class(text: str, numeric: bool) -> str:
    if numeric:
        return " class=n"
    # a long unbroken word (a URL, a formula) may wrap anywhere rather than widen the table
    return " class=brk" if any(len(word) > 24 for word in text.split()) else ""


def _cells(cells: list[str], numeric: frozenset[int], tag: str) -> str:
    return "".join(f"<{tag}{_class(c, i in numeric)}>{esc(c)}</{tag}>" for i, c in enumerate(cells))


def _block(block: Block) -> str:
    if isinstance(block, Para):
        return f"<p{' class=muted' if block.muted else ''}>{esc(block.text)}</p>"
    if isinstance(block, Facts):
        rows = "".join(
            f"<dt>{esc(label)}</dt><dd{' class=mono' if i in block.mono else ''}>"
            f"<bdi>{esc(value)}</bdi></dd>"
            for i, (label, value) in enumerate(block.rows)
        )
        return f'<dl class="facts">{rows}</dl>'
    if isinstance(block, Grid):
        caption = f"<caption>{esc(block.caption)}</caption>" if block.caption else ""
        body = []
        for index, row in enumerate(block.rows):
            if index in block.lines:
                body.append(
                    f'<tr class="line-label"><td colspan="{len(block.columns)}">'
                    f"{esc(block.lines[index])}</td></tr>"
                )
            cls = ' class="line"' if index in block.lines else ""
            body.append(f"<tr{cls}>{_cells(row, block.numeric, 'td')}</tr>")
        return (
            f"<table>{caption}<thead><tr>{_cells(block.columns, block.numeric, 'th')}"
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    if isinstance(block, Notes):
        items = "".join(
            f"<li><strong><bdi>{esc(label)}</bdi>:</strong> <bdi>{esc(text)}</bdi></li>"
            for label, text in block.items
        )
        return f'<ul class="notes">{items}</ul>'
    if isinstance(block, ChartBlock):
        return (
            f'<figure class="chart">{block.svg}<figcaption><strong>{esc(block.title)}.</strong> '
            f"{esc(block.caption)}</figcaption></figure>"
        )
    if isinstance(block, Signoff):
        signs = "".join(
            f'<div class="sign"><div class="line"></div><div class="who">'
            f'<span class="role">{esc(role)}:</span> '
            f"{f'<bdi>{esc(name)}</bdi>' if name else '<span class=blank></span>'}</div>"
            f'<div class="who role">{esc(t("export.signature_date"))}</div></div>'
            for role, name in block.rows
        )
        return f'<div class="signoff">{signs}</div>'
    raise TypeError(block)  # pragma: no cover


def _section(section: Section, level: int) -> str:
    inner = "".join(_block(b) for b in section.blocks)
    subs = "".join(_section(s, level + 1) for s in section.subsections)
    if level == 3:
        return (
            f'<article class="pitch" id="{esc(section.anchor)}"><h3>{esc(section.title)}</h3>'
            f"{inner}{subs}</article>"
        )
    return (
        f'<section class="top" id="{esc(section.anchor)}"><h{level}>{esc(section.title)}'
        f"</h{level}>{inner}{subs}</section>"
    )


def css_string(text: str) -> str:
    """``text`` safe inside a double-quoted CSS string in a ``<style>`` element."""
    out = []
    for char in text:
        if char in '\\"<>&' or not char.isprintable():
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return "".join(out)


def render_html(title: str, subtitle: str, footer: str, sections: list[Section]) -> str:
    body = "\n".join(_section(s, 2) for s in sections)
    style = STYLE.replace("%(footer)s", css_string(footer))
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<header><h1>{esc(title)}</h1><p class="subtitle">{esc(subtitle)}</p></header>\n'
        f"{body}\n</body>\n</html>\n"
    )
