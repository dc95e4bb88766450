"""Leave-one-out for all jurors at once: each jury's ranks and funded pitches.

What :func:`ranking.rank_outcome` decides for the jury without juror j (the
aggregates of :func:`prepare.aggregate_without`, the quorum lowered so that
exactly the full jury's ranked pitches stay ranked), for every j, as array
operations where the method allows it (mean, trimmed: :func:`fastkeys.usable`):

- the per-criterion counts and totals of every jury as one (jurors, pitches, C)
  integer array (the full jury's minus each juror's own scores; for trimmed
  the lowest and highest grade after the removal from the second lowest and
  highest of the full jury);
- the float keys of all juries at once, sorted by ``argsort``; a run of
  neighbours within :data:`fastkeys.NEAR` is one tie when their exact means
  (reduced integer pairs) are equal. A jury with two near floats whose exact
  means differ takes :func:`rank_outcome` itself;
- the thresholds by integer comparisons, all juries at once;
- the funding line by the integer pass (:mod:`fundpass`) down the ranks; a
  tie is broken (:func:`funding.resolve`) only when the order of its pitches
  could change what is funded (:meth:`fundpass.Pass.any_order`).

The outcome is the one :func:`rank_outcome` gives, jury by jury
(tests/consensus/test_loo.py compares them on tie-heavy sessions).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from pitchroom.domain.consensus import fastkeys
from pitchroom.domain.consensus.funding import Block, resolve
from pitchroom.domain.consensus.fundpass import Pass, Plan, plan_of
from pitchroom.domain.consensus.methods import Memo
from pitchroom.domain.consensus.prepare import (
    Aggregates,
    Prepared,
    aggregate_without,
    tally_bounds,
)
from pitchroom.domain.consensus.ranking import rank_outcome


@dataclass(frozen=True, slots=True)
class Outcomes:
    """One row per jury (the jury without juror j in row j)."""

    ranks: np.ndarray
    """(juries, n) int64 competition rank; 0 where the pitch has none."""
    funded: np.ndarray
    """(juries, n) bool."""


def without_juror(j: int, m: int) -> np.ndarray:
    w = np.ones(m, dtype=np.int64)
    w[j] = 0
    return w


def leave_one_out(
    prep: Prepared, agg: Aggregates, method: str, memo: Memo, keep: frozenset[int]
) -> Outcomes:
    """The outcome without each juror in turn (``agg``: the full jury's
    :func:`aggregate`; ``keep``: the pitches it ranks). No jury for fewer than
    two jurors."""
    n, m = prep.n, prep.m
    if m < 2:
        return Outcomes(np.zeros((0, n), dtype=np.int64), np.zeros((0, n), dtype=bool))
    if not fastkeys.usable(prep, method):
        return outcomes_of([_exact(prep, agg, method, memo, keep, j) for j in range(m)], n)
    return _Juries(prep, agg, method, memo, keep).outcomes()


def outcomes_of(results: list[tuple[dict[int, int], frozenset[int]]], n: int) -> Outcomes:
    """:class:`Outcomes` from :func:`rank_outcome`'s (ranks, funded) per jury."""
    ranks = np.zeros((len(results), n), dtype=np.int64)
    funded = np.zeros((len(results), n), dtype=bool)
    for k, (r, got) in enumerate(results):
        if r:
            ranks[k, list(r)] = list(r.values())
        if got:
            funded[k, list(got)] = True
    return Outcomes(ranks, funded)


def _exact(
    prep: Prepared, agg: Aggregates, method: str, memo: Memo, keep: frozenset[int], j: int
) -> tuple[dict[int, int], frozenset[int]]:
    w = without_juror(j, prep.m)
    return rank_outcome(prep, aggregate_without(prep, agg, j), method, memo, w, keep=keep)


