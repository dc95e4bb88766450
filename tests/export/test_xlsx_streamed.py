"""The workbook with its Scores and Audit sheets streamed from the store
(pitchroom.export.streamed, pitchroom.store.stream) holds the very cells the export
document's tables give: a generated session of a few thousand scores is written both
ways, by openpyxl and by the compiled writer, and compared cell by cell; the juror
totals from the score grid's integer sums equal TotalRule's."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pitchroom.domain.models import Session
from pitchroom.export import export_session, xlsx
from pitchroom.export.collect import collect, collect_streamed, snapshot
from pitchroom.export.tables import tables
from pitchroom.i18n import t
from pitchroom.store import Store

WEIGHTS = [1, 2, Decimal("0.5"), 3, Decimal("1.25"), 1, 2, Decimal("0.1")]


def _session(blind: bool) -> Session:
    return Session.model_validate(
        {
            "session": {
                "title": "Generated =1+1",
                "budget": 2_000_000,
                "blind": blind,
                "scale": {"min": 0, "max": 10, "step": Decimal("0.5")},
            },
            "criteria": [
                {"key": f"c{i}", "name": f"Criterion {i}", "weight": w}
                for i, w in enumerate(WEIGHTS)
            ],
            "jurors": [
                {"key": "chair", "name": "The Chair", "role": "chair"},
                *({"key": f"j{i}", "name": f"Juror {i}"} for i in range(9)),
                {"key": "obs", "name": "Observer", "role": "observer"},
            ],
            "pitches": [
                {
                    "key": f"p{i}",
                    # a title that starts like a formula (blind: the sheet's texts checked)
                    "title": f"@pitch {i}" if blind and i % 7 == 0 else f"Pitch {i}",
                    "applicant": f"Applicant {i}",
                    "requested": 10_000 + 1_000 * i,
                }
                for i in range(40)
            ],
            "conflicts": [{"juror": "j3", "pitch": "p5", "reason": "advisor"}],
        }
    )


def _build(path: Path, *, blind: bool = False) -> Path:
    rng = random.Random(14)
    session = _session(blind)
    store = Store.create(path, session, actor="test")
    try:
        rows = []
        for p in session.pitches[1:]:  # p0 has no score at all
            for j in session.scoring_jurors:
                if (p.key, j.key) == ("p5", "j3") or rng.random() < 0.05:
                    continue
                for c in session.criteria:
                    if rng.random() < 0.03:  # a half-filled row
                        continue
                    rows.append((p.key, j.key, c.key, Fraction(rng.randint(0, 20), 2)))
        store.set_scores(rows, actor="test")
        store.set_absent("p9", "j4", True, actor="test")
        store.recuse("p11", "j6", actor="test", reason='=HYPERLINK("x")')
        store.set_comment("p2", "j1", "Good.\nSecond line", actor="test")
        store.set_closed("p3", True, actor="test")
        store.set_score("p3", "j2", "c1", Fraction(7, 2), actor="test", reason="typo")
        store.set_closed("p3", False, actor="test", reason="reopened")
        store.decide("p4", "award", actor="chair", motivation="+best", amount=Decimal(9000))
        if blind:  # a station's scores on pitches not closed: their values hidden
            store.set_score("p12", "j7", "c0", Fraction(9), actor="station:j7")
            store.set_score("p13", "j8", "c2", Fraction(3, 2), actor="station:j8")
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The generated session, without and with blind mode (built once: a few seconds)."""
    folder = tmp_path_factory.mktemp("generated")
    return {blind: _build(folder / f"gen-{blind}.db", blind=blind) for blind in (False, True)}


def _old_way(db: Path, out: Path) -> Path:
    """The workbook as written before streaming: the whole document, then its tables."""
    store = Store.open(db)
    try:
        doc = collect(store)
    finally:
        store.close()
    xlsx.write_xlsx(doc, list(tables(doc)), out, lambda n=1: None)
    return out


def _values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = load_workbook(path, read_only=True)
    try:
        out = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()
    generated = t("export.field_generated")
    out["Session"] = [row for row in out["Session"] if row[0] != generated]
    return out


@pytest.mark.parametrize("native", [False, True], ids=["openpyxl", "compiled"])
@pytest.mark.parametrize("blind", [False, True], ids=["open", "blind"])
def test_the_streamed_workbook_holds_the_same_cells(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    generated: dict[bool, Path],
    native: bool,
    blind: bool,
) -> None:
    if native:
        pytest.importorskip("rvgsrust_xlsxwriter")
        monkeypatch.setattr(xlsx, "NATIVE_CELLS", 0)
    db = generated[blind]
    want = _values(_old_way(db, tmp_path / "old.xlsx"))
    got = _values(export_session(db, "xlsx", tmp_path / "new.xlsx"))
    assert list(got) == list(want)
    scores = want["Scores"]
    assert len(scores) > 2_500  # a few thousand scores, all of them in the sheet
    assert len(want["Audit"]) > len(scores)
    if blind:  # the hidden values are left out of both
        assert any(
            row[7] is None and row[8] is None and row[3] == "score.set" for row in want["Audit"][1:]
        )
    for sheet, rows in want.items():
        assert got[sheet] == rows, sheet


def test_the_totals_from_the_grid_are_the_exact_totals(generated: dict[bool, Path]) -> None:
    store = Store.open(generated[False])
    try:
        plain = collect(store)
        with snapshot(store):
            streamed, streams = collect_streamed(store, verify=store.verify)
            assert streams.grid is not None  # the grid way, not the fallback
            sheets = streams.tables(streamed)
            for sheet in sheets:
                if sheet.stream is not None:
                    # plain names: the Scores sheet's texts need no check per cell
                    assert sheet.stream.checked == (sheet.file == "scores")
                    sheet.stream.close()
    finally:
        store.close()
    assert streamed.scores == [] and streamed.events == []
    assert [t.model_dump() for t in streamed.totals] == [t.model_dump() for t in plain.totals]
    assert any(t.total is not None and not t.complete for t in plain.totals)
    assert any(type(t.total) is float for t in plain.totals)


def test_the_arrow_way_writes_the_same_scores_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generated: dict[bool, Path]
) -> None:
    pytest.importorskip("rvgsrust_xlsxwriter")
    pytest.importorskip("nanoarrow")
    import zipfile

    from pitchroom.export import xlsx_arrow, xlsx_native

    monkeypatch.setattr(xlsx, "NATIVE_CELLS", 0)
    frames: list[object] = []

    class Counted(xlsx_arrow.Frame):
        def __init__(self, columns: list[object]) -> None:
            frames.append(columns)
            super().__init__(columns)  # type: ignore[arg-type]

    monkeypatch.setattr(xlsx_arrow, "Frame", Counted)
    monkeypatch.setattr(xlsx_native, "FRAME", 1_000)  # several calls, progress between
    arrow = export_session(generated[False], "xlsx", tmp_path / "arrow.xlsx")
    assert len(frames) >= 3
    monkeypatch.setattr(xlsx_native, "arrow", lambda: False)
    rows = export_session(generated[False], "xlsx", tmp_path / "rows.xlsx")
    assert len(frames) >= 3
    sheet = "xl/worksheets/sheet2.xml"  # Scores
    with zipfile.ZipFile(arrow) as a, zipfile.ZipFile(rows) as b:
        assert a.read(sheet) == b.read(sheet)
        assert b'<c r="G2"' in a.read(sheet)  # the first score's value cell
