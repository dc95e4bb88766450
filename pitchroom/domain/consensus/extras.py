"""The slow path: leave-one-out intervals, bootstrap, fragile flags, W, leniency.

Leave-one-out and the method switch are exact (the whole fast path, funding
line included, without one juror or under another method). The bootstrap
uses float keys (rounded to 1e-9) and keeps the set of ranked pitches of the
full jury; it enumerates every multiset of jurors for small juries and draws
seeded resamples beyond.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import numpy as np

from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.consensus.methods import METHODS, field_mask
from pitchroom.domain.consensus.pairwise import kendalls_w
from pitchroom.domain.consensus.prepare import Aggregates, Prepared, aggregate, prepare
from pitchroom.domain.consensus.ranking import rank_prepared
from pitchroom.domain.consensus.resample import float_keys, float_ranks, multisets, sampled
from pitchroom.domain.consensus.result import JurorStats, Ranking

EXACT_BOOTSTRAP_JURORS = 8
DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20240612
SCHULZE_BOOTSTRAP_LIMIT = 300
"""Above this many pitches the Schulze bootstrap (O(n^3) per resample) is skipped."""


def with_extras(
    inp: RankingInput,
    method: str = "mean",
    *,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    exact_up_to: int = EXACT_BOOTSTRAP_JURORS,
    prep: Prepared | None = None,
    memo: dict | None = None,
) -> Ranking:
    """:func:`rank` plus interval, bootstrap, fragile, Kendall's W and juror stats."""
    prep = prepare(inp) if prep is None else prep
    memo = {} if memo is None else memo
    agg = aggregate(prep)
    base = rank_prepared(prep, agg, method, memo)
    ranked = [prep.pidx[r.pitch] for r in base.rows if r.rank is not None]
    funded = {r.pitch for r in base.rows if r.status == "funded"}
    loo = _leave_one_out(prep, method, memo)
    fragile = {prep.pitch_keys[i]: False for i in ranked}
    for variant in loo + [rank_prepared(prep, agg, m, memo) for m in METHODS if m != method]:
        got = {r.pitch for r in variant.rows if r.status == "funded"}
        for key in fragile:
            if (key in funded) != (key in got):
                fragile[key] = True
    intervals: dict[str, list[int]] = defaultdict(list)
    for variant in loo:
        for r in variant.rows:
            if r.rank is not None:
                intervals[r.pitch].append(r.rank)
    notes: list[str] = []
    boot, used_seed = _bootstrap(prep, method, np.array(ranked, dtype=np.int64), seed,
                                 resamples, exact_up_to, notes)
    rows = []
    for r in base.rows:
        if r.rank is None:
            rows.append(r)
            continue
        ranks = intervals.get(r.pitch)
        rows.append(dataclasses.replace(
            r,
            interval=(min(ranks), max(ranks)) if ranks else None,
            bootstrap=boot.get(r.pitch),
            fragile=fragile[r.pitch],
        ))
    return dataclasses.replace(
        base,
        rows=tuple(rows),
        agreement=agreement(prep, agg, ranked),
        jurors=juror_stats(prep, agg),
        seed=used_seed,
        extras=True,
        notes=tuple(notes),
    )


def _leave_one_out(prep: Prepared, method: str, memo: dict) -> list[Ranking]:
    if prep.m < 2:
        return []
    out = []
    for j in range(prep.m):
        w = np.ones(prep.m, dtype=np.int64)
        w[j] = 0
        out.append(rank_prepared(prep, aggregate(prep, w), method, memo, w))
    return out


def _bootstrap(prep, method, ranked, seed, resamples, exact_up_to, notes):
    if prep.m == 0 or len(ranked) == 0:
        return {}, None
    if method == "schulze" and int(field_mask(prep).sum()) > SCHULZE_BOOTSTRAP_LIMIT:
        notes.append("bootstrap skipped: schulze with too many pitches")
        return {}, None
    if prep.m <= exact_up_to:
        draws, used_seed = multisets(prep.m), None
    else:
        draws, used_seed = sampled(prep.m, resamples, seed), seed
    dist: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for counts, weight in draws:
        keys = float_keys(prep, aggregate(prep, counts), method, counts)
        for i, r in float_ranks(keys, ranked).items():
            dist[i][r] += weight
    out: dict[str, tuple[int, int]] = {}
    for i, hist in dist.items():
        out[prep.pitch_keys[i]] = (_percentile(hist, 5), _percentile(hist, 95))
    return out, used_seed


def _percentile(hist: dict[int, int], pct: int) -> int:
    """The smallest rank whose cumulative weight reaches pct% (inverted CDF)."""
    total = sum(hist.values())
    acc = 0
    for r in sorted(hist):
        acc += hist[r]
        if 100 * acc >= pct * total:
            return r
    return max(hist)


def agreement(prep: Prepared, agg: Aggregates, ranked: list[int]) -> float | None:
    """Kendall's W (tie corrected) on the ranked pitches, over the jurors with
    complete scores on all of them; failing two such jurors, over the ranked
    pitches that every juror scored completely."""
    if len(ranked) < 2:
        return None
    comp = agg.complete[ranked]
    jurors = np.nonzero(comp.all(axis=0))[0]
    if len(jurors) >= 2:
        return kendalls_w(agg.totals[np.ix_(ranked, jurors)].T)
    items = [i for i in ranked if agg.complete[i].all()]
    if len(items) >= 2 and prep.m >= 2:
        return kendalls_w(agg.totals[items].T)
    return None


def juror_stats(prep: Prepared, agg: Aggregates) -> tuple[JurorStats, ...]:
    valid = agg.complete & field_mask(prep)[:, None]
    t = prep.fvalue(agg.totals / max(prep.wsum, 1))
    k = valid.sum(axis=1)
    jury_mean = np.divide(np.where(valid, t, 0).sum(axis=1), k, out=np.zeros(prep.n),
                          where=k > 0)
    out = []
    for j, key in enumerate(prep.juror_keys):
        idx = np.nonzero(valid[:, j])[0]
        if len(idx) == 0:
            out.append(JurorStats(key, 0, None, None))
            continue
        mine = t[idx, j]
        offset = float((mine - jury_mean[idx]).mean())
        sd = float(np.std(mine, ddof=1)) if len(idx) > 1 else None
        out.append(JurorStats(key, len(idx), round(offset, 9),
                              None if sd is None else round(sd, 9)))
    return tuple(out)
