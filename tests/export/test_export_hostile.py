"""Hostile text in titles, applicants, names, comments and motivations, through
every format: no formula runs, no markup or HTML renders, no bidi override leaks."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

from conftest import HOSTILE
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from pitchroom.export import export_session, write_forms
from pitchroom.export.text import FORMULA_START, bidi_closed, md_text, neutralise

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "section",
    "article",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "li",
    "strong",
    "bdi",
    "br",
    "div",
    "span",
}
CHART_TAGS = {"figure", "figcaption", "svg", "g", "defs", "path", "use", "text", "clippath", "rect"}
"""The inline SVG charts (matplotlib's SVG backend; the parser lower-cases tag names)."""


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    return parser


def test_neutralise_rules() -> None:
    for start in FORMULA_START:
        assert neutralise(f"{start}x") == f"'{start}x"
    assert neutralise("Leesplank") == "Leesplank"
    assert neutralise(-2) == -2 and neutralise(1.5) == 1.5 and neutralise(None) is None


def test_markdown_escaping_keeps_one_cell() -> None:
    assert md_text("a|b\nc") == "a\\|b<br>c"
    assert md_text("[bold]x[/bold]") == "\\[bold\\]x\\[/bold\\]"
    assert md_text("<script>") == "\\<script>"  # no tag without its "<"
    assert md_text("- 2") == "\\- 2" and md_text("# x") == "\\# x" and md_text("1. x") == "1\\. x"
    assert md_text("-2") == "-2"  # a number, not a list item
    assert bidi_closed("abc\u202edcba") == "abc\u202edcba\u202c"


def _text_cells_safe(values: list[object]) -> None:
    for value in values:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_START), value


def test_workbook_never_holds_a_formula(hostile_db: Path) -> None:
    wb = load_workbook(export_session(hostile_db, "xlsx"))
    seen = set()
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                _text_cells_safe([cell.value])
                seen.add(cell.value)
    for text in HOSTILE[:4]:
        assert "'" + text in seen, text  # kept, but as text
    assert HOSTILE[5] in seen and HOSTILE[4] in seen
    assert "'\tTAB and =1+1" in seen
    ranking = list(wb["Ranking"].iter_rows(values_only=True))
    assert isinstance(ranking[1][4], float | int)  # numbers stay numbers


def test_csv_never_starts_a_cell_with_a_formula(hostile_db: Path) -> None:
    folder = export_session(hostile_db, "csv", delimiter=";")
    cells: list[str] = []
    for path in folder.iterdir():
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f, delimiter=";"):
                cells += row
    numbers = [c for c in cells if c.replace(",", "").lstrip("-").isdigit()]
    assert numbers  # numbers are written plainly (the decimal comma for ;)
    _text_cells_safe([c for c in cells if c not in numbers])
    assert "'" + HOSTILE[0] in cells and "'-2" in cells and "'@SUM(A1:A9)" in cells
    assert "\n".join(["'" + HOSTILE[0], *HOSTILE[1:]]) in cells  # a multi-line comment, whole


def test_json_keeps_the_text_exactly(hostile_db: Path) -> None:
    data = json.loads(export_session(hostile_db, "json").read_text(encoding="utf-8"))
    assert [p["title"] for p in data["pitches"]] == HOSTILE[:4]
    assert data["session"]["title"] == HOSTILE[5]
    assert data["jurors"][0]["name"] == HOSTILE[6]
    assert any(c["text"] == "\n".join(HOSTILE) for c in data["comments"])


def test_markdown_renders_no_markup_from_user_text(hostile_db: Path) -> None:
    text = export_session(hostile_db, "md").read_text(encoding="utf-8")
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    parsed = _parsed(rendered)
    assert "script" not in parsed.tags and "a" not in parsed.tags
    shown = "".join(parsed.text)
    assert "<script>alert(1)</script>" in shown  # shown as text
    assert "[bold]loud[/bold]" in shown
    assert "next line *em* `code` # x" in shown  # no emphasis or code from user text
    # every table row has as many cells as its header: no title broke a table
    for line_no, line in enumerate(text.splitlines()):
        if line.startswith("| ---") or line.startswith("| ---:"):
            width = line.count("|")
            header = text.splitlines()[line_no - 1]
            assert header.replace("\\|", "").count("|") == width
    for line in text.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")
    assert "\u202e" in text and text.count("\u202c") >= text.count("\u202e")


def test_html_escapes_every_user_text(hostile_db: Path) -> None:
    text = export_session(hostile_db, "html").read_text(encoding="utf-8")
    parsed = _parsed(text)
    assert parsed.tags <= ALLOWED_TAGS | CHART_TAGS
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert not any(name in ("src", "onload", "onerror") for name, _ in parsed.attrs)
    # the charts' only links are to their own markers and clip paths
    assert all((v or "").startswith("#") for name, v in parsed.attrs if name.endswith("href"))
    assert "[bold]loud[/bold]" in text
    # a right-to-left override is closed or isolated where it stands
    assert "\u202e" in text and text.count("\u202c") >= text.count("\u202e")


def test_forms_escape_too(hostile_db: Path) -> None:
    text = write_forms(hostile_db).read_text(encoding="utf-8")
    assert _parsed(text).tags <= ALLOWED_TAGS
    assert "&lt;script&gt;" in text and "<script>" not in text
