"""A plain scores CSV read column-wise: the fast path of ``pitchroom score --from``.

A file written by a script or a spreadsheet at the stress size (500,000 rows) is
nearly always plain: a header naming the four columns, then one row a line, no
quotes, no blank lines, no spaces around cells, no empty cell, no cell twice, every
value a score. Such a file is read here without a Python step per row (split at its
line ends and delimiters, which is what the csv module does to a text without quotes;
then columns as slices, sets and ``map``; the rows keep their columns, see
:class:`~pitchroom.store.bulk.ScoreRows`), with the same result the general
reader (:func:`pitchroom.domain.sessionfile.csvfile.read_csv_rows` and the checks in
``record_cmds._rows_from_csv``) gives it: line ``n + 1`` for the ``n``-th row. Any
file that is not plain in one of those ways returns None and goes the general way,
which names every problem with its line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from fractions import Fraction
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from pitchroom.domain.sessionfile.csvfile import decode_text, sniff_delimiter
from pitchroom.store.bulk import ScoreRows
from pitchroom.store.db import paused_gc

SCORE_COLUMNS = ("pitch", "juror", "criterion", "value")

_NOT_PLAIN = re.compile(r'"|\r(?!\n)|[^\S\r\n]|\x00')
"""A quote, a lone carriage return, whitespace other than a line end (``\\s`` is what
``str.strip`` strips: both are Unicode whitespace), or a NUL."""
_ASCII_NOT_PLAIN = [
    '"',
    "\x00",
    *(c for c in map(chr, range(128)) if c.isspace() and c not in "\r\n"),
]
"""What :data:`_NOT_PLAIN` finds in an ASCII text, but a lone carriage return."""

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
    if text is None or not _plain(text):
        return None
    # No quotes, so the csv module would split at each delimiter and line end, as
    # split() does; the only line ends are "\n" and "\r\n" (other breaks are spaces).
    lines = text.splitlines()
    delimiter = sniff_delimiter(lines[0]) if lines else ","
    if (
        len(lines) < 2
        or set(map(str.count, lines, repeat(delimiter))) != {len(SCORE_COLUMNS) - 1}
        or max(map(len, lines)) > csv.field_size_limit()  # the general way says so
    ):
        return None
    header = [cell.lower() for cell in lines[0].split(delimiter)]
    if sorted(header) != sorted(SCORE_COLUMNS):
        return None
    body = lines[1:]
    cells = delimiter.join(body).split(delimiter)
    width = len(SCORE_COLUMNS)
    pitches, jurors, criteria, texts = (
        cells[header.index(name) :: width] for name in SCORE_COLUMNS
    )
    if "" in pitches or "" in jurors or "" in criteria:
        return None
    exact: dict[str, Fraction] = {}
    for cell in set(texts):
        value = parse(cell)
        if isinstance(value, str):
            return None
        exact[cell] = value
    if _cell_twice(body, header.index("value"), delimiter, pitches, jurors, criteria):
        return None  # the general way names both lines
    values = list(map(exact.__getitem__, texts))
    return ScoreRows(pitches, jurors, criteria, values), list(range(2, len(values) + 2)), []


def _plain(text: str) -> bool:
    """No quote, lone carriage return or whitespace but line ends (:data:`_NOT_PLAIN`);
    an ASCII text (the usual one) is looked at by ``in``, faster than the pattern."""
    if not text.isascii():
        return _NOT_PLAIN.search(text) is None
    return text.count("\r") == text.count("\r\n") and not any(c in text for c in _ASCII_NOT_PLAIN)


def _cell_twice(lines: list[str], value: int, delimiter: str, *keys: list[str]) -> bool:
    """Whether a (pitch, juror, criterion) comes twice: with the value first or last,
    by the rest of each line (one string, cheaper than a tuple of three)."""
    if value == len(SCORE_COLUMNS) - 1:
        rests = map(itemgetter(0), map(str.rpartition, lines, repeat(delimiter)))
    elif value == 0:
        rests = map(itemgetter(2), map(str.partition, lines, repeat(delimiter)))
    else:
        return len(set(zip(*keys, strict=True))) != len(lines)
    return len(set(rests)) != len(lines)
