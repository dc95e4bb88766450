"""The compiled writer (a big session's workbook) writes what openpyxl writes: the
same sheets, values, number formats, funding line, header, layout, properties and
chart. Each fixture is exported both ways and the two files are compared cell by
cell through openpyxl."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from pitchroom.export import xlsx
from pitchroom.export.tables import Column, Table, tables
from tests.export.conftest import document

# A pyproject dependency since this test came in: a venv made before it lacks the
# package until `pip install -e .` runs again (CI installs it fresh).
pytest.importorskip("rvgsrust_xlsxwriter", reason="pip install -e . (a new dependency)")


def _both(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The workbook of one read of ``db`` written by openpyxl, then by the compiled writer."""
    doc = document(db)
    plain, native = tmp_path / "openpyxl.xlsx", tmp_path / "native.xlsx"
    xlsx.write_xlsx(doc, list(tables(doc)), plain, lambda n=1: None)
    monkeypatch.setattr(xlsx, "NATIVE_CELLS", 0)
    xlsx.write_xlsx(doc, list(tables(doc)), native, lambda n=1: None)
    return plain, native


def _cells(path: Path) -> dict[str, list[list[tuple[object, str, object, bool]]]]:
    """Per sheet, per row: (value, number format of a number, top border, bold)."""
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = [
            [
                (
                    c.value,
                    c.number_format if isinstance(c.value, int | float) else "",
                    c.border.top.style,
                    bool(c.font.b),
                )
                for c in row
            ]
            for row in ws.iter_rows()
        ]
    return out


def _widths(ws: Any) -> list[float]:
    """Each column's width, by index (a file may give a run of columns one width)."""
    out: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        for index in range(dim.min, dim.max + 1):
            out[index] = dim.width
    return [out[i] for i in range(1, ws.max_column + 1)]


@pytest.mark.parametrize("name", ["scored_db", "pots_db", "hostile_db"])
def test_the_native_workbook_holds_what_openpyxl_writes(
    name: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = request.getfixturevalue(name)
    plain, native = _both(db, tmp_path, monkeypatch)
    want, got = _cells(plain), _cells(native)
    assert list(got) == list(want)
    for sheet, rows in want.items():
        assert got[sheet] == rows, sheet  # 1 == 1.0: whole numbers come back as floats
    a, b = load_workbook(plain), load_workbook(native)
    for prop in ("title", "creator", "subject", "description"):
        assert getattr(b.properties, prop) == getattr(a.properties, prop), prop
    assert b.properties.subject and b.properties.description
    for ws in b.worksheets:
        other = a[ws.title]
        assert ws.freeze_panes == other.freeze_panes == "A2"
        assert ws.print_title_rows == other.print_title_rows
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToHeight) == ("landscape", 0)
        assert setup.fitToWidth in (1, None)  # 1 is the file format's default, left out
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # rust_xlsxwriter adds Excel's padding to a width given in characters
        assert _widths(ws) == pytest.approx([w + 0.71 for w in _widths(other)], abs=0.01)
        header = next(ws.iter_rows(max_row=1))
        assert all(c.fill.fgColor.rgb.endswith("DDE4EE") for c in header)
        assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in header)


def test_the_native_chart_holds_bars_and_the_line(
    pots_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, path = _both(pots_db, tmp_path, monkeypatch)
    sheet = load_workbook(path)["Ranking"]
    assert len(sheet._charts) == 1
    chart = sheet._charts[0]
    assert isinstance(chart, BarChart) and chart.type == "col"
    header = [c.value for c in sheet[1]]
    score, title = (xlsx.get_column_letter(header.index(h) + 1) for h in ("Score", "Title"))
    ranked = sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] is not None)
    bars = chart.series[0]
    assert bars.val.numRef.f == f"Ranking!${score}$2:${score}${ranked + 1}"
    assert bars.tx.strRef.f == f"Ranking!${score}$1"
    assert bars.cat.strRef.f == f"Ranking!${title}$2:${title}${ranked + 1}"
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(names) == 1
        xml = archive.read(names[0]).decode()
    line = xlsx.get_column_letter(len(header))
    assert "<c:barChart>" in xml and "<c:lineChart>" in xml
    assert f"Ranking!${line}$2:" in xml and '<a:prstDash val="dash"/>' in xml
    assert '<a:srgbClr val="C0392B"/>' in xml


