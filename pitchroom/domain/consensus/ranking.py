"""The fast path: statuses, competition ranks, tie-breaks and the funding line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from pitchroom.domain.consensus import fastkeys, methodkeys
from pitchroom.domain.consensus.funding import Block, Funding, fund, order_ranked
from pitchroom.domain.consensus.fundpass import plan_of
from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.consensus.majority import mj_keys
from pitchroom.domain.consensus.methods import Memo, MethodScores, score_method
from pitchroom.domain.consensus.prepare import Aggregates, Prepared, aggregate, prepare
from pitchroom.domain.consensus.result import PotResult, Ranking, Row


def rank(inp: RankingInput, method: str = "mean") -> Ranking:
    """The consensus ranking with the funding line, without the extras."""
    prep = prepare(inp)
    return rank_prepared(prep, aggregate(prep), method)


def base_status(prep: Prepared, agg: Aggregates, keep: frozenset[int] | None = None) -> list[str]:
    """withdrawn / pending / unscored, or "ranked" for the others.

    ``keep``: the pitches the full jury ranks, for a jury with one juror left out:
    exactly those stay ranked (the quorum lowered by one for them), so that a
    leave-one-out rank is comparable with the full jury's."""
    quorum = prep.inp.quorum
    out: list[str] = []
    for i in range(prep.n):
        if prep.withdrawn[i]:
            out.append("withdrawn")
        elif prep.held[i]:
            out.append("pending")
        elif agg.scored[i] == 0:
            out.append("unscored")
        elif keep is not None:
            out.append("ranked" if i in keep else "pending")
        else:
            need = int(agg.neligible[i]) if quorum is None else quorum
            out.append("ranked" if int(agg.ncomplete[i]) >= need else "pending")
    return out


class _Desc:
    """Wraps a key so that ``sorted`` puts the largest first and None last."""

    __slots__ = ("k",)

    def __init__(self, k: Any) -> None:
        self.k = k

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.k == other.k

    def __lt__(self, other: _Desc) -> bool:
        if self.k is None or other.k is None:
            return self.k is not None and other.k is None
        return bool(other.k < self.k)


def _sort_key(k: Fraction) -> tuple[float, Fraction]:
    """An ordering key equivalent to ``k`` that compares fast: the (correctly
    rounded, so monotone) float first, the exact value only when floats are equal."""
    return (k.numerator / k.denominator, k)


def competition_ranks(ms: MethodScores, ranked: Sequence[int]) -> dict[int, int]:
    """Ranks 1, 2, 2, 4 among ``ranked`` pitches (never by input order)."""
    ranked = [i for i in ranked if ms.key[i] is not None]
    if not ranked:
        return {}
    if ms.beats is not None:  # 1 + how many ranked pitches beat each (rows by a mask)
        rows = np.zeros(len(ms.beats), dtype=bool)
        rows[ranked] = True
        beaten_by = np.count_nonzero(ms.beats[rows], axis=0)[ranked].tolist()
        return {i: 1 + beaten_by[k] for k, i in enumerate(ranked)}
    if ms.method == "majority":
        return _majority_ranks(ms, ranked)
    keys = {i: ms.key[i] for i in ranked}
    kinds = {type(k) for k in keys.values()}
    if kinds == {Fraction}:
        order = sorted(ranked, key=lambda i: _sort_key(keys[i]), reverse=True)
    elif kinds <= {int, float}:
        order = sorted(ranked, key=keys.__getitem__, reverse=True)
    else:
        order = sorted(ranked, key=lambda i: _Desc(keys[i]))
    ranks: dict[int, int] = {}
    for pos, i in enumerate(order):
        if pos and keys[i] == keys[order[pos - 1]]:
            ranks[i] = ranks[order[pos - 1]]
        else:
            ranks[i] = pos + 1
    return ranks


def _gauge_sort_key(key: tuple[int, int, Fraction]) -> tuple[int, int, float, Fraction]:
    grade, plus, share = key
    return (grade, plus, share.numerator / share.denominator, share)


def _majority_ranks(ms: MethodScores, ranked: list[int]) -> dict[int, int]:
    """Majority Judgment's competition ranks: by the gauge (each pitch's key), and
    by the majority value (:func:`mj_keys`) only among pitches with equal gauges,
    which is all that :func:`mj_keys` of every pitch would compare it with."""
    by_gauge: dict[tuple[int, int, Fraction], list[int]] = {}
    for i in ranked:
        by_gauge.setdefault(ms.key[i], []).append(i)
    ranks: dict[int, int] = {}
    pos = 1
    for key in sorted(by_gauge, key=_gauge_sort_key, reverse=True):
        members = by_gauge[key]
        value: dict[int, Any] = {}
        if len(members) > 1:
            tallies = []
            for i in members:
                gauge = ms.gauge[i]
                assert gauge is not None, "a majority key without a gauge"
                tallies.append(gauge.tally)
            value = dict(zip(members, (k[1] for k in mj_keys(tallies)), strict=True))
            members = sorted(members, key=lambda i: _Desc(value[i]))
        for k, i in enumerate(members):
            if k and value[i] == value[members[k - 1]]:
                ranks[i] = ranks[members[k - 1]]
            else:
                ranks[i] = pos + k
        pos += len(members)
    return ranks


