"""`pitchroom ranking --json` against numbers computed by hand.

The session (tests/conftest.py): criteria feasibility (weight 2, threshold 5)
and impact (weight 1); jurors anna (chair), bram, chris, olga (observer);
quorum 2; chris is recused from kompas; budget 500,000.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.store import Store

SCORES = [
    # pitch, juror, feasibility, impact
    ("leesplank", "anna", 8, 7),
    ("leesplank", "bram", 6, 5),
    ("leesplank", "chris", 7, 7),
    ("waterwijs", "anna", 6, 9),
    ("waterwijs", "bram", 5, 4),
    ("kompas", "anna", 9, 9),
    ("kompas", "bram", 8, None),  # half-filled: kompas stays pending
]


@pytest.fixture
def scored(db_path: Path) -> Path:
    store = Store.open(db_path)
    rows = []
    for pitch, juror, feasibility, impact in SCORES:
        rows.append((pitch, juror, "feasibility", Fraction(feasibility)))
        if impact is not None:
            rows.append((pitch, juror, "impact", Fraction(impact)))
    store.set_scores(rows, actor="test")
    # a recused juror's scores never count: score first, then recuse
    store.set_score("waterwijs", "chris", "feasibility", 1, actor="test")
    store.set_score("waterwijs", "chris", "impact", 1, actor="test")
    store.recuse("waterwijs", "chris", actor="test", reason="late conflict")
    store.close()
    return db_path


def ranking(db: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["ranking", str(db), "--json", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_mean_ranking_by_hand(scored: Path) -> None:
    report = ranking(scored)
    rows = {r["pitch"]: r for r in report["ranking"]}
    assert [r["pitch"] for r in report["ranking"]] == ["leesplank", "waterwijs", "kompas"]
    # waterwijs: feasibility (6+5)/2 = 5.5, impact (9+4)/2 = 6.5; (2*5.5 + 6.5)/3 = 35/6
    assert rows["waterwijs"]["score"] == pytest.approx(35 / 6, abs=1e-6)
    assert rows["waterwijs"]["jurors"] == 2  # chris recused: n-1
    # juror totals: anna (12+9)/3 = 7, bram (10+4)/3 = 14/3 -> spread 7/3
    assert rows["waterwijs"]["spread"] == pytest.approx(7 / 3, abs=1e-6)
    # leesplank: feasibility 7, impact 19/3; (14 + 19/3)/3 = 61/9
    assert rows["leesplank"]["score"] == pytest.approx(61 / 9, abs=1e-6)
    assert rows["leesplank"]["jurors"] == 3
    assert [rows[p]["rank"] for p in ("leesplank", "waterwijs")] == [1, 2]  # 61/9 > 35/6
    # kompas: chris recused, bram half-filled -> one complete juror < quorum 2
    assert rows["kompas"]["status"] == "pending" and rows["kompas"]["rank"] is None
    # funding: 250,000 + 200,000 fit in 500,000
    assert rows["waterwijs"]["status"] == "funded" and rows["leesplank"]["status"] == "funded"
    assert report["budget"] == 500_000 and report["first_unfunded"] is None
    assert report["protocol"] == Store.open(scored).protocol()


def test_threshold_and_method_switch(scored: Path) -> None:
    store = Store.open(scored)
    store.set_score("waterwijs", "bram", "feasibility", 3, actor="test")  # mean 4.5 < 5
    store.close()
    rows = {r["pitch"]: r for r in ranking(scored)["ranking"]}
    assert rows["waterwijs"]["status"] == "ineligible"
    report = ranking(scored, "--method", "median")
    assert report["method"] == "median"


def test_lifting_the_recusal_restores_the_scores(scored: Path) -> None:
    store = Store.open(scored)
    store.recuse("waterwijs", "chris", actor="test", lift=True)
    store.close()
    rows = {r["pitch"]: r for r in ranking(scored)["ranking"]}
    assert rows["waterwijs"]["jurors"] == 3
    # feasibility (6+5+1)/3 = 4, impact (9+4+1)/3 = 14/3; (8 + 14/3)/3 = 38/9
    assert rows["waterwijs"]["score"] == pytest.approx(38 / 9, abs=1e-6)


def test_json_output_imports_no_terminal_rendering(scored: Path) -> None:
    """``ranking --json`` prints JSON only: rich, the tables and the event
    sentences (pitchroom.cli.report_text) are not even imported."""
    program = (
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from pitchroom.cli.main import main\n"
        f"out = CliRunner().invoke(main, ['ranking', {str(scored)!r}, '--json']).output\n"
        "print(json.dumps({'out': out, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert json.loads(result["out"])["ranking"]
    modules = set(result["modules"])
    assert "pitchroom.cli.report_cmds" in modules
    assert not {"rich", "pitchroom.cli.report_text", "pitchroom.service.eventtext"} & modules
