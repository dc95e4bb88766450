"""CSV files as spreadsheets export them: the pitches file and the score import.

The rules (SPEC.md, "Session file" and "Precise definitions"): UTF-8 with or
without BOM; comma or semicolon delimited (sniffed from the header line);
quoted cells may hold the delimiter and line breaks; problems name the file,
the line where the row starts and the column. An amount is digits with at
most two decimals after ``.`` or ``,``; ``180.000`` and ``1,000`` are refused
as ambiguous. A score may use a decimal comma (``7,5``).

Functions here return problems instead of raising, so a caller can report
every bad row at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pitchroom.domain.known import listing, suggest
from pitchroom.domain.sessionfile.problems import Problem
from pitchroom.domain.text import visible
from pitchroom.i18n import N_, t

Row = tuple[int, dict[str, str]]
"""A data row: the line where it starts, and its cells by column name."""

_WHOLE = re.compile(r"\d+")
_DECIMAL = re.compile(r"(\d+)[.,](\d{1,2})")
_AMBIGUOUS = re.compile(r"(\d{1,3})[.,](\d{3})")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,](\d{1,2}))?")
_LONG_DECIMALS = re.compile(r"(\d+)[.,](\d{3,})")
_SCORE = re.compile(r"(-?\d+)(?:[.,](\d+))?")


def _quote(text: str) -> str:
    return visible(text if len(text) <= 40 else text[:39] + "…")


def parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    """An amount of money as written in a CSV cell or on the command line.

    Returns ``(value, None)`` or ``(None, message)``.
    """
    s = text.strip()
    if not s:
        return None, t("session.amount_empty")
    if s.startswith("-") and parse_amount(s[1:])[0] is not None:
        return None, t("session.amount_negative", text=_quote(s))
    if _WHOLE.fullmatch(s):
        return Decimal(s), None
    if m := _DECIMAL.fullmatch(s):
        return Decimal(f"{m[1]}.{m[2]}"), None
    if m := _AMBIGUOUS.fullmatch(s):
        small = Decimal(f"{m[1]}.{m[2]}").normalize()
        return None, t(
            "session.amount_ambiguous",
            text=_quote(s),
            small=format(small, "f"),
            large=f"{m[1]}{m[2]}",
        )
    if m := _GROUPED.fullmatch(s):
        digits = re.sub(r"[.,]", "", s[: len(s) - len(m[2]) - 1] if m[2] else s)
        plain = f"{digits}.{m[2]}" if m[2] else digits
        return None, t("session.amount_thousands", text=_quote(s), plain=plain)
    if m := _LONG_DECIMALS.fullmatch(s):
        rounded = Decimal(f"{m[1]}.{m[2]}").quantize(Decimal("0.01"))
        return None, t("session.amount_decimals", text=_quote(s), rounded=rounded)
    return None, t("session.amount_not_number", text=_quote(s))


def parse_score_value(text: str) -> tuple[Decimal | None, str | None]:
    """A score as typed on a paper-form import: ``7``, ``7.5`` or ``7,5``.

    Whether it is on the session's scale is the store's rule, not this one's.
    Returns ``(value, None)`` or ``(None, message)``.
    """
    s = text.strip()
    if not s:
        return None, t("session.score_empty")
    m = _SCORE.fullmatch(s)
    if not m:
        return None, t("session.score_not_number", text=_quote(s))
    try:
        return Decimal(f"{m[1]}.{m[2]}" if m[2] else m[1]), None
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None, t("session.score_not_number", text=_quote(s))


def sniff_delimiter(header_line: str) -> str:
    """``;`` when the header line has more semicolons than commas, else ``,``."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def decode_text(
    data: bytes, file: str, key: str = N_("session.csv_not_utf8")
) -> tuple[str | None, list[Problem]]:
    """``data`` as UTF-8 text (a BOM is dropped), or a problem at the bad byte's line."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = f"{data[error.start]:02X}"
        return None, [Problem(file, line, "file", t(key, byte=byte))]


def read_text(path: Path, file: str | None = None) -> tuple[str | None, list[Problem]]:
    """The file's text, or problems that say why it cannot be read."""
    file = str(path) if file is None else file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(file, None, "file", t("session.csv_missing_file"))]
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [Problem(file, None, "file", t("session.cannot_read", error=reason))]
    return decode_text(data, file)


def read_csv_rows(
    path: Path,
    *,
    required: Sequence[str] = (),
    allowed: Sequence[str] | None = None,
    file: str | None = None,
) -> tuple[list[str], list[Row], list[Problem]]:
    """Read a CSV file: ``(header, rows, problems)``.

    Column names are matched without surrounding spaces and case. ``required``
    columns must be present; with ``allowed``, any other column is a problem
    (with a did-you-mean hint). Blank rows are skipped; a missing trailing cell
    reads as empty; a row with more cells than the header is a problem. Cells
    are returned as written (not stripped). ``file`` is the name used in
    problems (default: ``path`` as given).
    """
    file = str(path) if file is None else file
    text, problems = read_text(path, file)
    if text is None:
        return [], [], problems
    columns = listing(allowed if allowed is not None else required)
    if not text.strip():
        return [], [], [Problem(file, None, "file", t("session.csv_empty", columns=columns))]
    delimiter = sniff_delimiter(next(line for line in text.splitlines() if line.strip()))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] = []
    rows: list[Row] = []
    start = line_opened = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            line_opened = line
            if not header:
                if not any(c.strip() for c in cells):
                    continue
                header = [c.strip().lower() for c in cells]
                problems += _header_problems(file, line, header, required, allowed)
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                problems.append(Problem(file, line, "row", _too_many(cells, header, delimiter)))
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(
                (line, {name: cell for name, cell in zip(header, cells, strict=True) if name})
            )
    except csv.Error as error:
        problems.append(Problem(file, start, "file", t("session.csv_broken", error=str(error))))
    else:
        if text.count('"') % 2:  # a quote opened and never closed swallowed the rest
            problems.append(Problem(file, line_opened, "file", t("session.csv_unclosed_quote")))
    return header, rows, problems


def _too_many(cells: list[str], header: list[str], delimiter: str) -> str:
    key = (
        N_("session.csv_too_many_cells_partners")
        if delimiter == ";" and "partners" in header
        else N_("session.csv_too_many_cells")
    )
    return t(key, count=len(cells), expected=len(header), delimiter=delimiter)


def _header_problems(
    file: str,
    line: int,
    header: list[str],
    required: Sequence[str],
    allowed: Sequence[str] | None,
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    known = list(allowed) if allowed is not None else None
    for number, name in enumerate(header, start=1):
        if not name:
            problems.append(
                Problem(
                    file, line, f"column {number}", t("session.csv_empty_column", number=number)
                )
            )
        elif name in seen:
            problems.append(
                Problem(
                    file,
                    line,
                    visible(name),
                    t("session.csv_duplicate_column", column=visible(name)),
                )
            )
        elif known is not None and name not in known:
            hint = suggest(name, [k for k in known if k not in header])
            message = (
                t(
                    "session.csv_unknown_column_hint",
                    column=_quote(name),
                    hint=hint,
                    columns=listing(known),
                )
                if hint
                else t("session.csv_unknown_column", column=_quote(name), columns=listing(known))
            )
            problems.append(Problem(file, line, visible(name), message))
        seen.add(name)
    for name in required:
        if name not in header:
            problems.append(
                Problem(
                    file,
                    line,
                    name,
                    t("session.csv_missing_column", column=name, header=_quote(",".join(header))),
                )
            )
    return problems