def thresholds_met(prep: Prepared, ms: MethodScores, i: int) -> bool:
    if all(crit.threshold is None for crit in prep.inp.criteria):
        return True
    values = ms.thresh[i]
    for c, crit in enumerate(prep.inp.criteria):
        if crit.threshold is None:
            continue
        v = None if values is None else values[c]
        if v is None or v < crit.threshold:
            return False
    return True


def spreads(prep: Prepared, agg: Aggregates) -> list[Fraction | None]:
    valid = agg.complete
    big = np.iinfo(np.int64).max
    hi = np.where(valid, agg.totals, -big).max(axis=1, initial=-big)
    lo = np.where(valid, agg.totals, big).min(axis=1, initial=big)
    has = np.asarray(valid.any(axis=1))
    step = prep.inp.scale_step
    return [
        step * Fraction(int(hi[i] - lo[i]), prep.wsum) if has[i] else None for i in range(prep.n)
    ]


def rank_prepared(
    prep: Prepared,
    agg: Aggregates,
    method: str,
    memo: Memo | None = None,
    weights: np.ndarray | None = None,
) -> Ranking:
    decided = _decide(prep, agg, method, memo, weights)
    return _assemble(prep, agg, decided, _row_order(prep, decided))


def rank_outcome(
    prep: Prepared,
    agg: Aggregates,
    method: str,
    memo: Memo | None = None,
    weights: np.ndarray | None = None,
    keep: frozenset[int] | None = None,
) -> tuple[dict[int, int], frozenset[int]]:
    """What :func:`rank_prepared` decides, without building the rows: the
    competition rank per ranked pitch index, and the funded pitch indices
    (``keep``: see :func:`base_status`). Keys from float and integer arrays, exact
    only at near-ties (:func:`_fast_scores`): the same outcome."""
    decided = _decide(prep, agg, method, memo, weights, keep, fast=True)
    return decided.ranks, frozenset(i for i, s in enumerate(decided.status) if s == "funded")


def ranked_order(
    prep: Prepared, agg: Aggregates, method: str, memo: Memo | None = None
) -> list[int]:
    """The pitch indices that :func:`rank_prepared` ranks, in the order of its rows,
    from the keys of :func:`rank_outcome` (the rows not built)."""
    decided = _decide(prep, agg, method, memo, None, fast=True)
    return [i for i in _row_order(prep, decided) if i in decided.ranks]


@dataclass(frozen=True, slots=True)
class _Decided:
    """What the fast path decides per pitch index, before the rows are built."""

    ms: MethodScores
    status: list[str]
    ranks: dict[int, int]
    """Competition rank per ranked pitch."""
    met: dict[int, bool]
    """Whether each ranked pitch meets every criterion threshold."""
    pots: list[str | None]
    """The pot each pitch's request falls in (None: no pots, or none fits)."""
    funding: Funding
    blocks: list[Block]


def _decide(
    prep: Prepared,
    agg: Aggregates,
    method: str,
    memo: Memo | None,
    weights: np.ndarray | None,
    keep: frozenset[int] | None = None,
    fast: bool = False,
) -> _Decided:
    inp = prep.inp
    status = base_status(prep, agg, keep)
    ranked = [i for i, s in enumerate(status) if s == "ranked"]
    scored = _fast_scores(prep, agg, method, memo, weights, ranked) if fast else None
    if scored is None:
        ms = score_method(prep, agg, method, memo, weights)
        ranks = competition_ranks(ms, ranked)
    else:
        ms, ranks = scored
    for i in ranked:
        if i not in ranks:  # no score under this method (no complete juror)
            status[i] = "pending"
    ranked = [i for i in ranked if i in ranks]
    lazy = ms.crit if isinstance(ms.crit, fastkeys.CritColumn) else None
    blocks = order_ranked(
        inp,
        prep.pitch_keys,
        ranks,
        ms.crit,
        agg.totals,
        agg.complete,
        weights,
        None if lazy is None else lazy.groups,
        None if lazy is None else lazy.floats,
    )
    plan = plan_of(inp)
    pots, awards, open_ = plan.pots, plan.awards, plan.open
    if any(crit.threshold is not None for crit in inp.criteria):
        met = {i: thresholds_met(prep, ms, i) for i in ranked}
    else:
        met = dict.fromkeys(ranked, True)
    candidate = [False] * prep.n
    for i in ranked:
        candidate[i] = open_[i] and met[i]
    funding = fund(inp, blocks, candidate, awards, pots)
    for i in ranked:
        p = inp.pitches[i]
        if i in funding.funded:
            status[i] = "funded"
        elif p.decision == "reserve" or candidate[i]:
            status[i] = "reserve"
        else:
            status[i] = "ineligible"
    for i in awards:
        status[i] = "funded"
    for i, p in enumerate(inp.pitches):
        if p.stage == "rejected" and not p.withdrawn:
            status[i] = "ineligible"
    return _Decided(ms, status, ranks, met, pots, funding, blocks)