def test_native_tables_continue_on_numbered_sheets(
    tmp_path: Path, scored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = document(scored_db)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)
    monkeypatch.setattr(xlsx, "NATIVE_CELLS", 0)
    table = Table(
        "Numbers",
        "numbers",
        [Column("N", "int"), Column("Amount", "money")],
        [[i, i * 10.5] for i in range(7)],
        lines={4},
    )
    words = Table("Words", "words", [Column("W")], [[f"=w{i}"] for i in range(7)])
    out = tmp_path / "parts.xlsx"
    ticks: list[int] = []
    xlsx.write_xlsx(doc, [table, words], out, ticks.append)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Numbers", "Numbers 2", "Numbers 3", "Words", "Words 2", "Words 3"]
    assert [[c.value for c in row] for name in wb.sheetnames[3:] for row in wb[name]] == [
        ["W"],
        *[["'=w" + str(i)] for i in range(3)],
        ["W"],
        *[["'=w" + str(i)] for i in range(3, 6)],
        ["W"],
        ["'=w6"],
    ]
    del wb["Words"], wb["Words 2"], wb["Words 3"]
    values = [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]
    assert values == [
        ["N", "Amount"],
        [0, 0],
        [1, 10.5],
        [2, 21],
        ["N", "Amount"],
        [3, 31.5],
        [4, 42],
        [5, 52.5],
        ["N", "Amount"],
        [6, 63],
    ]
    assert wb["Numbers 2"]["A3"].border.top.style == "medium"
    assert wb["Numbers 2"]["B3"].number_format == wb["Numbers"]["B2"].number_format
    assert "€" in wb["Numbers"]["B3"].number_format
    assert sum(ticks) == 14


def test_text_longer_than_excel_holds_is_cut_there(
    tmp_path: Path, scored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = document(scored_db)
    monkeypatch.setattr(xlsx, "NATIVE_CELLS", 0)
    table = Table("Long", "long", [Column("Text", "long")], [["=" + "x" * 40_000], ["short"]])
    out = tmp_path / "long.xlsx"
    xlsx.write_xlsx(doc, [table], out, lambda n=1: None)
    cells = [c.value for c in load_workbook(out)["Long"]["A"]]
    assert cells[1] == "'=" + "x" * 32_765 and cells[2] == "short"


def test_texts_are_made_safe_as_cell_by_cell() -> None:
    from pitchroom.export.text import xlsx_text
    from pitchroom.export.xlsx_native import _cleaned

    texts = ["plain", "=1+1", "a\n=2", "\tTAB", "-2", "@x", "ok\x07bell", "\r\nx", "", "+"]
    rows: list[list[object]] = [[t, None, 7, "safe", t[::-1]] for t in texts]
    want = [[xlsx_text(v) if isinstance(v, str) else v for v in row] for row in rows]
    assert _cleaned(rows) == want
    clean = [["a", 1, None], ["b", 2.5, "c"]]
    assert _cleaned(clean) is clean  # nothing to change: no copy


def test_texts_among_numbers_and_empty_cells_are_checked() -> None:
    from enum import StrEnum

    from pitchroom.export.xlsx_native import _cleaned

    class Word(StrEnum):
        FORMULA = "=1+1"

    rows: list[list[object]] = [
        ["=a", None, 1, Word.FORMULA, ""],
        [None, "@b", "-c", 2.5, "d"],
    ]
    assert _cleaned(rows) == [
        ["'=a", None, 1, "'=1+1", ""],
        [None, "'@b", "'-c", 2.5, "d"],
    ]


def test_without_the_compiled_writer_openpyxl_writes_it(
    scored_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = document(scored_db)
    monkeypatch.setattr(xlsx, "NATIVE_CELLS", 0)
    monkeypatch.setattr(xlsx, "native_writer", lambda: False)
    out = tmp_path / "plain.xlsx"
    xlsx.write_xlsx(doc, list(tables(doc)), out, lambda n=1: None)
    rank = load_workbook(out)["Ranking"]["A2"].value
    assert isinstance(rank, int)  # openpyxl's integer cell, not the compiled writer's 1.0
