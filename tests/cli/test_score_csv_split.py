"""The plain scores CSV split at its delimiters and line ends (``score_csv``): the
same rows as the general reader wherever the value column is, a cell given twice
found whichever column holds the value, and the characters that make a file not
plain found as well in an ASCII text (looked at by ``in``) as in any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom.cli import record_cmds
from pitchroom.cli.score_csv import plain_rows
from pitchroom.store.bulk import columns

ORDERS = [
    ("pitch", "juror", "criterion", "value"),
    ("value", "pitch", "juror", "criterion"),
    ("pitch", "value", "juror", "criterion"),
]
ROWS = [
    {"pitch": "leesplank", "juror": "anna", "criterion": "impact", "value": "8"},
    {"pitch": "kompas", "juror": "bram", "criterion": "feasibility", "value": "7.5"},
    {"pitch": "café", "juror": "anna", "criterion": "impact", "value": "6"},
]


def _text(order: tuple[str, ...], rows: list[dict[str, str]], end: str = "\n") -> str:
    lines = [",".join(order)] + [",".join(row[name] for name in order) for row in rows]
    return end.join(lines) + end


def _general(path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(record_cmds, "plain_rows", lambda source, parse: None)
        return record_cmds._rows_from_csv(path)


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_any_column_order_reads_as_the_general_reader_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: tuple[str, ...], end: str
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(_text(order, ROWS, end), encoding="utf-8", newline="")
    fast = plain_rows(path, record_cmds._parsed)
    assert fast is not None
    assert fast == _general(path, monkeypatch)
    assert columns(fast[0]) == tuple(map(list, zip(*fast[0], strict=True)))  # kept, the same


@pytest.mark.parametrize("order", ORDERS)
def test_a_cell_given_twice_goes_the_general_way_wherever_the_value_is(
    tmp_path: Path, order: tuple[str, ...]
) -> None:
    path = tmp_path / "scores.csv"
    twice = [*ROWS, {**ROWS[0], "value": "3"}]
    path.write_text(_text(order, twice), encoding="utf-8")
    assert plain_rows(path, record_cmds._parsed) is None
    near = [*ROWS, {**ROWS[0], "criterion": "feasibility"}]  # not the same cell
    path.write_text(_text(order, near), encoding="utf-8")
    assert plain_rows(path, record_cmds._parsed) is not None


@pytest.mark.parametrize("ascii_text", [True, False])
@pytest.mark.parametrize("odd", ["\x00", "\x0b", "\x0c", "\x1c", "\x1f", "\t", " ", '"', "\r"])
def test_what_is_not_plain_is_found_in_ascii_and_other_text(
    tmp_path: Path, ascii_text: bool, odd: str
) -> None:
    rows = [dict(row) for row in (ROWS if not ascii_text else ROWS[:2])]
    rows[1]["juror"] = f"br{odd}am"
    path = tmp_path / "scores.csv"
    path.write_text(_text(ORDERS[0], rows), encoding="utf-8", newline="")
    assert plain_rows(path, record_cmds._parsed) is None
