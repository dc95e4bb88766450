"""The slow path: leave-one-out intervals, bootstrap, fragile flags, W, alpha, leniency.

Leave-one-out and the method switch are exact (the whole fast path, funding
line included, without one juror or under another method). The bootstrap
uses float keys (rounded to 1e-9) and keeps the set of ranked pitches of the
full jury; it enumerates every multiset of jurors for small juries and draws
seeded resamples beyond.

``split=True`` computes the two resampling families (leave-one-out and the
bootstrap) in a forked child (:mod:`pitchroom.forked`) while this process ranks
under the other methods and computes W, alpha and the juror stats: the same
result, on two cores (or here, where a fork is not safe).
"""

from __future__ import annotations

import dataclasses
import operator

import numpy as np

# Imported by numpy on first use (the seeded draws), so here, once, rather than in each
# process of a split run after the fork. (numpy.ma, which a plain ``np.unique`` imports
# to ask whether its argument is masked, some 0.01 s, is needed by none of it.)
import numpy.random

from pitchroom.domain.consensus.alpha import alpha_of_totals
from pitchroom.domain.consensus.bootstrap import SCHULZE_BOOTSTRAP_LIMIT as SCHULZE_BOOTSTRAP_LIMIT
from pitchroom.domain.consensus.bootstrap import RankHistogram as RankHistogram
from pitchroom.domain.consensus.bootstrap import bootstrap_bands
from pitchroom.domain.consensus.defaults import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    EXACT_BOOTSTRAP_JURORS,
)
from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.consensus.loo import leave_one_out, outcomes_of
from pitchroom.domain.consensus.methods import METHODS, Memo, field_mask
from pitchroom.domain.consensus.pairwise import kendalls_w
from pitchroom.domain.consensus.prepare import (
    Aggregates,
    Prepared,
    aggregate,
    prepare,
)
from pitchroom.domain.consensus.ranking import rank_outcome, rank_prepared, ranked_order
from pitchroom.domain.consensus.result import JurorStats, Ranking, Row
from pitchroom.forked import Forked, can_fork

_Resampled = tuple[np.ndarray, np.ndarray, dict[str, tuple[int, int]], int | None, list[str]]
"""Leave-one-out's ranks and funded flags per jury, the bootstrap's bands, seed and notes."""
_FIELDS = tuple(f.name for f in dataclasses.fields(Row))
_ROW_VALUES = operator.attrgetter(*_FIELDS)
_INTERVAL, _BOOTSTRAP, _FRAGILE = (_FIELDS.index(k) for k in ("interval", "bootstrap", "fragile"))
_Half = tuple[list[int], _Resampled, dict[str, tuple[dict[int, int], frozenset[int]]]]
"""The child's: the ranked pitches it resampled, the resampling, other methods' outcomes."""


def with_extras(
    inp: RankingInput,
    method: str = "mean",
    *,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    exact_up_to: int = EXACT_BOOTSTRAP_JURORS,
    prep: Prepared | None = None,
    memo: Memo | None = None,
    split: bool = False,
) -> Ranking:
    """:func:`rank` plus interval, bootstrap, fragile, Kendall's W, Krippendorff's
    alpha (interval, over the complete eligible juror totals of every pitch in the
    field) and juror stats."""
    prep = prepare(inp) if prep is None else prep
    memo = {} if memo is None else memo
    agg = aggregate(prep)
    others = [m for m in METHODS if m != method]
    forking = split and can_fork()
    theirs = child_methods(method) if forking else ()

    def resampled(ranked: list[int]) -> _Resampled:
        """Leave-one-out and the bootstrap of the jury that ranks ``ranked`` (row order)."""
        loo = leave_one_out(prep, agg, method, memo, frozenset(ranked))
        notes: list[str] = []
        boot, used_seed = bootstrap_bands(
            prep, method, np.array(ranked, dtype=np.int64), seed, resamples, exact_up_to, notes
        )
        return loo.ranks, loo.funded, boot, used_seed, notes

    def child() -> _Half:
        """The child's half, forked before the official ranking: that ranking's
        ranked pitches (from its outcome), their resampling and some other methods."""
        ranked = ranked_order(prep, agg, method, memo)
        outcomes = {m: rank_outcome(prep, agg, m, memo) for m in theirs}
        return ranked, resampled(ranked), outcomes

    job = Forked(child) if forking else None
    base = rank_prepared(prep, agg, method, memo)
    ranked = [prep.pidx[r.pitch] for r in base.rows if r.rank is not None]
    base_rank = np.zeros(prep.n, dtype=np.int64)
    base_funded = np.zeros(prep.n, dtype=bool)
    for r in base.rows:
        if r.rank is not None:
            base_rank[prep.pidx[r.pitch]] = r.rank
        if r.status == "funded":
            base_funded[prep.pidx[r.pitch]] = True
    outcomes = {m: rank_outcome(prep, agg, m, memo) for m in others if m not in theirs}
    agreed = agreement(prep, agg, ranked)
    alpha = alpha_of_totals(agg.totals, agg.complete & field_mask(prep)[:, None])
    stats = juror_stats(prep, agg)
    got = None if job is None else job.result()
    if got is not None and got[0] == ranked:
        outcomes.update(got[2])
        loo_ranks, loo_funded, boot, used_seed, notes = got[1]
    else:  # not split (or the child ranked other pitches): all of it here
        outcomes.update((m, rank_outcome(prep, agg, m, memo)) for m in theirs)
        loo_ranks, loo_funded, boot, used_seed, notes = resampled(ranked)
    outcome = outcomes_of([outcomes[m] for m in others], prep.n)
    # Fragile: funded or not as the full jury decides, but not so in some other run.
    fragile = (np.concatenate([loo_funded, outcome.funded]) != base_funded[None, :]).any(axis=0)
    # The interval: the full jury's rank and every leave-one-out rank.
    ranks = np.concatenate([base_rank[None, :], loo_ranks])
    big = np.iinfo(np.int64).max
    low = np.where(ranks > 0, ranks, big).min(axis=0).tolist()
    high = ranks.max(axis=0).tolist()
    rows: list[Row] = []
    flags = fragile.tolist()
    for r in base.rows:
        if r.rank is None:
            rows.append(r)
            continue
        # dataclasses.replace's result, from the row's values by position (half the time)
        i = prep.pidx[r.pitch]
        values = list(_ROW_VALUES(r))
        values[_INTERVAL] = (low[i], high[i])
        values[_BOOTSTRAP] = boot.get(r.pitch)
        values[_FRAGILE] = flags[i]
        rows.append(Row(*values))
    return dataclasses.replace(
        base,
        rows=tuple(rows),
        agreement=agreed,
        alpha=alpha,
        jurors=stats,
        seed=used_seed,
        extras=True,
        notes=tuple(notes),
    )


