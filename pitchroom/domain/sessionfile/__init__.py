"""The session file: TOML (and the pitches CSV it may name) in, a :class:`Session` out.

``load_session(path)`` returns the session or raises :class:`SessionFileError`,
whose ``problems`` list every problem found, each a :class:`Problem` that
prints as ``FILE:LINE: FIELD: message`` (SPEC.md, "Bad input").
"""

from pitchroom.domain.sessionfile.csvfile import (
    parse_amount,
    parse_score_value,
    read_csv_rows,
)
from pitchroom.domain.sessionfile.loader import PITCH_COLUMNS, load_session
from pitchroom.domain.sessionfile.problems import Problem, SessionFileError, field_path

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
