"""Pre-selection in the session file and the pitches CSV: ``stage`` and ``granted``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pitchroom.domain.protocol import fingerprint
from pitchroom.domain.sessionfile import load_session
from tests.sessionfile.test_csv import HEAD
from tests.sessionfile.test_loader import only, problems_of, write

BASE = """\
[session]
title = "Pre-selection"
budget = 1000
{session}

[[criteria]]
key = "feasibility"
name = "Feasibility"

[[jurors]]
key = "anna"
name = "Anna"
{rest}
"""


def pitch(key: str, requested: int = 100, **fields: object) -> str:
    lines = [f'\n[[pitches]]\nkey = "{key}"\ntitle = "{key.title()}"\nrequested = {requested}']
    for name, value in fields.items():
        lines.append(f'{name} = "{value}"' if isinstance(value, str) else f"{name} = {value}")
    return "\n".join(lines) + "\n"


def session_file(tmp_path: Path, *pitches: str, session: str = "", pots: str = "") -> Path:
    return write(tmp_path, BASE.format(session=session, rest="".join(pitches) + pots))


def test_stage_defaults_to_pitch_and_the_queue_holds_only_pitching(tmp_path: Path) -> None:
    path = session_file(
        tmp_path,
        pitch("granted", stage="preselected", granted=80),
        pitch("turned", stage="rejected"),
        pitch("one"),
        pitch("two", stage="pitch"),
    )
    session = load_session(path)
    assert [p.stage for p in session.pitches] == ["preselected", "rejected", "pitch", "pitch"]
    assert [p.key for p in session.queue] == ["one", "two"]
    assert session.queue_position("two") == 2 and session.queue_position("granted") is None
    assert session.pitch("granted").preselected_amount == Decimal(80)
    assert session.pitch("turned").preselected_amount is None


def test_the_preselection_is_part_of_the_protocol_only_when_there_is_one(tmp_path: Path) -> None:
    plain = load_session(session_file(tmp_path, pitch("one"), pitch("two")))
    with_stage = load_session(session_file(tmp_path, pitch("one"), pitch("two", stage="pitch")))
    assert fingerprint(plain) == fingerprint(with_stage)
    granted = load_session(session_file(tmp_path, pitch("one"), pitch("two", stage="preselected")))
    assert fingerprint(granted) != fingerprint(plain)


def test_every_preselection_problem_at_once(tmp_path: Path) -> None:
    path = session_file(
        tmp_path,
        pitch("a", stage="pitch", granted=50),
        pitch("b", stage="preselected", granted=150),
        pitch("c", stage="preselected", granted=-5),
        pitch("d", stage="later"),
        pitch("e", stage="rejected", granted=10),
    )
    problems = problems_of(path)
    assert (
        "only for a proposal granted at pre-selection"
        in only(problems, "pitches[1].granted").message
    )
    assert "more than requested" in only(problems, "pitches[2].granted").message
    assert "negative" in only(problems, "pitches[3].granted").message.lower()
    assert "later" in only(problems, "pitches[4].stage").message
    assert '"rejected"' in only(problems, "pitches[5].granted").message
    assert all(p.line for p in problems)


def test_no_pitch_that_pitches_is_refused(tmp_path: Path) -> None:
    path = session_file(tmp_path, pitch("a", stage="preselected"), pitch("b", stage="rejected"))
    assert "no proposal pitches" in only(problems_of(path), "pitches").message


def test_grants_over_the_budget_the_cap_and_a_pot(tmp_path: Path) -> None:
    over_budget = session_file(
        tmp_path,
        pitch("a", 600, stage="preselected"),
        pitch("b", 600, stage="preselected"),
        pitch("c"),
        session="max_funded = 1",
    )
    problems = problems_of(over_budget)
    assert "1200" in only(problems, "session.budget").message
    assert "max_funded is 1" in only(problems, "session.max_funded").message
    pots = (
        '\n[[pots]]\nkey = "small"\nbudget = 300\nmax_requested = 200\n'
        '\n[[pots]]\nkey = "large"\nbudget = 700\nmin_requested = 201\nmax_requested = 500\n'
    )
    in_pots = session_file(
        tmp_path,
        pitch("a", 200, stage="preselected"),
        pitch("b", 150, stage="preselected"),
        pitch("c", 900, stage="preselected"),
        pitch("d"),
        pots=pots,
    )
    problems = problems_of(in_pots)
    assert "350" in only(problems, "pots[1].budget").message
    assert "fits no pot" in only(problems, "pitches[3].requested").message


def test_csv_stage_and_granted_columns(tmp_path: Path) -> None:
    (tmp_path / "pitches.csv").write_text(
        "key;title;requested;stage;granted\n"
        "a;A;100;preselected;80\n"
        "b;B;200; Rejected ;\n"
        "c;C;300;;\n"
        "d;D;400;pitch;\n",
        encoding="utf-8",
    )
    session = load_session(write(tmp_path, HEAD))
    assert [(p.key, p.stage, p.granted) for p in session.pitches] == [
        ("a", "preselected", Decimal(80)),
        ("b", "rejected", None),
        ("c", "pitch", None),
        ("d", "pitch", None),
    ]


def test_csv_bad_stage_and_granted_name_the_file_line_and_column(tmp_path: Path) -> None:
    csv = tmp_path / "pitches.csv"
    csv.write_text(
        "key,title,requested,stage,granted\n"
        "a,A,100,granted,\n"
        "b,B,100,preselected,1.000\n"
        "c,C,100,pitch,50\n"
        "d,D,100,,\n",
        encoding="utf-8",
    )
    problems = problems_of(write(tmp_path, HEAD))
    by_line = {(p.line, p.field): p for p in problems if p.file == str(csv)}
    assert '"granted"' in by_line[(2, "stage")].message
    assert "ambiguous" in by_line[(3, "granted")].message
    assert "only for a proposal granted" in by_line[(4, "granted")].message
