"""Each export opened and read back: workbook, CSV folder, JSON, the jury report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from schema_check import errors

from pitchroom.export import default_output, export_session
from pitchroom.export.document import ExportDocument
from pitchroom.export.schema import SCHEMA_PATH, json_schema, schema_text
from pitchroom.store import Store

SHEETS = ["Ranking", "Scores", "Matrix", "Comments", "Conflicts", "Decisions", "Audit", "Session"]


def ranking(db: Path) -> dict:
    from pitchroom.store.ranking import ranking_report

    store = Store.open(db)
    try:
        return ranking_report(store, None, extras=True)
    finally:
        store.close()


def head_hash(db: Path) -> str:
    store = Store.open(db)
    try:
        result = store.verify()
        assert result.ok
        return result.head_hash
    finally:
        store.close()


def test_default_outputs_sit_beside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "pitchday.db"
    assert default_output(db, "xlsx") == tmp_path / "pitchday-results.xlsx"
    assert default_output(db, "md") == tmp_path / "pitchday-results.md"
    assert default_output(db, "csv") == tmp_path / "pitchday-results"


def test_workbook_has_every_sheet_in_ranking_order(scored_db: Path) -> None:
    path = export_session(scored_db, "xlsx")
    assert path == scored_db.with_name("session-results.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == SHEETS
    sheet = wb["Ranking"]
    assert sheet.freeze_panes == "A2"
    for name in SHEETS:  # printed: landscape, one page wide
        setup = wb[name].page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert wb[name].sheet_properties.pageSetUpPr.fitToPage
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    pitches = [r[header.index("Pitch")] for r in rows[1:]]
    assert pitches == [r["pitch"] for r in ranking(scored_db)["ranking"]]
    first = rows[1]
    assert isinstance(first[header.index("Score")], float | int)
    score = sheet.cell(row=2, column=header.index("Score") + 1)
    assert score.number_format == "0.00"  # the exact mean, shown to two decimals
    assert isinstance(first[header.index("Rank")], int)
    requested = sheet.cell(row=2, column=header.index("Requested") + 1)
    assert isinstance(requested.value, int | float)
    assert "€" in requested.number_format
    assert sheet.column_dimensions["C"].width >= 12
    granted = first[header.index("Granted")]
    assert granted == 180_000  # the award's amount, not the requested 200,000


def test_workbook_tables_hold_the_record(scored_db: Path) -> None:
    wb = load_workbook(export_session(scored_db, "xlsx"))
    scores = list(wb["Scores"].iter_rows(values_only=True))
    store = Store.open(scored_db)
    try:
        assert len(scores) - 1 == store.score_count()
        n_events = len(store.events())
    finally:
        store.close()
    kompas_chris = [r for r in scores if r[0] == "kompas" and r[2] == "chris"]
    assert kompas_chris == []  # recused before scoring: no scores
    matrix = {r[0]: r for r in wb["Matrix"].iter_rows(values_only=True)}
    header = matrix["Pitch"]
    assert matrix["kompas"][header.index("Chris Peters")] == "recused"
    assert matrix["stadslab"][header.index("Chris Peters")] == "absent"
    assert matrix["leesplank"][header.index("Anna de Vries")] == pytest.approx(52 / 7)
    conflicts = list(wb["Conflicts"].iter_rows(values_only=True))
    assert ("kompas", "Kompas", "chris", "Chris Peters", "recused", "former employer") in conflicts
    decisions = list(wb["Decisions"].iter_rows(values_only=True))
    assert decisions[1][2] == "award" and decisions[1][4] == "Best plan; reduced to the core."
    audit = list(wb["Audit"].iter_rows(values_only=True))
    assert len(audit) - 1 == n_events
    assert audit[-1][-1] == head_hash(scored_db)
    assert any(r[3] == "score.revised" and r[9] == "misread the feasibility plan" for r in audit)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_folder_with_bom_and_delimiter(scored_db: Path, delimiter: str) -> None:
    folder = export_session(scored_db, "csv", delimiter=delimiter)
    assert folder == scored_db.with_name("session-results") and folder.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{name}.csv"
        for name in (
            "ranking",
            "scores",
            "matrix",
            "comments",
            "conflicts",
            "decisions",
            "audit",
            "session",
        )
    )
    raw = (folder / "ranking.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (folder / "ranking.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    assert rows[0][:3] == ["Rank", "Pitch", "Title"]
    assert [r[1] for r in rows[1:]] == [r["pitch"] for r in ranking(scored_db)["ranking"]]
    with (folder / "scores.csv").open(encoding="utf-8-sig", newline="") as f:
        values = [r[6] for r in csv.reader(f, delimiter=delimiter)][1:]
    assert ("7,5" if delimiter == ";" else "7.5") in values
    names = (folder / "matrix.csv").read_text(encoding="utf-8-sig")
    assert "Dorá Ünal" in names


def test_csv_replaces_an_older_export_whole(scored_db: Path) -> None:
    folder = export_session(scored_db, "csv")
    (folder / "stale.csv").write_text("old", encoding="utf-8")
    export_session(scored_db, "csv")
    assert not (folder / "stale.csv").exists()
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith(".")] == []


def test_json_validates_against_the_shipped_schema(scored_db: Path) -> None:
    path = export_session(scored_db, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert errors(data, schema, schema) == []
    doc = ExportDocument.model_validate_json(path.read_text(encoding="utf-8"))
    assert [r.pitch for r in doc.ranking.ranking] == [
        r["pitch"] for r in ranking(scored_db)["ranking"]
    ]
    assert doc.audit.head_hash == head_hash(scored_db) and doc.audit.intact
    assert {(r.pitch, r.juror, r.reason) for r in doc.recusals} >= {
        ("kompas", "chris", "former employer")
    }
    assert any(e.action == "pitch.reopened" for e in doc.events)
    assert doc.pitches[2].requested == 150000.5


def test_schema_catches_a_wrong_document() -> None:
    schema = json_schema()
    assert errors({"format": "pitchroom-export"}, schema, schema)


def test_shipped_schema_is_current() -> None:
    """Regenerate with ``python -m pitchroom.export.schema`` after changing the models."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_has_every_part(scored_db: Path, fmt: str) -> None:
    text = export_session(scored_db, fmt).read_text(encoding="utf-8")
    store = Store.open(scored_db)
    try:
        protocol = store.protocol()
    finally:
        store.close()
    assert head_hash(scored_db) in text
    assert protocol in text
    for part in (
        "Innovation budget — pitch day",
        "12 June 2024",
        "Anna de Vries",
        "Funding line",
        "former employer",
        "Best plan; reduced to the core.",
        "misread the feasibility plan",
        "the applicant sent a corrected budget",
        "Strong team; clear plan.",
        "Secretary",
        "Sign",
        "Dorá Ünal",
        "EUR 180,000",
    ):
        assert part in text, part


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_signoff_block_holds_the_head_the_event_count_and_the_check(
    scored_db: Path, fmt: str
) -> None:
    text = export_session(scored_db, fmt).read_text(encoding="utf-8")
    store = Store.open(scored_db)
    try:
        events, head = store.head()
    finally:
        store.close()
    signoff = text[text.index("Sign-off") :]
    assert signoff.index(head) < signoff.index("Signed for the jury")
    assert "Events in the audit log" in signoff and f"{events}" in signoff
    assert f"pitchroom verify {scored_db.name} --expect {head}" in signoff
    assert "Keep the head hash and the number of events in the signed minutes" in signoff
    if fmt == "html":
        assert f"audit log head {head[:16]}… at event {events}" in text


