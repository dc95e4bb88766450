"""Pitches from a CSV file, the CSV helpers the score import reuses, amounts and scores."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pitchroom.domain.sessionfile import (
    SessionFileError,
    load_session,
    parse_amount,
    parse_score_value,
    read_csv_rows,
)
from tests.sessionfile.test_loader import REPO, only, problems_of, write

HEAD = """\
[session]
title = "CSV day"
pitches_csv = "pitches.csv"

[[criteria]]
key = "feasibility"
name = "Feasibility"

[[jurors]]
key = "anna"
name = "Anna"
"""

HEADER = "key,title,applicant,partners,requested,summary\n"


def session_with_csv(tmp_path: Path, csv_text: str, *, bom: bool = False) -> Path:
    (tmp_path / "pitches.csv").write_text(csv_text, encoding="utf-8-sig" if bom else "utf-8")
    return write(tmp_path, HEAD)


def test_example_csv_with_bom_semicolons_and_quoted_partners(tmp_path: Path) -> None:
    example = REPO / "data" / "demo" / "pitches-example.csv"
    assert example.read_bytes().startswith(b"\xef\xbb\xbfkey;title;")
    shutil.copyfile(example, tmp_path / "pitches.csv")
    session = load_session(write(tmp_path, HEAD))
    first, second, third = session.pitches
    assert first.key == "leesplank"
    assert first.partners == ["Gemeente Lindenwaard", "Stichting Taalhuis Eemkust"]
    assert first.requested == 180_000 and "\n" in first.summary
    assert second.requested == Decimal("420000.50")
    assert third.title == "Buurtbudget; a participatory budgeting platform"
    assert third.partners == ["Hogeschool Havenstad"] and third.requested == 95_000


def test_comma_csv_any_column_order_and_only_key_and_title(tmp_path: Path) -> None:
    path = session_with_csv(tmp_path, 'Title, key\n"Leesplank, the app",leesplank\n')
    (pitch,) = load_session(path).pitches
    assert (pitch.key, pitch.title, pitch.requested) == ("leesplank", "Leesplank, the app", 0)


def test_bad_amount_is_refused_as_ambiguous_with_file_line_and_column(tmp_path: Path) -> None:
    csv_text = HEADER + 'a,A,,,"100",\nb,B,,,180.000,"two\nlines"\nc,C,,,,\n'
    problems = problems_of(session_with_csv(tmp_path, csv_text))
    (problem,) = problems
    assert problem.file == str(tmp_path / "pitches.csv")
    assert (problem.line, problem.field) == (3, "requested")
    assert "ambiguous" in problem.message and "180000" in problem.message
    assert str(problem).startswith(f"{tmp_path / 'pitches.csv'}:3: requested: ")


def test_unknown_and_missing_columns_are_named(tmp_path: Path) -> None:
    problems = problems_of(session_with_csv(tmp_path, "kee,title,colour\nx,X,red\n"))
    assert "did you mean 'key'?" in only(problems, "kee").message
    assert only(problems, "colour").line == 1
    assert "required" in only(problems, "key").message
    assert all(p.file.endswith("pitches.csv") for p in problems)


def test_cell_errors_map_to_the_csv_row(tmp_path: Path) -> None:
    csv_text = HEADER + "Bad Key,,,,,\nok,OK,\x1b[31mEvil,,,\nok,Again,,,,\n"
    problems = problems_of(session_with_csv(tmp_path, csv_text))
    assert [(p.line, p.field) for p in problems] == [
        (2, "key"),
        (2, "title"),
        (3, "applicant"),
        (4, "key"),
    ]
    assert "ESC" in problems[2].message
    assert "the row on line 3" in problems[3].message


def test_unquoted_partners_with_semicolons_get_a_hint(tmp_path: Path) -> None:
    csv_text = "key;title;partners\nx;X;A; B\n"
    (problem,) = problems_of(session_with_csv(tmp_path, csv_text))
    assert (problem.line, problem.field) == (2, "row") and "quotes" in problem.message


def test_missing_csv_is_reported_on_the_pitches_csv_line(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, HEAD))
    assert problem.file == str(tmp_path / "session.toml")
    assert (problem.line, problem.field) == (3, "session.pitches_csv")
    assert "pitches.csv" in problem.message


def test_csv_and_inline_pitches_together_are_refused(tmp_path: Path) -> None:
    (tmp_path / "pitches.csv").write_text(HEADER + "a,A,,,,\n", encoding="utf-8")
    path = write(tmp_path, HEAD + '\n[[pitches]]\nkey = "b"\ntitle = "B"\n')
    (problem,) = problems_of(path)
    assert (problem.line, problem.field) == (3, "session.pitches_csv")


def test_csv_not_utf8_and_empty_and_header_only(tmp_path: Path) -> None:
    (tmp_path / "pitches.csv").write_bytes((HEADER + "a,Café,,,,\n").encode("latin-1"))
    (problem,) = problems_of(write(tmp_path, HEAD))
    assert (problem.line, problem.field) == (2, "file") and "UTF-8" in problem.message
    (problem,) = problems_of(session_with_csv(tmp_path, ""))
    assert "header" in problem.message
    (problem,) = problems_of(session_with_csv(tmp_path, HEADER))
    assert problem.field == "session.pitches_csv" and "no pitches" in problem.message


def test_toml_problems_come_before_csv_problems(tmp_path: Path) -> None:
    (tmp_path / "pitches.csv").write_text(HEADER + "a,A,,,-5,\n", encoding="utf-8")
    path = write(tmp_path, HEAD.replace('name = "Anna"', 'name = ""'))
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert [(Path(p.file).name, p.line, p.field) for p in caught.value.problems] == [
        ("session.toml", 11, "jurors[1].name"),
        ("pitches.csv", 2, "requested"),
    ]


# -- helpers for the score import --------------------------------------------------------


def test_read_csv_rows_for_scores(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(
        "pitch;juror;criterion;value\n\nleesplank;anna;feasibility;7,5\nkompas;bram\n",
        encoding="utf-8-sig",
    )
    columns = ("pitch", "juror", "criterion", "value")
    header, rows, problems = read_csv_rows(path, required=columns, allowed=columns)
    assert header == list(columns) and problems == []
    assert rows == [
        (3, {"pitch": "leesplank", "juror": "anna", "criterion": "feasibility", "value": "7,5"}),
        (4, {"pitch": "kompas", "juror": "bram", "criterion": "", "value": ""}),
    ]
    _, _, problems = read_csv_rows(tmp_path / "none.csv", required=columns)
    assert [p.field for p in problems] == ["file"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("180000", "180000"),
        ("180000.5", "180000.5"),
        ("180000,50", "180000.50"),
        (" 0 ", "0"),
        ("1234", "1234"),
    ],
)
def test_parse_amount_accepts(text: str, value: str) -> None:
    assert parse_amount(text) == (Decimal(value), None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("180.000", "ambiguous"),
        ("1,000", "ambiguous"),
        ("1.000.000", "thousands"),
        ("1,000,000.50", "thousands"),
        ("-5", "negative"),
        ("€ 5", "not an amount"),
        ("12.345", "ambiguous"),
        ("1800.123", "two decimals"),
        ("", "no amount"),
        ("1e5", "not an amount"),
    ],
)
def test_parse_amount_refuses(text: str, reason: str) -> None:
    value, error = parse_amount(text)
    assert value is None and error is not None and reason in error


def test_parse_score_value() -> None:
    assert parse_score_value("7,5") == (Decimal("7.5"), None)
    assert parse_score_value("8") == (Decimal(8), None)
    assert parse_score_value("-1.5") == (Decimal("-1.5"), None)
    for bad in ("", "seven", "7.5.1", "1,000.5"):
        value, error = parse_score_value(bad)
        assert value is None and error


def test_pitches_csv_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "pitches.csv").mkdir()
    (problem,) = problems_of(write(tmp_path, HEAD))
    assert problem.line == 3 and "not a file" in problem.message
