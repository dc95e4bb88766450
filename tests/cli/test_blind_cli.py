"""9.12: the command line honours blind mode as the chair's screen does."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.store import Store
from tests.conftest import small_session


def _blind_db(tmp_path: Path) -> Path:
    path = tmp_path / "blind.db"
    store = Store.create(path, small_session(blind=True), actor="test")
    store.set_score("leesplank", "bram", "feasibility", 3, actor="station:bram")
    store.set_score("leesplank", "anna", "impact", 8, actor="chair")
    store.close()
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_log_hides_station_values_of_an_open_blind_pitch(tmp_path: Path) -> None:
    db = _blind_db(tmp_path)
    rows = [json.loads(line) for line in _run("log", str(db), "--json").splitlines()]
    station = next(r for r in rows if r["actor"] == "station:bram")
    assert station["after"] is None and station["hidden"] is True
    chair = next(r for r in rows if r["actor"] == "chair" and r["entity"] == "score")
    assert chair["after"] == {"value": 8}
    assert "hidden" in _run("log", str(db))
    shown = [json.loads(line) for line in _run("log", str(db), "--json", "--unblind").splitlines()]
    assert next(r for r in shown if r["actor"] == "station:bram")["after"] == {"value": 3}
    assert shown[-1]["action"] == "blind.unblinded"  # logged before it showed anything


def test_export_to_stdout_hides_them_too(tmp_path: Path) -> None:
    db = _blind_db(tmp_path)
    doc = json.loads(_run("export", str(db), "--format", "json", "-o", "-"))
    cells = {(s["juror"], s["criterion"]): s["value"] for s in doc["scores"]}
    assert ("bram", "feasibility") not in cells and cells[("anna", "impact")] == 8
    station = [e for e in doc["events"] if e["actor"] == "station:bram"]
    assert station and all(e["after"] is None for e in station)
    doc = json.loads(_run("export", str(db), "--format", "json", "-o", "-", "--unblind"))
    assert {(s["juror"], s["criterion"]) for s in doc["scores"]} >= {("bram", "feasibility")}
    store = Store.open(db)
    try:
        assert store.events()[-1].action == "blind.unblinded"
    finally:
        store.close()


def test_once_closed_the_values_show(tmp_path: Path) -> None:
    db = _blind_db(tmp_path)
    store = Store.open(db)
    store.set_closed("leesplank", True, actor="chair")
    store.close()
    doc = json.loads(_run("export", str(db), "--format", "json", "-o", "-"))
    assert ("bram", "feasibility") in {(s["juror"], s["criterion"]) for s in doc["scores"]}


def test_piped_tables_are_plain_lines(tmp_path: Path) -> None:
    """9.11: piped, a table is one tab-separated line per row with every value whole
    (no box, no wrapped title), scores with two decimals, and pots name the pitch."""
    db = _blind_db(tmp_path)
    store = Store.open(db)
    store.set_closed("leesplank", True, actor="chair")
    store.close()
    out = _run("ranking", str(db), "--no-extras")
    lines = out.splitlines()
    assert lines[1].split("\t")[:3] == ["Rank", "Pitch", "Score"]
    row = next(line.split("\t") for line in lines if "Leesplank" in line)
    assert row[1] == "Leesplank" and row[2].count(".") == 1 and len(row[2].split(".")[1]) == 2
    assert not any(ch in out for ch in "┃│┏")
    log = _run("log", str(db)).splitlines()
    assert all(len(line.split("\t")) == 7 for line in log)
