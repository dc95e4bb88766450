"""`pitchroom ranking` and `pitchroom log` at a terminal of 80 (and 120) columns:
every line fits, a title is cut with an ellipsis and never wrapped, headers and
numbers stay whole, the log's long values get their own lines; piped, the output
stays tab-separated with every value whole (issue 9.11)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.domain.sessionfile import load_session
from pitchroom.i18n import speaking, t
from pitchroom.store import Store
from tests.conftest import DEMO

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, scored: two pots, long titles, one pitch closed and revised."""
    session = load_session(DEMO)
    db = tmp_path_factory.mktemp("demo") / "day.db"
    store = Store.create(db, session, actor="test")
    try:
        recused = {(c.pitch, c.juror) for c in session.conflicts}
        rows = []
        for p, pitch in enumerate(session.queue):
            for j, juror in enumerate(session.scoring_jurors):
                if (pitch.key, juror.key) in recused:
                    continue
                for c, criterion in enumerate(session.criteria):
                    value = 3 + (p * 3 + j * 2 + c) % 7
                    rows.append((pitch.key, juror.key, criterion.key, Fraction(value)))
        store.set_scores(rows, actor="test")
        first = session.queue[0].key
        store.set_closed(first, True, actor="test")
        store.set_score(
            first, "marieke", "future", 9, actor="test", reason="misread the paper form " * 4
        )
    finally:
        store.close()
    return db


def at_terminal(*args: str, columns: int = 80, lang: str = "en") -> list[str]:
    env = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": str(columns)}
    result = CliRunner(env=env).invoke(main, ["--lang", lang, *args])
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout).splitlines()


def piped(*args: str) -> list[str]:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def titles(db: Path) -> list[str]:
    session = load_session(DEMO)
    return [p.title for p in session.queue]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("columns", [80, 120])
def test_ranking_fits_the_terminal(demo_db: Path, columns: int, lang: str) -> None:
    lines = at_terminal("ranking", str(demo_db), columns=columns, lang=lang)
    assert max(len(line) for line in lines) <= columns
    with speaking(lang):
        header = [t("cli.col_rank"), t("cli.col_pitch"), t("cli.col_score")]
        requested = t("cli.col_requested", currency="EUR" if lang == "en" else "€")
        funding = t("cli.funding_line")
    heads = [line for line in lines if line.split()[:1] == [header[0]]]
    assert len(heads) == 2  # one table per pot
    for head in heads:
        assert all(h in head for h in header) and requested in head  # headers whole
    # each pitch on one line: its rank, the start of its title, its score with 2 decimals
    for title in titles(demo_db):
        shown = [line for line in lines if title[:12] in line and re.match(r"\s*\d+\s", line)]
        assert len(shown) == 1, (title, shown)
        row = shown[0]
        assert title in row or "…" in row  # whole, or cut with an ellipsis
        score = re.search(r"\s(\d+[.,]\d+)\s", row)  # the first decimal number: the score
        assert score and re.fullmatch(r"\d+[.,]\d{2}", score[1]), row
    # no line holds a piece of a title that wrapped
    for line in lines:  # every row on one line: no piece of a title below it
        assert not line.startswith(" " * 6), "\n".join(lines)
    assert sum(funding in line for line in lines) >= 1


def test_ranking_footer_names_the_pot_and_the_first_unfunded_title(demo_db: Path) -> None:
    text = "\n".join(piped("ranking", str(demo_db)))
    session = load_session(DEMO)
    pots = {p.key: p.name for p in session.pots}
    for key, name in pots.items():
        assert f"{name}: EUR" in text
        assert f"Pot {key}:" not in text
    first = re.findall(r"first unfunded: (.*)$", text, re.M)
    assert first and all(f == "–" or f in {p.title for p in session.queue} for f in first)


def test_piped_ranking_is_tab_separated_and_whole(demo_db: Path) -> None:
    lines = piped("ranking", str(demo_db))
    header = lines[1].split("\t")
    assert header[1] == "Pitch" and "Requested (EUR)" in header
    rows = [line.split("\t") for line in lines[2:] if line.count("\t") == len(header) - 1]
    assert sorted(r[1] for r in rows) == sorted(titles(demo_db))  # whole titles
    # the footer's sentences are not wrapped at 80 columns when piped
    assert any(len(line) > 80 for line in lines if "\t" not in line)
    assert any(line.startswith("Method mean") and "alpha" in line for line in lines)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_log_at_80_columns_cuts_no_value(demo_db: Path, lang: str) -> None:
    lines = at_terminal("log", str(demo_db), "--limit", "12", columns=80, lang=lang)
    assert max(len(line) for line in lines) <= 80
    assert not any("…" in line for line in lines)
    # an event's line starts with its number; anything else is indented below it
    for line in lines[1:]:
        assert re.match(r"\s*\d+\s{2}\d{4}-", line) or line.startswith(" " * 5), line
    text = " ".join(line.strip() for line in lines)
    assert ("misread the paper form " * 4).strip() in text  # a long reason, whole
    # each change is the journal's sentence: names and values, never fields or keys
    session = load_session(DEMO)
    first = session.queue[0]
    marieke, future = session.juror("marieke"), session.criterion("future")
    assert marieke is not None and future is not None
    with speaking(lang):
        closed = t("ui.journal_closed", pitch=first.title, juror="", criterion="")
    assert closed in text
    assert f"{marieke.name} · {future.name}" in text and "→ 9" in text
    assert "closed=" not in text and "value=" not in text and "marieke" not in text


def test_piped_log_is_tab_separated(demo_db: Path) -> None:
    lines = piped("log", str(demo_db), "--limit", "3")
    assert lines[0].split("\t")[0] == "#" and len(lines) == 4
    assert all(line.count("\t") == 6 for line in lines)
