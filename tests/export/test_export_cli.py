"""``pitchroom export`` and ``pitchroom forms`` as a user runs them (click's CliRunner)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.export_cmds import export, forms
from pitchroom.export import ExportError, export_session


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json", "md", "html"])
def test_export_prints_where_it_wrote(scored_db: Path, fmt: str) -> None:
    result = CliRunner().invoke(export, [str(scored_db), "--format", fmt])
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path.exists() and path.parent == scored_db.parent
    assert path.name.startswith("session-results")


def test_export_to_a_named_file_infers_the_format(scored_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "minutes.md"
    result = CliRunner().invoke(export, [str(scored_db), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    assert out.read_text(encoding="utf-8").startswith("# Jury report")


def test_unknown_format_exits_2_with_file_field_message(scored_db: Path) -> None:
    result = CliRunner().invoke(export, [str(scored_db), "--format", "pdf"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{scored_db}: format: ")
    assert "xlsx, csv, json, md, html" in result.stderr
    assert result.stdout == ""


def test_bad_delimiter_and_method_exit_2(scored_db: Path) -> None:
    result = CliRunner().invoke(export, [str(scored_db), "--format", "csv", "--delimiter", "|"])
    assert result.exit_code == 2 and ": delimiter: " in result.stderr
    result = CliRunner().invoke(export, [str(scored_db), "--method", "dictator"])
    assert result.exit_code == 2 and ": method: " in result.stderr


def test_missing_folder_exits_2(scored_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.xlsx"
    result = CliRunner().invoke(export, [str(scored_db), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{out}: output: ")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder_exits_2(scored_db: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = CliRunner().invoke(export, [str(scored_db), "-o", str(locked / "x.json")])
    finally:
        locked.chmod(stat.S_IRWXU)
    assert result.exit_code == 2 and ": output: " in result.stderr


def test_write_failure_leaves_nothing_half_written(
    scored_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"previous export")

    def broken(*args: object, **kwargs: object) -> None:
        Path(args[2]).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pitchroom.export.xlsx.write_xlsx", broken)
    with pytest.raises(ExportError) as caught:
        export_session(scored_db, "xlsx", out)
    assert caught.value.field == "output" and "No space left" in str(caught.value)
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_output_that_is_a_folder_exits_2(scored_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(export, [str(scored_db), "--format", "json", "-o", str(tmp_path)])
    assert result.exit_code == 2 and ": output: " in result.stderr


def test_not_a_database_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("hello", encoding="utf-8")
    for command in (export, forms):
        result = CliRunner().invoke(command, [str(bogus)])
        assert result.exit_code == 2 and str(bogus) in result.stderr
        assert "Traceback" not in result.output
    result = CliRunner().invoke(export, [str(tmp_path / "missing.db")])
    assert result.exit_code == 2


def test_forms_one_page_per_juror_per_pitch(scored_db: Path) -> None:
    result = CliRunner().invoke(forms, [str(scored_db)])
    assert result.exit_code == 0
    path = Path(result.stdout.strip())
    assert path == scored_db.with_name("session-forms.html")
    text = path.read_text(encoding="utf-8")
    # 4 pitches x 4 scoring jurors, less 2 recusals and 1 absence; no observer
    assert text.count('<section class="form">') == 13
    assert "Olga Observer" not in text
    assert "break-after: page" in text
    for part in (
        "Innovation budget — pitch day",
        "Gemeente Zwolle",
        "Anna de Vries",
        "Can this team deliver within budget and time?",
        "1 to 10, steps of 0.5",
        "Signature",
        "Comment",
    ):
        assert part in text


def test_forms_to_unwritable_path_exits_2(scored_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(forms, [str(scored_db), "-o", str(tmp_path / "no" / "f.html")])
    assert result.exit_code == 2 and ": output: " in result.stderr


def test_dash_prints_text_formats_and_refuses_binary_ones(scored_db: Path) -> None:
    before = sorted(p.name for p in scored_db.parent.iterdir())
    result = CliRunner().invoke(export, [str(scored_db), "--format", "json", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ranking"]
    result = CliRunner().invoke(export, [str(scored_db), "--format", "md", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("# Jury report")
    for args in (["-o", "-"], ["--format", "csv", "-o", "-"]):
        result = CliRunner().invoke(export, [str(scored_db), *args])
        assert result.exit_code == 2
        assert "cannot go to standard output" in result.stderr
    # Nothing written beside the database, and no file called "-".
    assert sorted(p.name for p in scored_db.parent.iterdir()) == before