def _fast_scores(
    prep: Prepared,
    agg: Aggregates,
    method: str,
    memo: Memo | None,
    weights: np.ndarray | None,
    ranked: list[int],
) -> tuple[MethodScores, dict[int, int]] | None:
    """:func:`score_method` and :func:`competition_ranks` from float keys and integer
    arrays (:mod:`fastkeys`, :mod:`methodkeys`); None where neither applies."""
    memo = {} if memo is None else memo
    if fastkeys.usable(prep, method):
        ms, fkey, pair = fastkeys.lazy_scores(prep, agg, method, memo)
        return ms, fastkeys.float_competition_ranks(ms.key, fkey, ranked, pair)
    return methodkeys.decide_scores(prep, agg, method, memo, weights, ranked)


def _row_order(prep: Prepared, decided: _Decided) -> list[int]:
    """The proposals granted at pre-selection (funded first), then the pitches:
    ranked in block order, pending by provisional score, unscored, withdrawn;
    last the proposals rejected at pre-selection. Each part in session order
    where no score orders it."""
    ms, status = decided.ms, decided.status
    stages = [p.stage for p in prep.inp.pitches]
    pitching = [stage == "pitch" for stage in stages]
    order = [i for b in decided.blocks for i in b.members if pitching[i]]
    placed = set(order)
    rest = [i for i in range(prep.n) if i not in placed and not prep.withdrawn[i] and pitching[i]]
    rest.sort(
        key=lambda i: (ms.key[i] is None, _Desc(ms.key[i]), agg_rank(status[i]), prep.pitch_keys[i])
    )
    withdrawn = [i for i in range(prep.n) if prep.withdrawn[i] and pitching[i]]
    first = [i for i in range(prep.n) if stages[i] == "preselected"]
    last = [i for i in range(prep.n) if stages[i] == "rejected"]
    return first + order + rest + withdrawn + last


_STAGE_DECISION = {"preselected": "award", "rejected": "reject"}
"""How a proposal decided at pre-selection counts: as a decision taken before the day."""


def agg_rank(status: str) -> int:
    return {"pending": 0, "funded": 1, "unscored": 2}.get(status, 3)


def _assemble(prep: Prepared, agg: Aggregates, decided: _Decided, order: list[int]) -> Ranking:
    inp = prep.inp
    ms, status, ranks = decided.ms, decided.status, decided.ranks
    met, pots = decided.met, decided.pots
    funding, blocks = decided.funding, decided.blocks
    spread = spreads(prep, agg)
    how = {i: b.how for b in blocks if len(b.members) == 1 for i in b.members}
    tie_of = {i: tuple(prep.pitch_keys[k] for k in t) for t in funding.ties_at_line for i in t}
    rows: list[Row] = []
    cumulative = Fraction(0)
    for i in order:
        p = inp.pitches[i]
        granted = funding.funded.get(i)
        if granted is not None:
            cumulative += granted
        crit = ms.crit[i]
        grades = ms.thresh[i] if ms.method == "majority" else None
        gap = spread[i]
        rows.append(
            Row(
                rank=ranks.get(i),
                pitch=p.key,
                title=p.title,
                score=None if prep.held[i] else ms.score[i],
                jurors=int(agg.scored[i]),
                eligible=int(agg.neligible[i]) if not prep.held[i] else int(prep.elig[i].sum()),
                complete=int(agg.ncomplete[i]),
                spread=gap,
                flagged=gap is not None and gap >= inp.discuss_spread,
                requested=Fraction(p.requested),
                pot=pots[i],
                status=status[i],
                decision=_STAGE_DECISION.get(p.stage, p.decision),
                stage=p.stage,
                granted=granted,
                cumulative=cumulative,
                criteria=dict(zip(prep.crit_keys, crit or (None,) * prep.c, strict=True)),
                thresholds_met=met.get(i),
                gauge=ms.gauge[i] if ms.method == "majority" else None,
                grades=None if grades is None else dict(zip(prep.crit_keys, grades, strict=True)),
                tie_break=how.get(i),
                tie=tie_of.get(i),
            )
        )
    first = next((r.pitch for r in rows if r.status == "reserve"), None)
    pot_results = tuple(
        PotResult(
            key=k,
            budget=b,
            left=funding.pot_left.get(k, b),
            first_unfunded=next(
                (r.pitch for r in rows if r.status == "reserve" and r.pot == k), None
            ),
        )
        for k, b in funding.pot_budget.items()
    )
    budget = None if inp.budget is None else Fraction(inp.budget)
    spent = sum(funding.funded.values(), Fraction(0))
    return Ranking(
        method=ms.method,
        rows=tuple(rows),
        budget=budget,
        left=None if budget is None else budget - spent,
        first_unfunded=first,
        pots=pot_results,
        ties_at_line=tuple(tuple(prep.pitch_keys[k] for k in t) for t in funding.ties_at_line),
    )
