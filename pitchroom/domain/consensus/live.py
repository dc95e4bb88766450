"""The incremental engine for the live screen.

Keeps the dense score arrays and the per-pitch aggregates; a score change
rewrites one pitch's slice and recomputes that pitch's aggregates only. The
exact per-pitch results are memoised on the aggregates, so unchanged pitches
are not recomputed; the ranking is then re-sorted and the line redrawn.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from fractions import Fraction

import numpy as np

from pitchroom.domain.consensus.defaults import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    EXACT_BOOTSTRAP_JURORS,
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


class _Scores(Mapping[tuple[str, str, str], Fraction]):
    """The live engine's scores as a read-only mapping, read from its arrays (no
    copy of the input's scores is kept: at 500,000 scores that was ~100 MB)."""

    def __init__(self, live: LiveRanking) -> None:
        self._live = live

    def __getitem__(self, key: tuple[str, str, str]) -> Fraction:
        prep = self._live._prep
        pi, ji, ci = prep.pidx.get(key[0]), prep.jidx.get(key[1]), prep.cidx.get(key[2])
        if pi is None or ji is None or ci is None or not prep.present[pi, ji, ci]:
            raise KeyError(key)
        return prep.value(int(prep.units[pi, ji, ci]))

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        prep = self._live._prep
        p, j, c = np.nonzero(prep.present)
        pk, jk, ck = prep.pitch_keys, prep.juror_keys, prep.crit_keys
        for a, b, d in zip(p.tolist(), j.tolist(), c.tolist(), strict=True):
            yield pk[a], jk[b], ck[d]

    def __len__(self) -> int:
        return int(self._live._prep.present.sum())


class LiveRanking:
    def __init__(self, inp: RankingInput) -> None:
        self._memo: Memo = {}
        self._load(inp)

    def _load(self, inp: RankingInput) -> None:
        prep = prepare(inp)
        self._prep: Prepared = prep
        self._inp = dataclasses.replace(inp, scores=_Scores(self))
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
        prep = self._prep
        pi = prep.pidx[pitch]
        jj, cc = np.nonzero(prep.present[pi])
        units = prep.units[pi]
        return {
            (prep.juror_keys[j], prep.crit_keys[c]): prep.value(int(units[j, c]))
            for j, c in zip(jj.tolist(), cc.tolist(), strict=True)
        }

    def update_scores(self, pitch: str, scores: Mapping[tuple[str, str], Fraction | None]) -> None:
        """Replace every score of ``pitch`` with ``{(juror, criterion): value}``."""
        prep = self._prep
        pi = prep.pidx[pitch]
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
        from pitchroom.domain.consensus.extras import with_extras  # not for the first frame

        return with_extras(
            self.input,
            method,
            seed=seed,
            resamples=resamples,
            exact_up_to=exact_up_to,
            prep=self._prep,
            memo=self._memo,
        )
