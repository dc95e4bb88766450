"""Rankings made by hand, for tests that render one without running the engine."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pitchroom.domain.consensus.result import Ranking, Row


def row(pitch: str, title: str, status: str, **fields: Any) -> Row:
    """A :class:`Row` with quiet defaults (rank 1, score 6, EUR 100,000 from pot "small")."""
    values: dict[str, Any] = {
        "rank": 1,
        "pitch": pitch,
        "title": title,
        "score": 6.0,
        "jurors": 0,
        "eligible": 0,
        "complete": 0,
        "spread": None,
        "flagged": False,
        "requested": Fraction(100_000),
        "pot": "small",
        "status": status,
        "decision": None,
        "granted": None,
        "cumulative": Fraction(0),
        "criteria": {"feasibility": Fraction(6)},
        "thresholds_met": None,
        **fields,
    }
    return Row(**values)


def ranking(rows: list[Row], **fields: Any) -> Ranking:
    """A :class:`Ranking` of ``rows`` with no budget unless given."""
    values: dict[str, Any] = {
        "method": "mean",
        "budget": None,
        "left": None,
        "first_unfunded": None,
        **fields,
    }
    return Ranking(rows=tuple(rows), **values)