class _Juries:
    """The arrays of every leave-one-out jury of one method."""

    def __init__(
        self, prep: Prepared, agg: Aggregates, method: str, memo: Memo, keep: frozenset[int]
    ) -> None:
        self.prep, self.agg, self.method, self.memo, self.keep = prep, agg, method, memo, keep
        mine = agg.pres.transpose(1, 0, 2)  # (m, n, C): juror j's counted scores
        units = prep.units.transpose(1, 0, 2).astype(np.int64)
        cnt = agg.count.astype(np.int64)[None] - mine
        tot = agg.total.astype(np.int64)[None] - np.where(mine, units, 0)
        if method == "trimmed":
            lo, hi = _bounds_without(agg, mine, units)
            cut = cnt >= 5
            tot = np.where(cut, tot - lo - hi, tot)
            cnt = np.where(cut, cnt - 2, cnt)
        self.cnt, self.tot = cnt, tot
        kept = np.zeros(prep.n, dtype=bool)
        kept[list(keep)] = True
        self.ranked = kept[None, :] & (cnt > 0).any(axis=2)
        self.met = _thresholds(prep, cnt, tot)

    def outcomes(self) -> Outcomes:
        prep = self.prep
        fkey, pair = fastkeys.float_units(prep, self.cnt, self.tot)
        f = np.where(self.ranked, fkey, np.nan)
        order = np.argsort(-f, axis=1, kind="stable")
        fs = np.take_along_axis(f, order, axis=1)
        scale = np.maximum(1.0, np.maximum(np.abs(fs[:, :-1]), np.abs(fs[:, 1:])))
        near = (fs[:, :-1] - fs[:, 1:]) <= fastkeys.NEAR * scale
        ps = np.take_along_axis(pair, order[:, :, None], axis=1)
        same = (ps[:, 1:] == ps[:, :-1]).all(axis=2) & (ps[:, 1:, 1] > 0)
        tie = near & same
        exact = (near & ~same).any(axis=1)
        start = np.ones(order.shape, dtype=bool)
        start[:, 1:] = ~tie
        pos = np.arange(1, prep.n + 1)
        sorted_ranks = np.maximum.accumulate(np.where(start, pos[None, :], 0), axis=1)
        count = self.ranked.sum(axis=1)
        sorted_ranks = np.where(pos[None, :] <= count[:, None], sorted_ranks, 0)
        ranks = np.zeros(order.shape, dtype=np.int64)
        np.put_along_axis(ranks, order, sorted_ranks, axis=1)
        plan = plan_of(prep.inp)
        candidate = self.ranked & self.met & np.array(plan.open, dtype=bool)[None, :]
        funded = np.zeros(order.shape, dtype=bool)
        awards = list(plan.awards)
        cheapest = _cheapest_after(plan, order, candidate)
        for j in range(prep.m):
            if exact[j]:
                r, got = _exact(prep, self.agg, self.method, self.memo, self.keep, j)
                ranks[j] = 0
                if r:
                    ranks[j, list(r)] = list(r.values())
                funded[j, list(got)] = True
                continue
            size = int(count[j])
            got_j = self._fund(
                j,
                order[j, :size].tolist(),
                sorted_ranks[j, :size].tolist(),
                candidate[j].tolist(),
                None if cheapest is None else cheapest[j, :size].tolist(),
            )
            funded[j, awards + got_j] = True
        return Outcomes(ranks, funded)

    def _fund(
        self,
        j: int,
        order: list[int],
        ranks: list[int],
        cand: list[bool],
        cheapest: list[int] | None = None,
    ) -> list[int]:
        """The pitches the ranks fund for jury j: ``order`` the ranked pitches
        by rank, ``ranks`` theirs; ``cheapest``: per position the smallest request
        (in the plan's units) of a candidate there or further down (see
        :func:`_cheapest_after`)."""
        prep = self.prep
        plan = plan_of(prep.inp)
        run = Pass(prep.inp, plan, plan.awards)
        state = run.state
        cap = prep.inp.max_funded
        size = len(order)
        pos = 0
        while pos < size:
            # Nothing further down can be funded: no room under the cap, or less
            # money left than the cheapest request to come (every try fails, in any
            # order, and a failure changes nothing that decides what is funded).
            if state.closed_all or (cap is not None and state.count >= cap):
                break
            if cheapest is not None and state.pot_left[None] < cheapest[pos]:
                break
            end = pos + 1
            while end < size and ranks[end] == ranks[pos]:
                end += 1
            if end == pos + 1:
                i = order[pos]
                if cand[i]:
                    run.single(i)
            else:
                group = order[pos:end]
                cands = [i for i in group if cand[i]]
                if len(cands) == 1:
                    run.single(cands[0])
                elif cands and run.any_order(cands):
                    run.singles(cands)
                elif cands:
                    for block in self._tie_break(j, group):
                        run.block([i for i in block.members if cand[i]])
            pos = end
        return [i for i in run.state.funded if i not in plan.awards]

    def _tie_break(self, j: int, group: list[int]) -> list[Block]:
        """:func:`funding.order_ranked` for one tie of jury j (the criteria means
        of its members only)."""
        prep, agg = self.prep, self.agg
        keys = prep.pitch_keys
        crit = fastkeys.CritColumn(prep, self.tot[j, group], self.cnt[j, group])
        at = {i: k for k, i in enumerate(group)}
        floats = crit.floats
        complete = agg.complete.copy()
        complete[:, j] = False
        return resolve(
            prep.inp,
            keys,
            sorted(group, key=lambda i: keys[i]),
            {i: crit[k] for i, k in at.items()},
            agg.totals,
            complete,
            without_juror(j, prep.m),
            {i: crit.groups[k] for i, k in at.items()},
            None if floats is None else {i: floats[k] for i, k in at.items()},
        )


