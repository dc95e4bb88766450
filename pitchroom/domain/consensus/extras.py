"""The slow path: leave-one-out intervals, bootstrap, fragile flags, W, alpha, leniency.

Leave-one-out and the method switch are exact (the whole fast path, funding
line included, without one juror or under another method). The bootstrap
uses float keys (rounded to 1e-9) and keeps the set of ranked pitches of the
full jury; it enumerates every multiset of jurors for small juries and draws
seeded resamples beyond.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from pitchroom.domain.consensus.alpha import alpha_of_totals
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
from pitchroom.domain.consensus.ranking import rank_outcome, rank_prepared
from pitchroom.domain.consensus.resample import (
    CRITERION_METHODS,
    DrawBatches,
    float_rank_arrays,
    multisets,
    sampled_arrays,
    total_keys,
)
from pitchroom.domain.consensus.result import JurorStats, Ranking, Row

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
    memo: Memo | None = None,
) -> Ranking:
    """:func:`rank` plus interval, bootstrap, fragile, Kendall's W, Krippendorff's
    alpha (interval, over the complete eligible juror totals of every pitch in the
    field) and juror stats."""
    prep = prepare(inp) if prep is None else prep
    memo = {} if memo is None else memo
    agg = aggregate(prep)
    base = rank_prepared(prep, agg, method, memo)
    ranked = [prep.pidx[r.pitch] for r in base.rows if r.rank is not None]
    base_rank = np.zeros(prep.n, dtype=np.int64)
    base_funded = np.zeros(prep.n, dtype=bool)
    for r in base.rows:
        if r.rank is not None:
            base_rank[prep.pidx[r.pitch]] = r.rank
        if r.status == "funded":
            base_funded[prep.pidx[r.pitch]] = True
    loo = leave_one_out(prep, agg, method, memo, frozenset(ranked))
    others = outcomes_of([rank_outcome(prep, agg, m, memo) for m in METHODS if m != method], prep.n)
    # Fragile: funded or not as the full jury decides, but not so in some other run.
    fragile = (np.concatenate([loo.funded, others.funded]) != base_funded[None, :]).any(axis=0)
    # The interval: the full jury's rank and every leave-one-out rank.
    ranks = np.concatenate([base_rank[None, :], loo.ranks])
    big = np.iinfo(np.int64).max
    low = np.where(ranks > 0, ranks, big).min(axis=0).tolist()
    high = ranks.max(axis=0).tolist()
    notes: list[str] = []
    boot, used_seed = _bootstrap(
        prep, method, np.array(ranked, dtype=np.int64), seed, resamples, exact_up_to, notes
    )
    rows: list[Row] = []
    for r in base.rows:
        if r.rank is None:
            rows.append(r)
            continue
        i = prep.pidx[r.pitch]
        rows.append(
            dataclasses.replace(
                r,
                interval=(low[i], high[i]),
                bootstrap=boot.get(r.pitch),
                fragile=bool(fragile[i]),
            )
        )
    return dataclasses.replace(
        base,
        rows=tuple(rows),
        agreement=agreement(prep, agg, ranked),
        alpha=alpha_of_totals(agg.totals, agg.complete & field_mask(prep)[:, None]),
        jurors=juror_stats(prep, agg),
        seed=used_seed,
        extras=True,
        notes=tuple(notes),
    )


def _bootstrap(
    prep: Prepared,
    method: str,
    ranked: np.ndarray,
    seed: int,
    resamples: int,
    exact_up_to: int,
    notes: list[str],
) -> tuple[dict[str, tuple[int, int]], int | None]:
    """The 5-95% rank band per ranked pitch over the juror resamples, and the
    seed used (None: every multiset enumerated, or no bootstrap)."""
    if prep.m == 0 or len(ranked) == 0:
        return {}, None
    if method == "schulze" and int(field_mask(prep).sum()) > SCHULZE_BOOTSTRAP_LIMIT:
        notes.append("bootstrap skipped: schulze with too many pitches")
        return {}, None
    used_seed: int | None = None
    if prep.m <= exact_up_to:
        counts_list: list[np.ndarray] = []
        weight_list: list[int] = []
        for draw, times in multisets(prep.m):
            counts_list.append(draw)
            weight_list.append(times)
        counts = np.array(counts_list, dtype=np.int64).reshape(len(counts_list), prep.m)
        weight = np.array(weight_list, dtype=np.float64)
    else:
        counts, merged = sampled_arrays(prep.m, resamples, seed)
        weight, used_seed = merged.astype(np.float64), seed
    hist = RankHistogram(prep.n, len(ranked))
    if method in CRITERION_METHODS:
        batches = DrawBatches(prep, method)
        for start in range(0, len(counts), batches.batch):
            chunk = slice(start, start + batches.batch)
            hist.add_keys(batches.keys(counts[chunk]), ranked, weight[chunk])
    else:
        base = aggregate(prep)
        for row, w in zip(counts, weight, strict=True):
            keys = total_keys(prep, base, method, row)
            hist.add(*float_rank_arrays(keys, ranked), w)
    return {prep.pitch_keys[i]: band for i, band in hist.percentiles(5, 95).items()}, used_seed


class RankHistogram:
    """Weighted counts of (pitch, rank) over the draws."""

    def __init__(self, n: int, ranked: int) -> None:
        self.width = ranked + 1
        self.n = n
        self.hist = np.zeros(n * self.width)
        """Flat (pitch, rank) weights; whole numbers, summed exactly in float64."""

    def add(self, idx: np.ndarray, ranks: np.ndarray, weight: float) -> None:
        self.hist += np.bincount(idx * self.width + ranks, minlength=len(self.hist)) * weight

    def add_keys(self, keys: np.ndarray, ranked: np.ndarray, weights: np.ndarray) -> None:
        """Each draw's competition ranks among ``ranked`` by its (B, n) float
        keys (NaN: no key, no rank), with the draw's weight: what
        :func:`float_rank_arrays` gives per row, for the batch at once."""
        b, r = len(keys), len(ranked)
        if r == 0 or b == 0:
            return
        whole = r == keys.shape[1] and bool((ranked == np.arange(r)).all())
        down = -keys if whole else -keys[:, ranked]
        order = np.argsort(down, axis=1)  # largest key first, NaN last
        s = np.take_along_axis(down, order, axis=1)
        # The rank of a sorted position is 1 + the start of its run of equal keys.
        starts = np.empty((b, r), dtype=bool)
        starts[:, 0] = True
        np.not_equal(s[:, 1:], s[:, :-1], out=starts[:, 1:])
        first = np.where(starts, np.arange(1, r + 1), 0)
        ranks = np.maximum.accumulate(first, axis=1)
        flat = (order if whole else ranked[order]) * self.width + ranks
        w = np.broadcast_to(weights[:, None], (b, r))
        valid = ~np.isnan(s)
        if valid.all():
            counted = np.bincount(flat.ravel(), weights=w.ravel(), minlength=len(self.hist))
        else:
            counted = np.bincount(flat[valid], weights=w[valid], minlength=len(self.hist))
        self.hist += counted

    def percentiles(self, low: int, high: int) -> dict[int, tuple[int, int]]:
        """Per pitch with a rank in some draw: the smallest ranks whose cumulative
        weight reaches low% and high% (inverted CDF)."""
        hist = np.rint(self.hist).astype(np.int64).reshape(self.n, self.width)
        acc = np.cumsum(hist, axis=1)
        total = acc[:, -1]
        out: dict[int, tuple[int, int]] = {}
        lo = np.argmax(100 * acc >= low * total[:, None], axis=1)
        hi = np.argmax(100 * acc >= high * total[:, None], axis=1)
        for i in np.nonzero(total > 0)[0]:
            out[int(i)] = (int(lo[i]), int(hi[i]))
        return out


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
