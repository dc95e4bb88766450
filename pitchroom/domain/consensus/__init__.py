"""The consensus engine: pure functions from scores to a ranking and a funding line.

Fast path: :func:`rank`. Extras (leave-one-out intervals, bootstrap, fragile
flags, Kendall's W, juror leniency): :func:`with_extras`. Live screen:
:class:`LiveRanking`, which recomputes only the pitches that changed.
"""

from typing import TYPE_CHECKING, Any

from pitchroom.domain.consensus.inputs import (
    CriterionIn,
    PitchIn,
    PotIn,
    PotTransfer,
    RankingInput,
    TieDecision,
)
from pitchroom.domain.consensus.live import LiveRanking
from pitchroom.domain.consensus.methods import METHODS, GaugeInfo
from pitchroom.domain.consensus.ranking import juror_totals, rank
from pitchroom.domain.consensus.result import JurorStats, PotResult, Ranking, Row

if TYPE_CHECKING:
    from pitchroom.domain.consensus.extras import with_extras


def __getattr__(name: str) -> Any:
    """``with_extras`` is imported on first use: the chair's first frame (the fast
    path, the live engine) does not load the extras (bootstrap, alpha, pairwise)."""
    if name == "with_extras":
        from pitchroom.domain.consensus.extras import with_extras

        return with_extras
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "METHODS",
    "CriterionIn",
    "GaugeInfo",
    "JurorStats",
    "LiveRanking",
    "PitchIn",
    "PotIn",
    "PotResult",
    "PotTransfer",
    "Ranking",
    "RankingInput",
    "Row",
    "TieDecision",
    "juror_totals",
    "rank",
    "with_extras",
]