def test_html_report_is_self_contained_with_page_breaks(scored_db: Path) -> None:
    text = export_session(scored_db, "html").read_text(encoding="utf-8")
    assert "@media print" in text and "break-before: page" in text
    assert "<script" not in text and "http://" not in text.split("</style>")[1]
    assert text.count('<section class="top"') == 9  # with "Changes during the session"


def test_progress_is_reported_to_the_end(scored_db: Path) -> None:
    for fmt in ("xlsx", "csv", "json", "md", "html"):
        seen: list[tuple[int, int]] = []
        export_session(scored_db, fmt, progress=lambda done, total, s=seen: s.append((done, total)))
        assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_report_draws_the_funding_line_per_pot(pots_db: Path) -> None:
    report = ranking(pots_db)
    pots = {p["key"]: p for p in report["pots"]}
    md = export_session(pots_db, "md").read_text(encoding="utf-8")
    html = export_session(pots_db, "html").read_text(encoding="utf-8")
    for text in (md, html):
        text = text.replace("\u2068", "").replace("\u2069", "")  # bidi isolates
        assert "Pot: Small projects" in text and "Pot: Large projects" in text
        assert "Money per pot" in text
    lines = sum(1 for p in pots.values() if p["first_unfunded"])
    assert html.count('<tr class="line">') == lines
    assert md.count("**Funding line") == lines
    wb = load_workbook(export_session(pots_db, "xlsx"))
    header = [c.value for c in wb["Ranking"][1]]
    assert [c.value for c in wb["Ranking"]["O"]][1:] == [r["pot"] for r in report["ranking"]]
    assert header[14] == "Pot"
