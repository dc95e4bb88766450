"""The export's progress bar: on a terminal only; piped, stderr stays empty."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pitchroom.cli import export_cmds
from pitchroom.cli.main import main
from tests.fresh import bench_module

make_session = bench_module("make_session")


def _big(tmp_path: Path) -> Path:
    toml, scores = make_session.write(tmp_path, (20, 10, 30))  # 6,000 scores
    db = tmp_path / "big.db"
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(toml), "--db", str(db)]).exit_code == 0
    assert runner.invoke(main, ["score", str(db), "--from", str(scores)]).exit_code == 0
    return db


def test_a_big_export_piped_writes_nothing_on_stderr(tmp_path: Path) -> None:
    db = _big(tmp_path)
    assert export_cmds.BIG <= 2 * (6_000 + 6_001)  # the work counted: big enough for a bar
    result = CliRunner().invoke(main, ["export", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.strip().endswith("big-results.json")
