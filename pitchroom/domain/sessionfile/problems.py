"""A problem in a session file, located as ``FILE:LINE: FIELD: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pitchroom.domain.text import visible

Loc = tuple[str | int, ...]
"""A place in the data: keys and 0-based list indexes, as pydantic gives them."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a session file (or a CSV file it reads)."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}"


class SessionFileError(Exception):
    """A session file that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def field_path(loc: Loc) -> str:
    """``("criteria", 1, "weight")`` -> ``criteria[2].weight`` (1-based indexes)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + visible(str(part))
    return out or "file"


def in_line_order(problems: Iterable[Problem], first: str | None = None) -> list[Problem]:
    """Problems sorted by file (``first``, then in order of appearance), then line;
    those without a line come after the located ones of their file. The sort is stable."""
    problems = list(problems)
    files: dict[str, int] = {first: 0} if first is not None else {}
    for p in problems:
        files.setdefault(p.file, len(files))
    return sorted(
        problems,
        key=lambda p: (files[p.file], p.line is None, p.line or 0),
    )
