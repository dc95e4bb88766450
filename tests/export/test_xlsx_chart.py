"""The workbook's Ranking sheet carries a native chart of the scores with the funding line."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.chart import BarChart
from openpyxl.utils import get_column_letter

from pitchroom.export import export_session
from tests.export.test_export_formats import ranking


def _chart(db: Path) -> tuple[BarChart, list[list[object]], list[str]]:
    sheet = load_workbook(export_session(db, "xlsx"))["Ranking"]
    assert len(sheet._charts) == 1
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return sheet._charts[0], rows, [str(h) for h in rows[0]]


def test_ranking_sheet_chart_points_at_the_score_column(scored_db: Path) -> None:
    chart, rows, header = _chart(scored_db)
    ranked = [r for r in ranking(scored_db)["ranking"] if r["rank"] is not None]
    assert isinstance(chart, BarChart) and chart.type == "col"
    score = get_column_letter(header.index("Score") + 1)
    title = get_column_letter(header.index("Title") + 1)
    last = len(ranked) + 1
    bars = chart.series[0]
    assert bars.val.numRef.f == f"'Ranking'!${score}$2:${score}${last}"
    assert bars.tx.strRef.f == f"'Ranking'!{score}1"
    assert bars.cat.numRef.f == f"'Ranking'!${title}$2:${title}${last}"
    # the charted rows are the ranked pitches, in rank order
    assert [r[header.index("Pitch")] for r in rows[1:last]] == [r["pitch"] for r in ranked]


def test_the_funding_line_is_a_line_series_per_pot(pots_db: Path) -> None:
    chart, rows, header = _chart(pots_db)
    report = ranking(pots_db)
    assert header[-1] == "Funding line (score)"
    # openpyxl reads a combined bar + line chart back as its bar part; the line
    # series itself is checked in the written XML below
    scores = {r["pitch"]: r["score"] for r in report["ranking"]}
    cut = {p["key"]: scores.get(p["first_unfunded"]) for p in report["pots"]}
    for row, pitch in zip(rows[1:], report["ranking"], strict=True):
        want = cut.get(pitch["pot"]) if pitch["rank"] is not None else None
        assert row[-1] == want
    assert any(v is not None for v in cut.values())  # the fixture has a line somewhere
    assert isinstance(chart, BarChart)


def test_the_written_chart_holds_bars_and_the_line(pots_db: Path) -> None:
    import zipfile

    path = export_session(pots_db, "xlsx")
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(names) == 1
        xml = archive.read(names[0]).decode()
    sheet = load_workbook(path)["Ranking"]
    header = [c.value for c in sheet[1]]
    line = get_column_letter(len(header))
    assert "<barChart>" in xml and "<lineChart>" in xml
    assert f"'Ranking'!${line}$2:" in xml and '<a:prstDash val="dash" />' in xml
