"""The language on the command line: --lang, PITCHROOM_LANG, the session file, the locale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom import i18n
from pitchroom.cli.main import main
from tests.conftest import DEMO

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[\w\[\].]+): (?P<message>.+)$")


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    """The demo with three mistakes: a quoted budget, an unknown method, a negative weight."""
    text = DEMO.read_text(encoding="utf-8")
    text = text.replace("budget = 4_000_000", 'budget = "4.000.000"', 1)
    text = re.sub(r'^method = "\w+"', 'method = "meen"', text, count=1, flags=re.M)
    text = text.replace("weight = 1.5", "weight = -1", 1)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_lang_nl_reports_every_mistake_in_dutch(bad: Path) -> None:
    code, out, err = run("check", "--lang", "nl", bad)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) >= 3
    for line in lines:
        assert LINE.match(line), line
    assert "is tekst tussen aanhalingstekens, geen getal" in err
    assert "is hier niet toegestaan" in err
    assert "de weging moet meer dan 0 zijn" in err
    assert "not allowed" not in err


def test_the_english_default_is_unchanged(bad: Path) -> None:
    code, _, err = run("check", bad)
    assert code == 2
    assert "is text in quotes, not a number" in err
    assert "the weight must be more than 0 (it is -1)" in err
    assert "tekst" not in err


def test_precedence(bad: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dutch = bad.with_name("dutch.toml")
    dutch.write_text(
        bad.read_text(encoding="utf-8").replace('language = "en"', 'language = "nl"'),
        encoding="utf-8",
    )
    assert "weging" in run("check", dutch)[2]  # the session file's language
    assert "weight" in run("check", "--lang", "en", dutch)[2]  # --lang beats it
    monkeypatch.setenv("PITCHROOM_LANG", "en")
    assert "weight" in run("check", dutch)[2]  # PITCHROOM_LANG beats the session
    assert "weging" in run("--lang", "nl", "check", bad)[2]  # --lang beats PITCHROOM_LANG
    monkeypatch.delenv("PITCHROOM_LANG")
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert "weight" in run("check", bad)[2]  # the session (en) beats the locale
    assert i18n.choose() == "nl"  # the locale, when nothing else is given


def test_help_and_click_messages_follow_the_language() -> None:
    code, out, _ = run("--lang", "nl", "check", "--help")
    assert code == 0 and "Gebruik:" in out and "Controleer een sessiebestand" in out
    assert "Toon deze uitleg en stop." in out
    code, out, _ = run("check", "--help")
    assert "Usage:" in out and "Check a session file" in out
    code, _, err = run("--lang", "nl", "chek")
    assert code == 2 and "bestaat niet" in err


def test_every_command_takes_lang() -> None:
    for name, command in main.commands.items():
        assert any(p.name == "lang" for p in command.params), name


def test_new_lang_nl_writes_the_dutch_template(tmp_path: Path) -> None:
    toml = tmp_path / "dag.toml"
    code, out, _ = run("new", "--lang", "nl", toml)
    assert code == 0 and "geschreven" in out
    text = toml.read_text(encoding="utf-8")
    assert 'language = "nl"' in text and "# Een pitchroom-sessiebestand" in text
    code, out, _ = run("check", toml)
    assert code == 0 and out.startswith(f"{toml}: in orde.")
