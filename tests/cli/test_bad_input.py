"""Every kind of bad session file, through the command line as a user meets it:
exit status 2, one `FILE:LINE: FIELD: message` line per problem, no traceback,
and no database written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from tests.sessionfile.test_loader import VALID


def variant(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


CONFLICT = '\n[[conflicts]]\njuror = "zed"\npitch = "leesplank"\n'

CASES: dict[str, tuple[bytes | str, str, int | None]] = {
    # name: (file content, FIELD expected, LINE expected or None)
    "unknown key": (variant("budget = 1_000_000", "budjet = 1_000_000"), "session.budjet", 3),
    "control character": (
        variant('title = "Pitch day"', 'title = "Pitch\\u001b[2J day"'),
        "session.title",
        2,
    ),
    "duplicate key": (variant('key = "impact"', 'key = "feasibility"'), "criteria[2].key", 12),
    "unknown juror": (VALID + CONFLICT, "conflicts[1].juror", 32),
    "weight <= 0": (variant("weight = 1.5", "weight = 0"), "criteria[1].weight", 9),
    "min >= max": (variant("min = 1, max = 10", "min = 10, max = 1"), "session.scale.max", 4),
    "step does not divide": (variant("step = 1 }", "step = 4 }"), "session.scale.step", 4),
    "negative amount": (
        variant("requested = 180_000", "requested = -5"),
        "pitches[1].requested",
        28,
    ),
    "empty title": (variant('title = "Leesplank"', 'title = ""'), "pitches[1].title", 26),
    "invalid slug": (variant('key = "bram"', 'key = "Bram J"'), "jurors[2].key", 21),
    "not UTF-8": (VALID.replace("Anna", "Ånna").encode("latin-1"), "file", 17),
    "not TOML": (variant('name = "Impact"', 'name = "Impact'), "toml", 13),
    "empty file": ("", "session", None),
    "missing pitches_csv": (
        variant("budget = 1_000_000", 'budget = 1_000_000\npitches_csv = "nope.csv"').split(
            "[[pitches]]"
        )[0],
        "session.pitches_csv",
        4,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_session_file(tmp_path: Path, case: str) -> None:
    content, field, line = CASES[case]
    toml = tmp_path / "day.toml"
    if isinstance(content, bytes):
        toml.write_bytes(content)
    else:
        toml.write_text(content, encoding="utf-8")
    for command in (["check"], ["import"], ["open"]):
        result = CliRunner().invoke(main, [*command, str(toml)])
        assert result.exit_code == 2, (case, command, result.output)
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        where = f"{toml}:{line}: {field}: " if line else f"{toml}: {field}: "
        assert where in result.stderr, (case, result.stderr)
    assert list(tmp_path.iterdir()) == [toml], "nothing is written"


def test_bad_amount_in_pitches_csv(tmp_path: Path) -> None:
    toml = tmp_path / "day.toml"
    toml.write_text(
        variant("budget = 1_000_000", 'budget = 1_000_000\npitches_csv = "pitches.csv"').split(
            "[[pitches]]"
        )[0],
        encoding="utf-8",
    )
    csv_path = tmp_path / "pitches.csv"
    csv_path.write_text(
        "key;title;requested\nleesplank;Leesplank;180.000\nkompas;Kompas;1000\n",
        encoding="utf-8-sig",
    )
    result = CliRunner().invoke(main, ["import", str(toml)])
    assert result.exit_code == 2
    assert f"{csv_path}:2: requested: " in result.stderr and "ambiguous" in result.stderr
    assert not (tmp_path / "day.db").exists()
