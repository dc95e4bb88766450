"""A Dutch session exports in Dutch: report headings, number formats, sheet names; the
machine formats (CSV columns, JSON keys) stay English."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pitchroom.cli.main import main
from pitchroom.domain.sessionfile import load_session
from pitchroom.store import Store
from tests.conftest import REPO

DEMO_NL = REPO / "tests" / "dutch_session.toml"  # the 9-pitch Dutch day, fixed for tests


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def dutch_db(tmp_path: Path) -> Path:
    session = load_session(DEMO_NL)
    assert session.session.language == "nl"
    db = tmp_path / "dag.db"
    store = Store.create(db, session, actor="test")
    try:
        jurors = [j.key for j in session.scoring_jurors]
        for p_index, pitch in enumerate(session.pitches[:3]):
            for j_index, juror in enumerate(jurors):
                if (juror, pitch.key) == ("samir", "buurtbudget"):
                    continue
                for c_index, criterion in enumerate(session.criteria):
                    value = 5 + (p_index + j_index + c_index) % 5
                    store.set_score(pitch.key, juror, criterion.key, value, actor="test")
        store.decide(
            "leesplank",
            "award",
            motivation="Sterk team; helder plan.",
            actor="test",
            amount=Decimal("150000.50"),
        )
    finally:
        store.close()
    return db


def test_the_report_is_dutch(dutch_db: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        out = tmp_path / f"rapport.{fmt}"
        code, _, err = run("export", dutch_db, "--format", fmt, "-o", out)
        assert code == 0, err
        text = out.read_text(encoding="utf-8")
        for part in (
            "Juryrapport",
            "Sessie en jury",
            "Ranglijst en financieringsgrens",
            "financieringsgrens",
            "Voorzitter",
            "Ondertekening",
            "12 juni 2024",
            "€ 180.000",  # requested, no cents when whole
            "€ 150.000,50",  # granted, cents when not whole
            "Sterk team; helder plan.",
        ):
            assert part in text, (fmt, part)
        for english in ("Jury report", "Funding line", "Sign-off", "June"):
            assert english not in text, (fmt, english)
    assert '<html lang="nl">' in (tmp_path / "rapport.html").read_text(encoding="utf-8")


def test_scores_in_the_report_use_a_decimal_comma(dutch_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    run("export", dutch_db, "--format", "md", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert any(
        f"| {n},{d}{e} |" in text for n in range(1, 11) for d in range(10) for e in range(10)
    )
    assert "€ 4.000.000" in text or "4.000.000" in text


def test_the_workbook_is_dutch(dutch_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "resultaten.xlsx"
    code, _, err = run("export", dutch_db, "--format", "xlsx", "-o", out)
    assert code == 0, err
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["Ranglijst", "Scores", "Matrix"]
    assert "Logboek" in book.sheetnames and "Sessie" in book.sheetnames
    ranking = book["Ranglijst"]
    header = [c.value for c in next(ranking.iter_rows(min_row=1, max_row=1))]
    assert "Rang" in header and "Aangevraagd" in header and "Deelbudget" in header
    # numbers stay numbers, so Dutch Excel shows them with a decimal comma
    requested = header.index("Aangevraagd")
    cell = next(ranking.iter_rows(min_row=2, max_row=2))[requested]
    assert isinstance(cell.value, int | float) and "#,##0" in cell.number_format


def test_machine_formats_stay_english(dutch_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    code, _, err = run("export", dutch_db, "--format", "csv", "-o", folder, "--delimiter", ";")
    assert code == 0, err
    with (folder / "ranking.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert "Rank" in rows[0] and "Rang" not in rows[0]
    out = tmp_path / "x.json"
    run("export", dutch_db, "--format", "json", "-o", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert "ranking" in document and document["session"]["language"] == "nl"
    code, out_text, _ = run("ranking", dutch_db, "--json")
    assert code == 0 and '"status"' in out_text and "gefinancierd" not in out_text
