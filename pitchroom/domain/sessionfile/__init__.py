"""The session file: TOML (and the pitches CSV it may name) in, a :class:`Session` out.

``load_session(path)`` returns the session or raises :class:`SessionFileError`,
whose ``problems`` list every problem found, each a :class:`Problem` that
prints as ``FILE:LINE: FIELD: message`` (SPEC.md, "Bad input").

The loader (and with it the session's pydantic models) is imported when first asked
for: a score CSV's reader (``score --from``) needs only the CSV parts.
"""

from typing import TYPE_CHECKING, Any

from pitchroom.domain.sessionfile.csvfile import (
    parse_amount,
    parse_score_value,
    read_csv_rows,
)
from pitchroom.domain.sessionfile.problems import Problem, SessionFileError, field_path

if TYPE_CHECKING:
    from pitchroom.domain.sessionfile.loader import PITCH_COLUMNS, load_session

__all__ = [
    "PITCH_COLUMNS",
    "Problem",
    "SessionFileError",
    "field_path",
    "load_session",
    "parse_amount",
    "parse_score_value",
    "read_csv_rows",
]


def __getattr__(name: str) -> Any:
    if name in ("PITCH_COLUMNS", "load_session"):
        from pitchroom.domain.sessionfile import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
