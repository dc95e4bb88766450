"""The same tables as CSV files in a folder, for spreadsheets and scripts.

UTF-8 with a byte order mark (so Excel reads accents), ``,`` or ``;`` as the
delimiter. With ``;`` (the delimiter of spreadsheets set to a decimal-comma
locale) numbers are written with a decimal comma, so they stay numbers there.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from pitchroom.export.tables import Table
from pitchroom.export.text import FORMULA_START, neutralise

CHUNK_ROWS = 2000
"""Rows written (and reported to the progress) at a time."""


def _cell(value: object, decimal_comma: bool) -> object:
    if value is None:
        return ""
    kind = type(value)
    if kind is int:
        return value
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value  # neutralise()
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if decimal_comma else text
    return neutralise(value)


def write_csv(
    sheets: list[Table], folder: Path, delimiter: str, tick: Callable[[int], None]
) -> None:
    decimal_comma = delimiter == ";"
    for table in sheets:
        with (folder / f"{table.file}.csv").open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=delimiter)
            writer.writerow([neutralise(c.label) for c in table.columns])
            rows = table.rows
            for start in range(0, len(rows), CHUNK_ROWS):
                chunk = rows[start : start + CHUNK_ROWS]
                writer.writerows([[_cell(v, decimal_comma) for v in row] for row in chunk])
                tick(len(chunk))
