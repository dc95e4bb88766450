"""The consensus engine: pure functions from scores to a ranking and a funding line.

Fast path: :func:`rank`. Extras (leave-one-out intervals, bootstrap, fragile
flags, Kendall's W, juror leniency): :func:`with_extras`. Live screen:
:class:`LiveRanking`, which recomputes only the pitches that changed.

The names are imported on first use: importing a submodule that needs neither
numpy nor the engine (``result``: what a ranking is; ``inputs``) does not load
them, so the chair's first frame can show a ranking computed by another process
without importing the engine (``pitchroom open``).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pitchroom.domain.consensus.extras import with_extras
    from pitchroom.domain.consensus.inputs import (
        CriterionIn,
        PitchIn,
        PotIn,
        PotTransfer,
        RankingInput,
        TieDecision,
    )
    from pitchroom.domain.consensus.jurortotals import juror_totals
    from pitchroom.domain.consensus.live import LiveRanking
    from pitchroom.domain.consensus.methods import METHODS
    from pitchroom.domain.consensus.ranking import rank
    from pitchroom.domain.consensus.result import GaugeInfo, JurorStats, PotResult, Ranking, Row

_WHERE = {
    "CriterionIn": "inputs",
    "PitchIn": "inputs",
    "PotIn": "inputs",
    "PotTransfer": "inputs",
    "RankingInput": "inputs",
    "TieDecision": "inputs",
    "LiveRanking": "live",
    "METHODS": "methods",
    "GaugeInfo": "result",
    "juror_totals": "jurortotals",
    "rank": "ranking",
    "JurorStats": "result",
    "PotResult": "result",
    "Ranking": "result",
    "Row": "result",
    "with_extras": "extras",
}
"""Each name's submodule."""


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{where}"), name)
    globals()[name] = value  # found directly next time
    return value


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
