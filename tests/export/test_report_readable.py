"""The jury report reads as written for people: no invisible bidi marks around
ordinary names, numbers never escaped, criteria by their names; in English and in
Dutch (``--lang nl``). Hostile text stays neutralised (test_export_hostile.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import session_model
from markdown_it import MarkdownIt

from pitchroom.cli.main import main
from pitchroom.export.text import isolated, md_inline, md_text
from pitchroom.store import Store

MARKS = ("\u2066", "\u2067", "\u2068", "\u2069")
ESCAPED_NUMBER = re.compile(r"\d\\[.,)]|\\[-+]\d")
"""A backslash inside or before a number: ``0\\.75``, ``1\\.``, ``\\-2``."""


@pytest.fixture
def revised_db(tmp_path: Path) -> Path:
    """Scores with decimals, a closed pitch whose "reuse" (Reusability) score is
    revised, a comment and a decision, all under plain Latin names."""
    db = tmp_path / "day.db"
    store = Store.create(db, session_model(), actor="test")
    try:
        for juror, values in {"anna": (8, 7, 6), "bram": (7, 7.5, 7), "chris": (9, 6, 8)}.items():
            for criterion, value in zip(("feasibility", "impact", "reuse"), values, strict=True):
                store.set_score("leesplank", juror, criterion, value, actor="test")
        store.set_closed("leesplank", True, actor="test")
        store.set_score("leesplank", "bram", "reuse", 5, actor="test", reason="misread the form")
        store.set_comment("leesplank", "anna", "Ratio 0.75 of the budget; -2 risks.", actor="test")
        store.decide("leesplank", "award", actor="test", motivation="1. Best plan")
    finally:
        store.close()
    return db


def _export(db: Path, fmt: str, *lang: str) -> str:
    out = db.with_suffix(f".{'-'.join(lang) or 'en'}.{fmt}")
    result = CliRunner().invoke(main, [*lang, "export", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", [(), ("--lang", "nl")])
def test_markdown_report_has_no_bidi_marks_around_plain_names(
    revised_db: Path, lang: tuple[str, ...]
) -> None:
    text = _export(revised_db, "md", *lang)
    assert "Anna de Vries" in text and "Leesplank" in text
    for mark in MARKS:
        assert mark not in text, f"U+{ord(mark):04X} in the report"


@pytest.mark.parametrize("lang", [(), ("--lang", "nl")])
def test_markdown_report_never_escapes_a_number(revised_db: Path, lang: tuple[str, ...]) -> None:
    text = _export(revised_db, "md", *lang)
    assert not ESCAPED_NUMBER.search(text), ESCAPED_NUMBER.search(text)
    decimal = "," if lang else "."
    assert f"| 7{decimal}50 |" in text or f"| 7{decimal}5 |" in text  # bram's impact
    assert "### 1. Leesplank" in text  # the rank in a heading, as written
    assert "Ratio 0.75 of the budget; -2 risks." in text  # user text: nothing to escape
    # the rendered report shows the same text (nothing got lost to markup)
    shown = MarkdownIt("commonmark").enable("table").render(text)
    assert "Ratio 0.75 of the budget; -2 risks." in shown
    assert "<li>" in shown and "1. Best plan" in shown  # a motivation is not a list


@pytest.mark.parametrize("lang", [(), ("--lang", "nl")])
def test_revisions_name_the_criterion(revised_db: Path, lang: tuple[str, ...]) -> None:
    for fmt in ("md", "html"):
        text = _export(revised_db, fmt, *lang)
        assert "Bram Jansen, Reusability: 7 → 5" in text, fmt
        assert ", reuse:" not in text, fmt


@pytest.mark.parametrize("lang", [(), ("--lang", "nl")])
def test_html_report_has_no_bidi_marks_around_plain_names(
    revised_db: Path, lang: tuple[str, ...]
) -> None:
    text = _export(revised_db, "html", *lang)
    for mark in MARKS:
        assert mark not in text, f"U+{ord(mark):04X} in the report"


def test_only_text_that_can_reorder_a_sentence_is_isolated() -> None:
    assert isolated("Anna de Vries") == "Anna de Vries"
    assert isolated("Dorá Ünal 2024 (x)") == "Dorá Ünal 2024 (x)"
    assert isolated(None) == ""
    hebrew = "\u05e9\u05dc\u05d5\u05dd"
    assert isolated(hebrew) == "\u2068" + hebrew + "\u2069"
    arabic = "\u0645\u0631\u062d\u0628\u0627"
    assert isolated(arabic) == "\u2068" + arabic + "\u2069"
    # a hostile override is isolated and closed, so it cannot reorder what follows
    assert isolated("abc\u202edcba") == "\u2068abc\u202edcba\u202c\u2069"
    assert isolated("x\u2067y") == "\u2068x\u2067y\u2069\u2069"


@pytest.mark.parametrize(
    "value",
    ["0.75", "-2", "+1", "1.5", "12", "7,5", "€ 4.000.000", "EUR 1,500,000", "-0.25"],
)
def test_numbers_are_never_escaped(value: str) -> None:
    assert md_text(value) == value and md_inline(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "- item",
        "+ item",
        "# heading",
        "1. item",
        "2) item",
        "> quote",
        ">quote",
        "---",
        "===",
        "*em*",
        "_em_",
        "a__b__c",
        "`code`",
        "[link](http://x)",
        "<b>bold</b>",
        "&amp; &#65;",
        "a|b",
        "    code block",
        "plan_for_the_future",
        "Tom & Jerry > Pinky",
    ],
)
def test_escaped_text_renders_as_written(value: str) -> None:
    """Each escape is needed (the text renders back as itself) and is enough."""
    md = MarkdownIt("commonmark").enable("table")
    rendered = md.render(md_text(value)).strip()
    expected = (
        value.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    ).replace('"', "&quot;")
    assert rendered == f"<p>{expected}</p>", (value, md_text(value))
    cell = md.render(f"| h |\n| --- |\n| {md_inline(value)} |\n")
    assert f"<td>{expected}</td>" in cell, (value, md_inline(value))
