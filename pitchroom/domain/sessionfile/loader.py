"""Read a session file (TOML, and the pitches CSV it may name) into a :class:`Session`.

Every problem is reported at once, located as ``FILE:LINE: FIELD: message``
(SPEC.md, "Bad input"); a TOML syntax error stops the parser, so it is
reported alone. Bad input never raises anything but :class:`SessionFileError`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pitchroom.domain.models import PITCH_FIELDS, Scale, Session, SessionInfo
from pitchroom.domain.sessionfile.csvfile import decode_text, parse_amount, read_csv_rows
from pitchroom.domain.sessionfile.lines import key_lines, line_of
from pitchroom.domain.sessionfile.messages import (
    ITEM_MODELS,
    is_numeric,
    model_at,
    shown,
    translate,
)
from pitchroom.domain.sessionfile.problems import (
    Loc,
    Problem,
    SessionFileError,
    field_path,
    in_line_order,
)
from pitchroom.domain.text import visible
from pitchroom.domain.validation import Parts, check_parts, control_problems
from pitchroom.i18n import N_, t

PITCH_COLUMNS = PITCH_FIELDS
_CSV_LOC: Loc = ("session", "pitches_csv")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_TWICE = re.compile(r"Cannot declare \((.*)\) twice")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def load_session(path: Path) -> Session:
    """The session in ``path``; raises :class:`SessionFileError` listing every problem."""
    path = Path(path)
    file = str(path)
    text = _read(path, file)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SessionFileError([_syntax_problem(file, error)]) from None
    except RecursionError:
        raise SessionFileError([Problem(file, None, "toml", t("session.toml_too_deep"))]) from None
    except ValueError:  # an integer beyond Python's 4,300-digit conversion limit
        raise SessionFileError([_long_number(file, text)]) from None
    if not raw:
        message = t("session.file_empty", name=path.name)
        raise SessionFileError([Problem(file, None, "session", message)])
    try:
        return _Loader(path, text, raw).run()
    except RecursionError:  # a table nested thousands deep (a 5,000-part header)
        raise SessionFileError([Problem(file, None, "toml", t("session.toml_too_deep"))]) from None


_LONG_DIGITS = re.compile(r"\d{100,}")


def _long_number(file: str, text: str) -> Problem:
    """The line of the first number too long to be one a person meant."""
    found = _LONG_DIGITS.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return Problem(
        file, line, "toml", t("session.number_too_long", digits=len(found.group()) if found else 0)
    )


def _read(path: Path, file: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(
            [Problem(file, None, "file", t("session.file_missing", name=path.name))]
        ) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SessionFileError(
            [Problem(file, None, "file", t("session.cannot_read", error=reason))]
        ) from None
    text, problems = decode_text(data, file, N_("session.not_utf8"))
    if text is None:
        raise SessionFileError(problems)
    return text


def _syntax_problem(file: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    position = _TOML_POSITION.search(message)
    if position:
        detail = message[: position.start()]
        line, column = int(position[1]), position[2]
        declared = _TOML_TWICE.match(detail)
        if declared:
            table = ".".join(re.findall(r"'([^']*)'", declared[1]))
            text = t("session.toml_table_twice", table=visible(table))
        elif detail.startswith("Cannot overwrite a value"):
            text = t("session.toml_key_twice", column=column)
        elif detail == "Illegal character '\\n'":
            text = t("session.toml_unclosed", column=column)
        else:
            text = t("session.toml_syntax", error=visible(detail), column=column)
        return Problem(file, line, "toml", text)
    detail = visible(_TOML_END.sub("", message))
    return Problem(file, None, "toml", t("session.toml_syntax_end", error=detail))


class _Loader:
    def __init__(self, path: Path, text: str, raw: dict[str, Any]) -> None:
        self.path = path
        self.file = str(path)
        self.lines = key_lines(text)
        self.raw = raw
        self.problems: list[Problem] = []
        self.csv_file: str | None = None
        self.csv_lines: list[int] = []
        self.csv_failed = False

    def _csv_line(self, loc: Loc) -> int | None:
        """The CSV line of the pitch at ``loc``, when pitches came from a CSV file."""
        if self.csv_file is not None and len(loc) >= 2 and loc[0] == "pitches":
            index = loc[1]
            if isinstance(index, int) and index < len(self.csv_lines):
                return self.csv_lines[index]
        return None

    def locate(self, loc: Loc, message: str) -> Problem:
        line = self._csv_line(loc)
        if self.csv_file is not None and line is not None:
            column = next((str(p) for p in loc[2:] if isinstance(p, str)), "row")
            return Problem(self.csv_file, line, column, message)
        return Problem(self.file, line_of(self.lines, loc), field_path(loc), message)

    def name(self, loc: Loc) -> str:
        """How a message names an entry: ``criteria[1]``, or a CSV row by its line."""
        line = self._csv_line(loc)
        if line is not None and len(loc) == 2:
            return t("session.csv_row", line=line)
        return field_path(loc)

    def add(self, found: list[tuple[Loc, str]]) -> None:
        self.problems += [self.locate(loc, message) for loc, message in found]

    def run(self) -> Session:
        self._pitches_csv()
        controls = control_problems(self.raw)
        self.add(controls)
        flagged = {loc for loc, _ in controls}
        quoted = self._quoted_numbers()
        self.add(quoted)
        flagged |= {loc for loc, _ in quoted}
        session: Session | None = None
        try:
            session = Session.model_validate(self.raw)
        except ValidationError as error:
            for item in error.errors(include_url=False):
                loc = tuple(item["loc"])
                if loc in flagged or (self.csv_failed and loc[:1] == ("pitches",)):
                    continue
                self.add([(loc, translate(item))])
            parts = _salvage(self.raw)
        else:
            parts = Parts.of(session)
        parts.name = self.name
        self.add(check_parts(parts))
        if self.problems or session is None:
            raise SessionFileError(in_line_order(self.problems, first=self.file))
        return session

    # -- numbers written as text -------------------------------------------------

    def _quoted_numbers(self) -> list[tuple[Loc, str]]:
        """A number in quotes (``requested = "180.000"``) or a true/false where a number
        belongs: pydantic would read the first silently, and ``"180.000"`` as 180."""
        found: list[tuple[Loc, str]] = []
        for loc, table in _tables(self.raw):
            model = model_at(loc)
            if model is None:
                continue
            for name, value in table.items():
                if is_numeric(model, name) and isinstance(value, str | bool):
                    key = (
                        N_("session.number_quoted")
                        if isinstance(value, str)
                        else N_("session.expected_number")
                    )
                    found.append(((*loc, name), t(key, value=shown(value), key=name)))
        return found

    # -- pitches from a CSV file -------------------------------------------------

    def _pitches_csv(self) -> None:
        info = self.raw.get("session")
        name = info.get("pitches_csv") if isinstance(info, dict) else None
        if not isinstance(name, str):
            return  # absent, or not text: pydantic says so
        if not name.strip():
            self.add([(_CSV_LOC, t("session.csv_path_empty"))])
            return
        if "pitches" in self.raw:
            self.add([(_CSV_LOC, t("session.csv_and_pitches"))])
            return
        self.csv_failed = True
        csv_path = self.path.parent / name
        if not csv_path.is_file():
            key = N_("session.csv_not_a_file") if csv_path.exists() else N_("session.csv_missing")
            self.add([(_CSV_LOC, t(key, name=visible(name), path=visible(str(csv_path))))])
            return
        csv_file = str(csv_path)
        header, rows, problems = read_csv_rows(
            csv_path, required=("key", "title"), allowed=PITCH_COLUMNS, file=csv_file
        )
        self.problems += problems
        if not header or any(column not in header for column in ("key", "title")):
            return
        if not rows:
            if not problems:
                self.add([(_CSV_LOC, t("session.csv_no_rows", name=visible(name)))])
            return
        pitches = []
        for line, cells in rows:
            pitch, amount_errors = _pitch_from_cells(cells)
            for column, error in amount_errors:
                self.problems.append(Problem(csv_file, line, column, error))
            pitches.append(pitch)
            self.csv_lines.append(line)
        self.raw["pitches"] = pitches
        self.csv_file = csv_file
        self.csv_failed = False


def _pitch_from_cells(cells: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A pitch's table from a CSV row, and the amounts that do not parse (column, message).

    An empty ``stage`` cell is the default (it pitches); an empty ``granted`` is none."""
    pitch: dict[str, Any] = {
        "key": cells.get("key", "").strip(),
        "title": cells.get("title", "").strip(),
    }
    for column in ("applicant", "summary"):
        if column in cells:
            pitch[column] = cells[column].strip()
    if "partners" in cells:
        pitch["partners"] = [p.strip() for p in cells["partners"].split(";") if p.strip()]
    if cells.get("stage", "").strip():
        pitch["stage"] = cells["stage"].strip().lower()
    errors: list[tuple[str, str]] = []
    for column in ("requested", "granted"):
        if cells.get(column, "").strip():
            value, error = parse_amount(cells[column])
            if value is not None:
                pitch[column] = value
            if error:
                errors.append((column, error))
    return pitch, errors


