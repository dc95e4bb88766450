"""A juror's total for a pitch: the one rule, for the screens, the exports and the engine.

SPEC.md: "a juror's total for a pitch is the weighted mean of their criterion
scores". A half-filled row has a total too (the weighted mean of the criteria
scored so far), but it does not *count*: the methods built on totals, the
spread, the grid's total column and the charts use only a juror who scored
every criterion (:attr:`Total.counted`). The engine's vectorised totals
(:mod:`pitchroom.domain.consensus.prepare`) follow the same rule in integer units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Weight = Fraction | Decimal | int | float


@dataclass(frozen=True, slots=True)
class Total:
    """One juror's weighted total for a pitch, and whether every criterion is scored."""

    value: Fraction | None
    """The weighted mean of the criteria scored (None: none scored)."""
    complete: bool
    """Every criterion is scored."""

    @property
    def counted(self) -> Fraction | None:
        """The total where it counts: only for a juror who scored every criterion."""
        return self.value if self.complete else None


class TotalRule:
    """The weights of a session's criteria, ready to total many rows fast."""

    __slots__ = ("_ratios",)

    def __init__(self, weights: Mapping[str, Weight]) -> None:
        ratios = {}
        for key, weight in weights.items():
            exact = Fraction(weight)
            ratios[key] = (exact.numerator, exact.denominator)
        self._ratios = ratios

    def total(self, scores: Mapping[str, Fraction]) -> Total:
        """``scores``: criterion key -> score of one juror for one pitch (unknown keys weigh 0).

        Exact, in integers: one Fraction at the end instead of one per operation.
        """
        ratios = self._ratios
        top, bottom = 0, 1  # sum of w v, as top / bottom
        wtop, wbottom = 0, 1  # sum of w
        scored = 0
        for key, value in scores.items():
            wn, wd = ratios.get(key, (0, 1))
            if not wn:
                continue
            scored += 1
            tn, td = wn * value.numerator, wd * value.denominator
            top, bottom = top * td + tn * bottom, bottom * td
            wtop, wbottom = wtop * wd + wn * wbottom, wbottom * wd
        complete = scored == len(ratios) and scored > 0
        if not wtop:
            return Total(None, complete)
        return Total(Fraction(top * wbottom, bottom * wtop), complete)


def juror_total(weights: Mapping[str, Weight], scores: Mapping[str, Fraction]) -> Total:
    """:meth:`TotalRule.total` for a single row."""
    return TotalRule(weights).total(scores)
