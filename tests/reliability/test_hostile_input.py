"""A hostile-input corpus for the session file and the score CSV: every case is
refused with exit 2 and a ``FILE:LINE: FIELD: message``, never a traceback or an
"unexpected error", and nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from tests.conftest import DEMO

BASE = DEMO.read_text(encoding="utf-8")
TITLE = re.compile(r'^title = ".*"$', re.M)


def _title(value: str) -> str:
    return TITLE.sub(lambda _: f"title = {value}", BASE, count=1)


def _weight(value: str) -> str:
    return BASE.replace("weight = 1.5", f"weight = {value}", 1)


def _minutes(value: str) -> str:
    return BASE.replace("pitch_minutes = 7", f"pitch_minutes = {value}", 1)


def _name(value: str) -> str:
    return BASE.replace('name = "Feasibility"', f"name = {value}", 1)


def _budget(value: str) -> str:
    return re.sub(r"^budget = .*$", f"budget = {value}", BASE, count=1, flags=re.M)


CORPUS: dict[str, tuple[str, str]] = {
    # numbers: huge, tiny, non-finite, negative zero, too many digits, wrong type
    "weight 1e308": (_weight("1e308"), "at most 1000"),
    "weight 40 digits": (_weight("9" * 40), "at most 1000"),
    "weight 5000 digits": (_weight("9" * 5000), "5000 digits"),
    "weight -0.0": (_weight("-0.0"), "more than 0"),
    "weight nan": (_weight("nan"), "ordinary number"),
    "weight inf": (_weight("inf"), "ordinary number"),
    "weight text": (_weight('"heavy"'), "number"),
    "weight list": (_weight("[1, 2]"), "number"),
    "pitch_minutes 1e308": (_minutes("1e308"), "at most 1440"),
    "pitch_minutes 0": (_minutes("0"), "more than 0"),
    "pitch_minutes -inf": (_minutes("-inf"), "ordinary number"),
    "budget 1e308": (_budget("1e308"), "at most"),
    "budget 5000 digits": (_budget("9" * 5000), "5000 digits"),
    "budget negative": (_budget("-1"), "negative"),
    "budget bool": (_budget("true"), "number"),
    # text: blank, invisible, bidi, control, long
    "title spaces": (_title('"   "'), "shows nothing"),
    "title nbsp": (_title('"\u00a0\u00a0"'), "shows nothing"),
    "title zero-width": (_title('"\u200b\u2060\ufeff"'), "shows nothing"),
    "title ideographic space": (_title('"\u3000"'), "shows nothing"),
    "title empty": (_title('""'), "empty"),
    "title rtl override": (_title('"Pitch \u202eyad"'), "U+202E"),
    "title rtl isolate": (_title('"Pitch \u2067day"'), "U+2067"),
    "title escape": (_title('"Pitch \\u001b[2J"'), "U+001B"),
    "title csi": (_title('"Pitch \\u009b2J"'), "U+009B"),
    "title newline": (_title('"two\\nlines"'), "newline"),
    "title 100k": (_title('"' + "x" * 100_000 + '"'), "at most 200"),
    "title number": (_title("42"), "text"),
    "name spaces": (_name('"  "'), "shows nothing"),
    "name zero-width": (_name('"\u200b"'), "shows nothing"),
    "name bidi": (_name('"Feas\u202eytilib"'), "U+202E"),
    # structure
    "header 5000 parts": ("[" + ".".join(["a"] * 5000) + "]\n" + BASE, "too deeply"),
    "header 5000 parts at end": (BASE + "\n[" + ".".join(["a"] * 5000) + "]\n", "too deeply"),
    "inline nesting": (BASE + "\nx = " + "[" * 3000 + "]" * 3000 + "\n", "too deeply"),
    "unknown key": (BASE.replace("[session]", "[session]\ntitel = 'x'", 1), "titel"),
    "table twice": (BASE + "\n[session]\ntitle = 'again'\n", "session"),
    "unclosed string": (BASE + '\nnote = "open\n', "toml"),
    "not toml": ("<html><body>session</body></html>\n", "toml"),
    "nul byte": (BASE.replace("[session]", "[session]\u0000", 1), ""),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_a_hostile_session_file_is_refused_with_a_line(tmp_path: Path, case: str) -> None:
    text, expected = CORPUS[case]
    path = tmp_path / "day.toml"
    path.write_text(text, encoding="utf-8")
    for command in (["check", str(path)], ["import", str(path)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, (case, result.output)
        assert "unexpected" not in result.output.lower()
        assert "Traceback" not in result.output
        assert result.output.startswith(str(path)), result.output
        assert expected in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["day.toml"]  # nothing written


def test_bytes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "day.toml"
    path.write_bytes(BASE.encode("utf-8").replace(b"[session]", b"[session]\n# \xff\xfe", 1))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "FF" in result.output


SCORES = "pitch,juror,criterion,value\n"
CSV_CORPUS: dict[str, tuple[str, str]] = {
    "same cell twice": (
        SCORES + "buurtbudget,joost,feasibility,7\nbuurtbudget,joost,feasibility,8\n",
        ":3: row: the same pitch, juror and criterion as line 2",
    ),
    "same cell, spaced": (
        SCORES + "buurtbudget,joost,feasibility,7\n buurtbudget ,joost,feasibility,7\n",
        ":3: row:",
    ),
    "unclosed quote at the end": (
        SCORES + 'buurtbudget,joost,feasibility,7\nbuurtbudget,joost,"scalability,8\n',
        ":3: file: a quote",
    ),
    "5000-digit value": (SCORES + "buurtbudget,joost,feasibility," + "9" * 5000 + "\n", ":2:"),
    "nan value": (SCORES + "buurtbudget,joost,feasibility,nan\n", ":2:"),
    "inf value": (SCORES + "buurtbudget,joost,feasibility,inf\n", ":2:"),
    "1e308 value": (SCORES + "buurtbudget,joost,feasibility,1e308\n", ":2:"),
    "too many cells": (SCORES + "buurtbudget,joost,feasibility,7,8\n", ":2:"),
    "unknown pitch": (SCORES + "nowhere,joost,feasibility,7\n", ":2:"),
    "escape in key": (SCORES + "buurt\x1b[2Jbudget,joost,feasibility,7\n", ":2:"),
    "no header": ("buurtbudget,joost,feasibility,7\n", ":1:"),
}


@pytest.mark.parametrize("case", list(CSV_CORPUS))
def test_a_hostile_score_csv_is_refused_and_nothing_saved(tmp_path: Path, case: str) -> None:
    db = tmp_path / "demo.db"
    assert CliRunner().invoke(main, ["import", str(DEMO), "--db", str(db)]).exit_code == 0
    text, expected = CSV_CORPUS[case]
    source = tmp_path / "scores.csv"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(db), "--from", str(source)])
    assert result.exit_code == 2, result.output
    assert "unexpected" not in result.output.lower()
    assert expected in result.output, result.output
    from pitchroom.store import Store

    store = Store.open(db)
    try:
        assert store.score_count() == 0
    finally:
        store.close()
