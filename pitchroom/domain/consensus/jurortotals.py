"""Each juror's total for one pitch, exact (the chair's and the report's view)."""

from __future__ import annotations

from fractions import Fraction

from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.totals import TotalRule


def juror_totals(
    inp: RankingInput, pitch: str, *, eligible_only: bool = False
) -> dict[str, Fraction | None]:
    """Each juror's total for a pitch: the weighted mean of the criterion
    scores they gave (None when they gave none). Recused/absent jurors are
    included unless ``eligible_only``."""
    rule = TotalRule({c.key: c.weight for c in inp.criteria})
    out: dict[str, Fraction | None] = {}
    for j in inp.jurors:
        if eligible_only and (pitch, j) in inp.ineligible:
            continue
        row = {
            c.key: Fraction(v)
            for c in inp.criteria
            if (v := inp.scores.get((pitch, j, c.key))) is not None
        }
        out[j] = rule.total(row).value
    return out
