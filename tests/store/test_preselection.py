"""A stored session with a pre-selection: ranking --json, the queue, and what is refused."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.domain.models import Session
from pitchroom.store import Store
from pitchroom.store.db import RuleError
from pitchroom.store.station_queries import pitch_header
from tests.conftest import small_session


def preselected_session(**info: object) -> Session:
    base = small_session(**info).model_dump(mode="json")
    base["pitches"] = [
        {
            "key": "granted",
            "title": "Granted early",
            "requested": 120_000,
            "stage": "preselected",
            "granted": 100_000,
        },
        {"key": "turned", "title": "Turned down", "requested": 90_000, "stage": "rejected"},
        *base["pitches"],
    ]
    return Session.model_validate(base)


@pytest.fixture
def pre_db(tmp_path: Path) -> Path:
    path = tmp_path / "pre.db"
    Store.create(path, preselected_session(max_funded=3), actor="test").close()
    return path


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def score_all(db: Path, pitch: str, value: int) -> None:
    for juror in ("anna", "bram", "chris"):
        code, _, err = run("score", db, pitch, juror, f"feasibility={value}", f"impact={value}")
        assert code == 0 or "recused" in err, err


def test_the_session_opens_on_the_first_pitch_that_pitches(pre_db: Path) -> None:
    with closing(Store.open(pre_db)) as store:
        assert store.timer().pitch == "leesplank"
        header = pitch_header(store)
        assert (header.position, header.total) == (1, 3)
        assert pitch_header(store, "kompas").position == 3
        assert pitch_header(store, "granted").pitch is None


@pytest.mark.parametrize("pitch", ["granted", "turned"])
def test_nothing_is_recorded_on_a_proposal_that_does_not_pitch(pre_db: Path, pitch: str) -> None:
    with closing(Store.open(pre_db)) as store:
        head = store.head()
        for write in (
            lambda: store.set_score(pitch, "anna", "impact", 5, actor="t"),
            lambda: store.open_pitch(pitch, actor="t"),
            lambda: store.recuse(pitch, "anna", reason="x", actor="t"),
            lambda: store.decide(pitch, "award", motivation="x", actor="t"),
            lambda: store.set_withdrawn(pitch, True, actor="t"),
        ):
            with pytest.raises(RuleError) as caught:
                write()
            assert "pre-selection" in caught.value.message
        assert store.head() == head
    code, _, err = run("score", pre_db, pitch, "anna", "impact=5")
    assert code == 2 and "pre-selection" in err


def test_ranking_json_lists_the_preselection_funded_first(pre_db: Path) -> None:
    score_all(pre_db, "leesplank", 9)
    score_all(pre_db, "waterwijs", 8)
    score_all(pre_db, "kompas", 7)
    code, out, err = run("ranking", pre_db, "--json", "--no-extras")
    assert code == 0, err
    report = json.loads(out)
    rows = {r["pitch"]: r for r in report["ranking"]}
    assert [r["pitch"] for r in report["ranking"]][0] == "granted"
    assert rows["granted"]["status"] == "funded" and rows["granted"]["decision"] == "award"
    assert rows["granted"]["granted"] == 100_000 and rows["granted"]["stage"] == "preselected"
    assert rows["turned"]["status"] == "ineligible" and rows["turned"]["decision"] == "reject"
    # budget 500,000 - 100,000 granted = 400,000: leesplank (200,000) then waterwijs (250,000)
    # does not fit; max_funded 3 counts the grant: leesplank and kompas fill it.
    assert rows["leesplank"]["status"] == "funded"
    assert rows["waterwijs"]["status"] == "reserve"
    assert rows["kompas"]["status"] == "funded"
    assert report["left"] == 500_000 - 100_000 - 200_000 - 150_000
    code, out, _ = run("ranking", pre_db, "--no-extras")
    assert "Granted early" not in out and "Pre-selection: 1 granted" in out


def test_check_summary_counts_the_queue(tmp_path: Path) -> None:
    toml = tmp_path / "day.toml"
    toml.write_text(
        '[session]\ntitle = "Day"\n[[criteria]]\nkey = "c"\nname = "C"\n'
        '[[jurors]]\nkey = "j"\nname = "J"\n'
        '[[pitches]]\nkey = "a"\ntitle = "A"\nstage = "preselected"\n'
        '[[pitches]]\nkey = "b"\ntitle = "B"\nstage = "rejected"\n'
        '[[pitches]]\nkey = "c"\ntitle = "C"\n',
        encoding="utf-8",
    )
    code, out, _ = run("check", toml)
    assert code == 0
    assert "pitches: 1 of 3 proposals (1 granted and 1 turned down at pre-selection)" in out


def test_the_report_has_a_preselection_section(pre_db: Path) -> None:
    score_all(pre_db, "leesplank", 9)
    code, out, err = run("export", pre_db, "--format", "md", "-o", "-")
    assert code == 0, err
    assert "Pre-selection" in out
    section = out[out.index("## Pre-selection") :]
    assert "Granted early" in section and "Turned down" in section
    pitches = out[out.index("## The pitches") :]
    assert "Granted early" not in pitches.split("##")[1]
