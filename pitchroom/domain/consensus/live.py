"""The incremental engine for the live screen.

Keeps the dense score arrays and the per-pitch aggregates; a score change
rewrites one pitch's slice and recomputes that pitch's aggregates only. The
exact per-pitch results are memoised on the aggregates, so unchanged pitches
are not recomputed; the ranking is then re-sorted and the line redrawn.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

from pitchroom.domain.consensus.extras import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    EXACT_BOOTSTRAP_JURORS,
    with_extras,
)
from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.consensus.methods import Memo
from pitchroom.domain.consensus.prepare import (
    Aggregates,
    Prepared,
    aggregate,
    prepare,
    set_pitch_scores,
)
from pitchroom.domain.consensus.ranking import rank_prepared
from pitchroom.domain.consensus.result import Ranking

MEMO_LIMIT = 200_000


class LiveRanking:
    def __init__(self, inp: RankingInput) -> None:
        self._memo: Memo = {}
        self._load(inp)

    def _load(self, inp: RankingInput) -> None:
        self._scores = dict(inp.scores)
        self._inp = dataclasses.replace(inp, scores=MappingProxyType(self._scores))
        self._prep: Prepared = prepare(inp)
        self._agg: Aggregates = aggregate(self._prep)
        self._cache: dict[str, Ranking] = {}

    @property
    def input(self) -> RankingInput:
        """The current input; its ``scores`` is a read-only live view."""
        return self._inp

    def replace_input(self, inp: RankingInput) -> None:
        """A new input (recusals, decisions, pots...). The per-pitch memo is kept
        when scale and criteria are unchanged, so unchanged pitches stay cached."""
        old = self._inp
        if (old.criteria, old.scale_min, old.scale_step, old.scale_max) != (
            inp.criteria,
            inp.scale_min,
            inp.scale_step,
            inp.scale_max,
        ):
            self._memo = {}
        self._load(inp)

    def set_score(self, pitch: str, juror: str, criterion: str, value: Fraction | None) -> None:
        """One score saved (or cleared with None)."""
        current = self._pitch_scores(pitch)
        current[(juror, criterion)] = value
        self.update_scores(pitch, current)

    def _pitch_scores(self, pitch: str) -> dict[tuple[str, str], Fraction | None]:
        get = self._scores.get
        return {
            (j, c): v
            for j in self._prep.juror_keys
            for c in self._prep.crit_keys
            if (v := get((pitch, j, c))) is not None
        }

    def update_scores(self, pitch: str, scores: Mapping[tuple[str, str], Fraction | None]) -> None:
        """Replace every score of ``pitch`` with ``{(juror, criterion): value}``."""
        prep = self._prep
        pi = prep.pidx[pitch]
        for j in prep.juror_keys:
            for c in prep.crit_keys:
                self._scores.pop((pitch, j, c), None)
        for (j, c), v in scores.items():
            if v is not None:
                self._scores[(pitch, j, c)] = v
        set_pitch_scores(prep, pitch, scores)
        self._patch(pi)

    def _patch(self, pi: int) -> None:
        """Recompute the aggregates of one pitch into the cached arrays."""
        prep = self._prep
        sub = dataclasses.replace(
            prep,
            units=prep.units[pi : pi + 1],
            present=prep.present[pi : pi + 1],
            elig=prep.elig[pi : pi + 1],
            withdrawn=prep.withdrawn[pi : pi + 1],
            held=prep.held[pi : pi + 1],
            pitch_keys=prep.pitch_keys[pi : pi + 1],
        )
        one = aggregate(sub)
        for f in dataclasses.fields(Aggregates):
            getattr(self._agg, f.name)[pi] = getattr(one, f.name)[0]
        self._cache.clear()
        if len(self._memo) > MEMO_LIMIT:
            self._memo.clear()

    def rank(self, method: str = "mean") -> Ranking:
        hit = self._cache.get(method)
        if hit is None:
            hit = self._cache[method] = rank_prepared(self._prep, self._agg, method, self._memo)
        return hit

    def with_extras(
        self,
        method: str = "mean",
        *,
        seed: int = DEFAULT_SEED,
        resamples: int = DEFAULT_RESAMPLES,
        exact_up_to: int = EXACT_BOOTSTRAP_JURORS,
    ) -> Ranking:
        """The extras on the current input (slow: run it in a worker)."""
        return with_extras(
            self.input,
            method,
            seed=seed,
            resamples=resamples,
            exact_up_to=exact_up_to,
            prep=self._prep,
            memo=self._memo,
        )