def _cheapest_after(plan: Plan, order: np.ndarray, candidate: np.ndarray) -> np.ndarray | None:
    """(juries, n) per position of each jury's rank order the smallest request
    (times the plan's scale) of a candidate at that position or after it; None
    where that cannot stop a pass early: pots (money left per pot), no budget, or
    amounts too large for int64."""
    if None not in plan.left:  # pots, or no budget
        return None
    top = max(plan.units, default=0)
    if top >= 2**62 or min(plan.units, default=0) < 0:
        return None
    units = np.array(plan.units, dtype=np.int64)
    cost = np.where(np.take_along_axis(candidate, order, axis=1), units[order], 2**62)
    after: np.ndarray = np.minimum.accumulate(cost[:, ::-1], axis=1)[:, ::-1]
    return after


def _bounds_without(
    agg: Aggregates, mine: np.ndarray, units: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(m, n, C) lowest and highest grade per criterion without juror j's score:
    the full jury's, or its second lowest (highest) where j gave the lowest
    (highest); as :func:`tally_bounds` of the reduced tally (G and -1: none)."""
    tally = agg.tally
    g = tally.shape[-1]
    lo = agg.lo.astype(np.int64)
    hi = agg.hi.astype(np.int64)
    n, c = lo.shape
    nn, cc = np.nonzero(lo < g)
    fewer = tally.copy()
    fewer[nn, cc, lo[nn, cc]] -= 1
    lo2 = tally_bounds(fewer)[0]
    fewer = tally.copy()
    nn, cc = np.nonzero(hi >= 0)
    fewer[nn, cc, hi[nn, cc]] -= 1
    hi2 = tally_bounds(fewer)[1]
    new_lo = np.where(mine & (units == lo[None]), lo2[None], lo[None])
    new_hi = np.where(mine & (units == hi[None]), hi2[None], hi[None])
    return new_lo, new_hi


def _thresholds(prep: Prepared, cnt: np.ndarray, tot: np.ndarray) -> np.ndarray:
    """(..., n) whether every criterion mean meets its threshold: value(tot / cnt)
    >= threshold, that is tot * b >= a * cnt for (threshold - min) / step = a / b."""
    inp = prep.inp
    met = np.ones(cnt.shape[:-1], dtype=bool)
    for c, crit in enumerate(inp.criteria):
        if crit.threshold is None:
            continue
        bar = (Fraction(crit.threshold) - inp.scale_min) / inp.scale_step
        a, b = bar.numerator, bar.denominator
        tc, nc = tot[..., c], cnt[..., c]
        if max(abs(a), b) < 2**31 and int(np.abs(tc).max(initial=0)) < 2**31:
            ok = tc * b >= a * nc
        else:  # too large for int64 products: Python integers
            ok = tc.astype(object) * b >= nc.astype(object) * a
        met &= (nc > 0) & ok.astype(bool)
    return met