OUTCOME_COST = {
    "mean": 4,
    "trimmed": 4,
    "median": 5,
    "zscore": 7,
    "majority": 12,
    "borda": 12,
    "schulze": 49,
}
"""CPU milliseconds of :func:`rank_outcome` per method at 1,000 x 50 x 10 (measured)."""
RESAMPLE_COST = {
    "mean": 74,
    "trimmed": 1_900,
    "median": 3_800,
    "zscore": 6_200,
    "majority": 4_100,
    "borda": 15_500,
    "schulze": 3_700,
}
"""CPU milliseconds of leave-one-out and the bootstrap of each method there, in the
forked child (measured there for mean: the pages it copies cost it some 15%)."""
OFFICIAL_COST = 22
"""CPU milliseconds of the official ranking's rows, Kendall's W, alpha and the juror
stats there, beyond the method's outcome (measured for mean)."""


def child_methods(method: str) -> tuple[str, ...]:
    """The other methods the forked child ranks beside the resampling of ``method``,
    so that both halves take about as long (by the measured costs above, the most
    costly first to the half with less to do so far)."""
    parent = OUTCOME_COST.get(method, 0) + OFFICIAL_COST
    child = OUTCOME_COST.get(method, 0) + RESAMPLE_COST.get(method, 0)
    theirs: list[str] = []
    for m in sorted(OUTCOME_COST, key=OUTCOME_COST.__getitem__, reverse=True):
        if m == method:
            continue
        if child < parent:
            theirs.append(m)
            child += OUTCOME_COST[m]
        else:
            parent += OUTCOME_COST[m]
    return tuple(theirs)


def agreement(prep: Prepared, agg: Aggregates, ranked: list[int]) -> float | None:
    """Kendall's W (tie corrected) on the ranked pitches, over the jurors with
    complete scores on all of them; failing two such jurors, over the ranked
    pitches that every juror scored completely."""
    if len(ranked) < 2:
        return None
    comp = agg.complete[ranked]
    jurors = np.nonzero(comp.all(axis=0))[0]
    if len(jurors) >= 2:
        return kendalls_w(agg.totals[np.ix_(np.asarray(ranked, dtype=np.int64), jurors)].T)
    items = [i for i in ranked if agg.complete[i].all()]
    if len(items) >= 2 and prep.m >= 2:
        return kendalls_w(agg.totals[items].T)
    return None


def juror_stats(prep: Prepared, agg: Aggregates) -> tuple[JurorStats, ...]:
    valid = agg.complete & field_mask(prep)[:, None]
    t = prep.fvalue(agg.totals / max(prep.wsum, 1))
    k = valid.sum(axis=1)
    jury_mean = np.divide(np.where(valid, t, 0).sum(axis=1), k, out=np.zeros(prep.n), where=k > 0)
    out = []
    for j, key in enumerate(prep.juror_keys):
        idx = np.nonzero(valid[:, j])[0]
        if len(idx) == 0:
            out.append(JurorStats(key, 0, None, None))
            continue
        mine = t[idx, j]
        offset = float((mine - jury_mean[idx]).mean())
        sd = float(np.std(mine, ddof=1)) if len(idx) > 1 else None
        out.append(
            JurorStats(key, len(idx), round(offset, 9), None if sd is None else round(sd, 9))
        )
    return tuple(out)
