"""The html jury report's charts: inline SVG with titles and captions, self-contained,
user text escaped inside the SVG too, text kept as text; md stays text; startup
never imports matplotlib."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pitchroom.export import export_session
from tests.export.conftest import _build, session_model

REPO = Path(__file__).resolve().parents[2]
FIGURE = re.compile(r'<figure class="chart">(<svg.*?</svg>)<figcaption>(.*?)</figcaption>', re.S)


def charts(text: str) -> list[tuple[str, str]]:
    return FIGURE.findall(text)


def test_html_report_holds_three_inline_svg_charts(scored_db: Path) -> None:
    text = export_session(scored_db, "html").read_text(encoding="utf-8")
    found = charts(text)
    assert len(found) == 3
    titles = [re.search(r"<title>(.*?)</title>", svg).group(1) for svg, _ in found]
    assert titles == ["How sure each rank is", "Juror totals per pitch", "Juror leniency"]
    forest, strip, leniency = (caption for _, caption in found)
    assert "bootstrap over jurors, exact" in forest and "one juror at a time" in forest
    assert "vertical bar is the consensus score (mean)" in strip
    assert "standard deviation" in leniency
    for svg, caption in found:
        assert svg.startswith('<svg role="img" ') and "matplotlib" in caption
        assert "<text" in svg  # svg.fonttype none: text stays text, no glyph paths
        assert "DejaVuSans-" not in svg
        assert "<metadata" not in svg and "<?xml" not in svg
    # the charts sit in the ranking section, before the pitches
    assert text.index('id="ranking"') < text.index("<figure") < text.index('id="pitches"')
    assert "figure.chart { margin: 1.2em 0; break-inside: avoid;" in text


def test_html_report_stays_self_contained(scored_db: Path) -> None:
    text = export_session(scored_db, "html").read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "http" not in " ".join(re.findall(r'(?:src|href)="[^"]*"', text))
    assert re.findall(r'\bhref="([^"]*)"', text)  # the markers are used...
    assert all(h.startswith("#") for h in re.findall(r'\bhref="([^"]*)"', text))  # ...in-file
    assert "src=" not in text
    assert "http://" not in text.split("</style>", 1)[1]  # not even a namespace URL


def test_seeded_bootstrap_is_named_in_the_caption(
    scored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pitchroom.domain.consensus.extras as extras

    monkeypatch.setitem(extras.with_extras.__kwdefaults__, "exact_up_to", 1)
    monkeypatch.setitem(extras.with_extras.__kwdefaults__, "resamples", 50)
    text = export_session(scored_db, "html").read_text(encoding="utf-8")
    forest = charts(text)[0][1]
    assert f"seeded resampling, seed {extras.DEFAULT_SEED}" in forest


def test_user_text_is_escaped_inside_the_svg(hostile_db: Path) -> None:
    text = export_session(hostile_db, "html").read_text(encoding="utf-8")
    svgs = "".join(svg for svg, _ in charts(text))
    assert svgs, "the hostile session has charts"
    assert "<script" not in svgs and "&lt;script&gt;alert(1" in svgs  # a pitch title
    assert "\u202e" in svgs and svgs.count("\u202c") >= svgs.count("\u202e")  # a juror name
    for svg, _ in charts(text):
        assert svg.count("<title>") == 1


def test_dollar_signs_are_text_not_mathtext(tmp_path: Path) -> None:
    title = "Costs $x^2$ <b>less</b> & more"
    db = _build(tmp_path / "dollar.db", session_model(titles=[title, "B", "C", "D"]))
    text = export_session(db, "html").read_text(encoding="utf-8")
    svgs = "".join(svg for svg, _ in charts(text))
    assert "Costs $x^2$ &lt;b&gt;less&lt;/b&gt; &amp; more" in svgs


def test_markdown_report_stays_text(scored_db: Path) -> None:
    text = export_session(scored_db, "md").read_text(encoding="utf-8")
    assert "<svg" not in text and "<figure" not in text


def test_startup_does_not_import_matplotlib() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pitchroom", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0
    assert "matplotlib" not in done.stderr and "plotext" not in done.stderr


def test_leniency_labels_say_what_they_count(scored_db: Path) -> None:
    """A juror's label names what the number counts ("Ann (3 pitches)"), not a bare
    "(3)" (issue 9.13)."""
    text = export_session(scored_db, "html").read_text(encoding="utf-8")
    leniency = charts(text)[2][0]
    labels = re.findall(r"<text[^>]*>([^<]*\(\d+[^<]*\))</text>", leniency)
    assert labels, leniency[:2000]
    assert all(re.search(r"\(\d+ pitch(es)?\)$", label) for label in labels), labels