def _tables(raw: dict[str, Any]) -> list[tuple[Loc, dict[str, Any]]]:
    """The tables of the file that have a model, with their locations."""
    out: list[tuple[Loc, dict[str, Any]]] = []
    info = raw.get("session")
    if isinstance(info, dict):
        out.append((("session",), info))
        if isinstance(info.get("scale"), dict):
            out.append((("session", "scale"), info["scale"]))
    for section in ITEM_MODELS:
        items = raw.get(section)
        if isinstance(items, list):
            out += [((section, i), item) for i, item in enumerate(items) if isinstance(item, dict)]
    return out


def _valid(model: type[BaseModel], data: object, partial: bool = True) -> Any:
    """``data`` as ``model``; failing that, without the fields that have errors (so
    that the rules across fields still see the rest); failing that, None."""
    if not isinstance(data, dict):
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        bad = {item["loc"][0] for item in error.errors() if item["loc"]}
    if not partial:
        return None
    try:
        return model.model_validate({k: v for k, v in data.items() if k not in bad})
    except ValidationError:
        return None


def _salvage(raw: dict[str, Any]) -> Parts:
    """What validates of a file that does not validate as a whole."""
    parts = Parts()
    info = raw.get("session")
    if isinstance(info, dict):
        parts.info = _valid(SessionInfo, info)
        scale = info.get("scale", {})
        parts.scale = _valid(Scale, scale, partial=False)  # not with a default min or max
    for section, model in ITEM_MODELS.items():
        items = raw.get(section)
        if not isinstance(items, list):
            continue
        valid: list[tuple[int, Any]] = []
        for index, item in enumerate(items):
            checked = _valid(model, item)
            if checked is not None:
                valid.append((index, checked))
        setattr(parts, section, valid)
        if items and len(valid) == len(items):
            parts.complete.add(section)
    return parts
