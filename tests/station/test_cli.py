"""``pitchroom juror``/``serve``/``screen`` refuse bad input with exit 2 and a clear line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pitchroom.cli.main import main


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_juror_unknown_key_exits_2(db_path: Path) -> None:
    result = run("juror", db_path, "--juror", "nobody")
    assert result.exit_code == 2
    assert f"{db_path}: juror: unknown juror 'nobody'" in result.output
    assert "Traceback" not in result.output


def test_juror_observer_exits_2(db_path: Path) -> None:
    result = run("juror", db_path, "--juror", "olga")
    assert result.exit_code == 2
    assert "observer" in result.output


def test_juror_missing_database_exits_2(tmp_path: Path) -> None:
    result = run("juror", tmp_path / "none.db", "--juror", "anna")
    assert result.exit_code == 2
    assert "none.db" in result.output


def test_serve_all_interfaces_needs_public_url(db_path: Path) -> None:
    result = run("serve", db_path, "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "--public-url" in result.output


def test_serve_bad_public_url(db_path: Path) -> None:
    result = run("serve", db_path, "--host", "0.0.0.0", "--public-url", "example.org")
    assert result.exit_code == 2
    assert "http://" in result.output


def test_screen_missing_database_exits_2(tmp_path: Path) -> None:
    result = run("screen", tmp_path / "none.db")
    assert result.exit_code == 2
