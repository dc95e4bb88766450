"""The command line, through click's CliRunner on real files (and one subprocess)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.store import Store
from tests.conftest import REPO, copy_demo


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_new_then_check_then_import(tmp_path: Path) -> None:
    toml = tmp_path / "session.toml"
    code, out, _ = run("new", toml)
    assert code == 0 and toml.exists()
    code, out, _ = run("check", toml)
    assert code == 0 and "Criteria: 6;" in out
    code, _, err = run("new", toml)
    assert code == 2 and "exists" in err
    code, out, _ = run("import", toml)
    assert code == 0 and (tmp_path / "session.db").exists()


def test_check_reports_problems_and_writes_nothing(tmp_path: Path) -> None:
    toml = tmp_path / "bad.toml"
    toml.write_text('[session]\ntitle = ""\ncolour = "red"\n', encoding="utf-8")
    code, out, err = run("import", toml)
    assert code == 2 and out == ""
    assert f"{toml}:2: session.title:" in err
    assert f"{toml}:3: session.colour:" in err
    assert "Traceback" not in err
    assert not (tmp_path / "bad.db").exists()


def test_score_single_and_refusals(db_path: Path) -> None:
    code, out, err = run("score", db_path, "leesplank", "anna", "feasibility=8", "impact=7")
    assert code == 0, err
    assert Store.open(db_path).scores("leesplank") == {
        ("leesplank", "anna", "feasibility"): 8,
        ("leesplank", "anna", "impact"): 7,
    }
    code, _, err = run("score", db_path, "leesplank", "bram", "feasibility=11")
    assert code == 2 and f"{db_path}: value:" in err and "scale" in err
    code, _, err = run("score", db_path, "kompas", "chris", "impact=5")
    assert code == 2 and "recused" in err
    code, _, err = run("score", db_path, "leesplank", "bram", "feasibility")
    assert code == 2 and "CRITERION=VALUE" in err


def test_score_on_a_closed_pitch_needs_a_reason(db_path: Path) -> None:
    store = Store.open(db_path)
    store.set_closed("leesplank", True, actor="t")
    store.close()
    code, _, err = run("score", db_path, "leesplank", "anna", "impact=5")
    assert code == 2 and "reason" in err
    code, _, err = run("score", db_path, "leesplank", "anna", "impact=5", "--reason", "late form")
    assert code == 0, err
    event = Store.open(db_path).events()[-1]
    assert event.action == "score.revised" and event.reason == "late form"


def test_score_from_csv_is_all_or_nothing(db_path: Path, tmp_path: Path) -> None:
    csv_path = tmp_path / "scores.csv"
    csv_path.write_text(
        "pitch;juror;criterion;value\n"
        "leesplank;anna;feasibility;8\n"
        "leesplank;anna;impact;11\n"
        "leesplank;bram;impact;7,5\n"
        "kompas;chris;impact;6\n"
        "kompas;bram;impact;seven\n",
        encoding="utf-8-sig",
    )
    code, _, err = run("score", db_path, "--from", csv_path)
    assert code == 2
    # Every bad row at once, in file order: cells that do not parse and rule refusals.
    assert [line.split(": ", 1)[0] for line in err.strip().splitlines()] == [
        f"{csv_path}:{n}" for n in (3, 4, 5, 6)
    ]
    assert f"{csv_path}:3: value:" in err
    assert f"{csv_path}:4: value:" in err  # 7.5 is off a step-1 scale
    assert f"{csv_path}:5: juror:" in err
    assert f"{csv_path}:6: value: 'seven' is not a score" in err
    assert Store.open(db_path).scores() == {}
    csv_path.write_text(
        "pitch,juror,criterion,value\nleesplank,anna,feasibility,8\nleesplank,bram,impact,6\n",
        encoding="utf-8",
    )
    code, out, err = run("score", db_path, "--from", csv_path)
    assert code == 0, err
    assert len(Store.open(db_path).scores()) == 2


def test_recuse_absent_comment_decide(db_path: Path) -> None:
    assert run("recuse", db_path, "leesplank", "bram", "--reason", "advisor")[0] == 0
    assert run("recuse", db_path, "leesplank", "bram")[0] == 2  # already
    assert run("recuse", db_path, "leesplank", "bram", "--lift")[0] == 0
    assert run("absent", db_path, "waterwijs", "bram")[0] == 0
    assert run("absent", db_path, "waterwijs", "bram", "--lift")[0] == 0
    assert run("comment", db_path, "leesplank", "anna", "[bold]great[/] team")[0] == 0
    code, _, err = run(
        "decide", db_path, "leesplank", "award", "--amount", "150000", "--motivation", "Strong plan"
    )
    assert code == 0, err
    code, _, err = run(
        "decide", db_path, "leesplank", "award", "--amount", "1,000", "--motivation", "x"
    )
    assert code == 2 and "amount" in err
    store = Store.open(db_path)
    assert store.comments()[0].text == "[bold]great[/] team"
    assert store.decisions()["leesplank"].decision == "award"
    assert store.verify().ok


def test_verify_and_log(db_path: Path) -> None:
    run("score", db_path, "leesplank", "anna", "impact=6")
    code, out, _ = run("verify", db_path)
    head = Store.open(db_path).head()[1]
    assert code == 0 and head in out
    code, out, _ = run("log", db_path)
    assert code == 0 and "score saved" in out  # the action in words
    conn = sqlite3.connect(db_path)
    conn.execute("update scores set value = 2")
    conn.commit()
    conn.close()
    code, out, err = run("verify", db_path)
    assert code == 1 and "leesplank/anna/impact" in err


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 200)
    for command in (["verify"], ["log"], ["ranking"], ["score", "p", "j", "c=1"]):
        code, _, err = run(command[0], junk, *command[1:])
        assert code == 2, command
        assert "junk.db" in err and "Traceback" not in err


def test_backup(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert run("backup", db_path, copy)[0] == 0
    assert run("backup", db_path, copy)[0] == 2
    assert Store.open(copy).verify().ok
    assert run("backup", db_path, tmp_path / "no" / "such" / "dir.db")[0] == 2


def test_open_imports_once_then_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr("pitchroom.cli.session_cmds._chair", opened.append)
    toml = copy_demo(tmp_path)
    assert run("open", toml)[0] == 0
    db = tmp_path / "day.db"
    assert opened == [db]
    run(
        "score",
        db,
        Store.open(db).session.queue[0].key,
        Store.open(db).session.scoring_jurors[0].key,
        f"{Store.open(db).session.criteria[0].key}=7",
    )
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    code, _, err = run("open", toml)
    assert code == 0 and "changed" in err
    assert Store.open(db).score_count() == 1
    assert run("open", db)[0] == 0


def test_demo_creates_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pitchroom.cli.session_cmds._chair", lambda db: None)
    db = tmp_path / "demo.db"
    code, _, err = run("demo", "--db", db)
    assert code == 0 and str(db) in err
    store = Store.open(db)
    assert len(store.session.pitches) == 60 and len(store.session.queue) == 9
    assert store.timer().pitch == store.session.queue[0].key == "leesplank"


def test_ranking_json_is_one_object_on_stdout(db_path: Path) -> None:
    code, out, _ = run("ranking", db_path, "--json")
    assert code == 0
    report = json.loads(out)
    assert {"method", "protocol", "agreement", "budget", "first_unfunded", "ranking"} <= set(report)
    assert "alpha" in report and (report["alpha"] is None or -1 <= report["alpha"] <= 1)


def test_help_runs_in_a_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pitchroom", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0 and "score" in done.stdout


def test_amend_applies_a_changed_file_and_logs_the_difference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    toml = copy_demo(tmp_path)
    assert run("import", toml)[0] == 0
    db = tmp_path / "day.db"
    old = Store.open(db).protocol()
    run("score", db, "leesplank", "joost", "feasibility=7")
    edited = toml.read_text(encoding="utf-8").replace("weight = 1.5", "weight = 2", 1)
    toml.write_text(edited, encoding="utf-8")
    code, _, err = run("amend", db, toml)
    assert code == 2 and "--reason" in err
    code, out, err = run("amend", db, toml, "--reason", "jury agreed feasibility weighs 2")
    assert code == 0, err
    assert "criterion feasibility: weight 1.5 → 2" in out and "Protocol changed" in out
    store = Store.open(db)
    assert store.protocol() != old
    assert store.session.criteria[0].weight == 2
    event = store.events()[-1]
    assert event.action == "protocol.changed" and "feasibility" in event.reason
    assert store.verify().ok
    # A substitute juror and a corrected title: not the protocol.
    edited = edited.replace('name = "Ingrid Lindqvist"', 'name = "Ingrid Lindqvist-Berg"')
    edited += '\n[[jurors]]\nkey = "kees"\nname = "Kees Substituut"\n'
    toml.write_text(edited, encoding="utf-8")
    csv = tmp_path / "proposals.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("Leesplank: reading", "LeesPlank: reading"),
        encoding="utf-8",
    )
    code, out, err = run("amend", db, toml, "--reason", "substitute for Ingrid; typo")
    assert code == 0, err
    lines = out.splitlines()
    assert "added juror kees (Kees Substituut), at place 6" in lines
    assert any(line.startswith("pitch leesplank: title") for line in lines)
    assert "the protocol is unchanged" in lines[-1]
    code, out, _ = run("score", db, "leesplank", "kees", "feasibility=6")
    assert code == 0
    code, out, _ = run("log", db, "--limit", "3")
    assert "added juror kees" in out and "substitute for Ingrid" in out


def test_amend_refuses_what_would_orphan_records_one_line_each(tmp_path: Path) -> None:
    toml = copy_demo(tmp_path)
    assert run("import", toml)[0] == 0
    db = tmp_path / "day.db"
    run("score", db, "leesplank", "joost", "feasibility=7", "scalability=8")
    before = Store.open(db).head()
    text = toml.read_text(encoding="utf-8")
    start = text.index('[[jurors]]\nkey = "joost"')
    text = text[:start] + text[text.index("[[jurors]]", start + 5) :]
    text = text.replace("scale = { min = 1, max = 10, step = 1 }", "scale = { min = 1, max = 6 }")
    toml.write_text(text, encoding="utf-8")
    code, out, err = run("amend", db, toml, "--reason", "try")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{db}: jurors.joost: removing juror 'joost'")
    assert lines[1].startswith(f"{db}: session.scale:") and "7, 8" in lines[1]
    assert len(lines) == 2 and "Traceback" not in err
    assert Store.open(db).head() == before


def test_a_dutch_session_file_is_checked_in_dutch(tmp_path: Path) -> None:
    toml = tmp_path / "day.toml"
    run("new", toml)
    code, out, err = run("check", toml)
    assert code == 0 and "Criteria: 6;" in out and err == ""
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('language = "en"', 'language = "nl"'),
        encoding="utf-8",
    )
    code, out, err = run("check", toml)
    assert code == 0 and "in orde. Criteria: 6;" in out and err == ""
    code, out, _ = run("check", "--lang", "en", toml)
    assert code == 0 and "ok. Criteria: 6;" in out
