"""The export's fast paths: unvalidated rows for the big tables, the streamed
workbook (styles of the funding line, continuation sheets past Excel's limit)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from pitchroom.export import export_session, xlsx
from pitchroom.export.collect import collect
from pitchroom.export.document import EventOut, ScoreOut, TotalOut, trusted
from pitchroom.export.tables import Column, Table
from pitchroom.store import Store
from tests.export.conftest import document


def test_trusted_rows_equal_validated_rows() -> None:
    rows = [
        (
            ScoreOut,
            {"pitch": "p", "juror": "j", "criterion": "c", "value": 7.5, "counts": "eligible"},
        ),
        (
            TotalOut,
            {
                "pitch": "p",
                "juror": "j",
                "total": None,
                "complete": False,
                "eligibility": "recused",
            },
        ),
        (
            EventOut,
            {
                "id": 3,
                "at": "2024-06-12T10:00:00+00:00",
                "actor": "chair",
                "action": "score.set",
                "entity": "score",
                "pitch": "p",
                "juror": "j",
                "criterion": "c",
                "before": None,
                "after": {"value": 7},
                "reason": None,
                "hash": "ab" * 32,
            },
        ),
    ]
    for cls, values in rows:
        fast, checked = trusted(cls)(dict(values)), cls(**values)
        assert fast == checked
        assert fast.model_dump_json() == checked.model_dump_json()
        assert fast.model_fields_set == checked.model_fields_set


def test_the_document_is_the_same_with_progress(scored_db: Path) -> None:
    store = Store.open(scored_db)
    try:
        plain = collect(store)
        ticks: list[int] = []
        counted = collect(store, tick=ticks.append)
    finally:
        store.close()
    skip = {"generated_at"}
    assert plain.model_dump(exclude=skip) == counted.model_dump(exclude=skip)
    assert sum(ticks) > 0 and all(t >= 0 for t in ticks)


def test_funding_line_row_is_drawn_across_the_ranking(scored_db: Path) -> None:
    data = json.loads(export_session(scored_db, "json").read_text(encoding="utf-8"))
    first = data["ranking"]["first_unfunded"]
    assert first is not None
    wb = load_workbook(export_session(scored_db, "xlsx"))
    sheet = wb["Ranking"]
    header = [c.value for c in sheet[1]]
    assert all(c.font.b for c in sheet[1])
    rows = list(sheet.iter_rows(min_row=2))
    for row in rows:
        line = row[header.index("Pitch")].value == first
        assert all((c.border.top.style == "medium") == line for c in row)
        requested = row[header.index("Requested")]
        assert "€" in requested.number_format


def test_a_table_past_the_row_limit_continues_on_numbered_sheets(
    tmp_path: Path, scored_db: Path, monkeypatch
) -> None:
    doc = document(scored_db)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)  # 3 rows under the header per sheet
    table = Table(
        "Numbers",
        "numbers",
        [Column("N", "int"), Column("Amount", "money")],
        [[i, i * 10.5] for i in range(7)],
        lines={4},
    )
    out = tmp_path / "parts.xlsx"
    ticks: list[int] = []
    xlsx.write_xlsx(doc, [table], out, lambda n=1: ticks.append(n))
    wb = load_workbook(out)
    assert wb.sheetnames == ["Numbers", "Numbers 2", "Numbers 3"]
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
    assert wb["Numbers 2"]["A3"].border.top.style == "medium"  # row 4 of the table
    assert wb["Numbers 2"]["B3"].number_format == wb["Numbers"]["B2"].number_format
    assert sum(ticks) == 7
