"""A plain scores CSV read column-wise: the fast path of ``pitchroom score --from``.

A file written by a script or a spreadsheet at the stress size (500,000 rows) is
nearly always plain: a header naming the four columns, then one row a line, no
quotes, no blank lines, no spaces around cells, no empty cell, no cell twice, every
value a score. Such a file is read here without a Python step per row (the csv
module's reader, then columns, sets and ``map``), with the same result the general
reader (:func:`pitchroom.domain.sessionfile.csvfile.read_csv_rows` and the checks in
``record_cmds._rows_from_csv``) gives it: line ``n + 1`` for the ``n``-th row. Any
file that is not plain in one of those ways returns None and goes the general way,
which names every problem with its line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from pitchroom.domain.sessionfile.csvfile import decode_text, sniff_delimiter
from pitchroom.store.db import paused_gc

SCORE_COLUMNS = ("pitch", "juror", "criterion", "value")

_NOT_PLAIN = re.compile(r'"|\r(?!\n)|[^\S\r\n]')
"""A quote, a lone carriage return, or whitespace other than a line end
(``\\s`` is what ``str.strip`` strips: both are Unicode whitespace)."""

Rows = tuple[list[tuple[str, str, str, Fraction]], list[int], list[tuple[int, str]]]


def plain_rows(source: Path, parse: Callable[[str], Fraction | str]) -> Rows | None:
    """``(rows, line numbers, [])`` for a plain file (see the module), else None.

    ``parse`` turns a value cell into a Fraction or a message; each distinct
    cell text is parsed once, and the rows share the Fraction of a text.
    """
    with paused_gc():  # a million small lists and tuples, none cyclic: see paused_gc
        return _plain_rows(source, parse)


def _plain_rows(source: Path, parse: Callable[[str], Fraction | str]) -> Rows | None:
    try:
        data = source.read_bytes()
    except OSError:
        return None
    text, _problems = decode_text(data, str(source))
    if text is None or _NOT_PLAIN.search(text) is not None:
        return None
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    try:
        table = list(reader)
    except csv.Error:  # a cell over the csv module's size limit: the general way says so
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if len(table) < 2 or len(table) != lines or reader.line_num != lines:
        return None
    header = [cell.lower() for cell in table[0]]
    if sorted(header) != sorted(SCORE_COLUMNS) or set(map(len, table)) != {4}:
        return None
    cells = list(zip(*table[1:], strict=True))
    pitches, jurors, criteria, values = (cells[header.index(name)] for name in SCORE_COLUMNS)
    if any("" in set(column) for column in (pitches, jurors, criteria)):
        return None
    exact: dict[str, Fraction] = {}
    for cell in set(values):
        value = parse(cell)
        if isinstance(value, str):
            return None
        exact[cell] = value
    if len(set(zip(pitches, jurors, criteria, strict=True))) != len(pitches):
        return None  # a cell twice: the general way names both lines
    rows = list(zip(pitches, jurors, criteria, map(exact.__getitem__, values), strict=True))
    return rows, list(range(2, len(rows) + 2)), []
