"""Breaking ties for the funding line, and the funding pass itself.

Ties are broken by the criteria in priority order, then head to head
between the tied pitches, then a logged :class:`TieDecision`. A tie that
none of these separates stays one *block*; it is only a problem when the
funding line falls inside it, and then it is reported, never broken by input
order.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.consensus.methods import CritValues

MAX_PERMUTED = 6


@dataclass(frozen=True, slots=True)
class Block:
    members: tuple[int, ...]
    """Pitch indices; more than one means an unresolved tie."""
    how: str | None = None


def _crit_key(values: CritValues) -> tuple[tuple[int, Any], ...]:
    if values is None:
        return ()
    return tuple((0, 0) if v is None else (1, v) for v in values)


def order_ranked(
    inp: RankingInput,
    keys: tuple[str, ...],
    ranks: dict[int, int],
    crit: Sequence[CritValues],
    totals: np.ndarray,
    complete: np.ndarray,
    weights: np.ndarray | None = None,
    groups: Sequence[Hashable] | None = None,
    fcrit: Sequence[tuple[float, ...]] | None = None,
) -> list[Block]:
    """Ranked pitches in order, ties broken as far as the rules allow.

    ``groups``: per pitch a key equal exactly when the ``crit`` values are
    (instead of :func:`_group_key`, for callers that have one without the
    values); ``fcrit``: per pitch the correctly rounded float of each value
    (-1.0 for None, values being >= 0), which orders the groups when no two
    of them have the same floats (rounding is monotone)."""
    by_rank: dict[int, list[int]] = {}
    for i, r in ranks.items():
        by_rank.setdefault(r, []).append(i)
    blocks: list[Block] = []
    for r in sorted(by_rank):
        group = sorted(by_rank[r], key=lambda i: keys[i])
        if len(group) == 1:
            blocks.append(Block((group[0],)))
            continue
        blocks.extend(_resolve(inp, keys, group, crit, totals, complete, weights, groups, fcrit))
    return blocks


def _group_key(values: CritValues) -> tuple[tuple[int, int] | None, ...]:
    """Equal exactly when the criteria values are equal; hashes fast (hashing a
    Fraction costs a modular inverse, a pair of ints does not)."""
    if values is None:
        return ()
    out: list[tuple[int, int] | None] = []
    for v in values:
        if v is None:
            out.append(None)
        else:
            f = v if type(v) is Fraction else Fraction(v)
            out.append((f.numerator, f.denominator))
    return tuple(out)


def _resolve(
    inp: RankingInput,
    keys: tuple[str, ...],
    group: list[int],
    crit: Sequence[CritValues],
    totals: np.ndarray,
    complete: np.ndarray,
    weights: np.ndarray | None,
    groups: Sequence[Hashable] | None = None,
    fcrit: Sequence[tuple[float, ...]] | None = None,
) -> list[Block]:
    parts: dict[Hashable, list[int]] = {}
    for i in group:
        parts.setdefault(_group_key(crit[i]) if groups is None else groups[i], []).append(i)
    out: list[Block] = []
    split = len(parts) > 1
    floats = None if fcrit is None else {gk: fcrit[parts[gk][0]] for gk in parts}
    if floats is not None and len(set(floats.values())) == len(floats):
        order = sorted(parts, key=floats.__getitem__, reverse=True)
    else:
        order = sorted(parts, key=lambda gk: _crit_key(crit[parts[gk][0]]), reverse=True)
    for gk in order:
        sub = parts[gk]
        if len(sub) == 1:
            out.append(Block((sub[0],), "criteria" if split else None))
            continue
        out.extend(_head_to_head(inp, keys, sub, totals, complete, weights))
    return out


def head_to_head(
    a: int, b: int, totals: np.ndarray, complete: np.ndarray, weights: np.ndarray | None = None
) -> int:
    """Jurors (complete on both) preferring a, minus those preferring b."""
    both = complete[a] & complete[b]
    w = np.ones(totals.shape[1], dtype=np.int64) if weights is None else weights
    diff = np.sign(totals[a] - totals[b]) * both * w
    return int(diff.sum())


def _head_to_head(
    inp: RankingInput,
    keys: tuple[str, ...],
    sub: list[int],
    totals: np.ndarray,
    complete: np.ndarray,
    weights: np.ndarray | None,
) -> list[Block]:
    remaining = list(sub)
    top: list[Block] = []
    bottom: list[Block] = []
    h2h = {
        (a, b): head_to_head(a, b, totals, complete, weights) for a in sub for b in sub if a != b
    }
    while len(remaining) > 1:
        winner = [x for x in remaining if all(h2h[x, y] > 0 for y in remaining if y != x)]
        if winner:
            top.append(Block((winner[0],), "head_to_head"))
            remaining.remove(winner[0])
            continue
        loser = [x for x in remaining if all(h2h[x, y] < 0 for y in remaining if y != x)]
        if loser:
            bottom.insert(0, Block((loser[0],), "head_to_head"))
            remaining.remove(loser[0])
            continue
        break
    if len(remaining) == 1:
        core = [Block((remaining[0],), "head_to_head")]
    else:
        core = _decided(inp, keys, remaining)
    return top + core + bottom


def _decided(inp: RankingInput, keys: tuple[str, ...], members: list[int]) -> list[Block]:
    names = {keys[i] for i in members}
    for decision in reversed(inp.tie_decisions):
        if names <= set(decision.order):
            ordered = sorted(members, key=lambda i: decision.order.index(keys[i]))
            return [Block((i,), "decision") for i in ordered]
    return [Block(tuple(sorted(members, key=lambda i: keys[i])))]


@dataclass
class _State:
    count: int
    pot_left: dict[str | None, Fraction]
    closed: set[str | None] = field(default_factory=set)
    closed_all: bool = False
    funded: dict[int, Fraction] = field(default_factory=dict)

    def copy(self) -> _State:
        return _State(
            self.count, dict(self.pot_left), set(self.closed), self.closed_all, dict(self.funded)
        )


@dataclass
class Funding:
    funded: dict[int, Fraction]
    pot_budget: dict[str, Fraction]
    pot_left: dict[str, Fraction]
    ties_at_line: list[tuple[int, ...]]


def pot_budgets(inp: RankingInput) -> dict[str, Fraction]:
    budgets = {p.key: Fraction(p.budget) for p in inp.pots}
    for t in inp.pot_transfers:
        if t.source in budgets and t.target in budgets:
            budgets[t.source] -= t.amount
            budgets[t.target] += t.amount
    return budgets


def pot_of(inp: RankingInput, requested: Fraction) -> str | None:
    for p in inp.pots:
        if p.min_requested is not None and requested < p.min_requested:
            continue
        if p.max_requested is not None and requested > p.max_requested:
            continue
        return p.key
    return None


def fund(
    inp: RankingInput,
    blocks: list[Block],
    candidate: list[bool],
    awards: dict[int, Fraction],
    pots: list[str | None],
) -> Funding:
    """Awards first, then down the blocks with the skip or strict rule."""
    budgets = pot_budgets(inp)
    use_pots = bool(inp.pots)
    left: dict[str | None, Fraction] = {}
    if use_pots:
        left.update(budgets)
    if not use_pots and inp.budget is not None:
        left[None] = Fraction(inp.budget)
    state = _State(0, left)
    for i, amount in awards.items():
        state.funded[i] = amount
        state.count += 1
        pot = pots[i] if use_pots else None
        if pot in state.pot_left:
            state.pot_left[pot] -= amount
    strict = inp.funding_rule == "strict"
    ties: list[tuple[int, ...]] = []
    amount_of = {i: Fraction(inp.pitches[i].requested) for i in range(len(inp.pitches))}
    for block in blocks:
        cands = [i for i in block.members if candidate[i]]
        if not cands:
            continue
        if len(cands) == 1:
            _try(state, cands[0], pots[cands[0]], amount_of, inp.max_funded, strict)
            continue
        outcome = _tie_outcome(state, cands, pots, amount_of, inp.max_funded, strict)
        if outcome is not None:
            state = outcome
            continue
        ties.append(tuple(cands))
        if inp.max_funded is not None or not use_pots:
            state.closed_all = True
        else:
            state.closed.update(pots[i] for i in cands)
    return Funding(
        funded=state.funded,
        pot_budget=budgets,
        pot_left={k: v for k, v in state.pot_left.items() if k is not None},
        ties_at_line=ties,
    )


def _try(
    state: _State,
    i: int,
    pot: str | None,
    amount_of: dict[int, Fraction],
    max_funded: int | None,
    strict: bool,
) -> bool:
    if state.closed_all or pot in state.closed:
        return False
    amount = amount_of[i]
    fits = max_funded is None or state.count < max_funded
    if fits and pot in state.pot_left:
        fits = amount <= state.pot_left[pot]
    if fits:
        state.funded[i] = amount
        state.count += 1
        if pot in state.pot_left:
            state.pot_left[pot] -= amount
        return True
    if strict:
        if max_funded is not None and state.count >= max_funded:
            state.closed_all = True
        else:
            state.closed.add(pot)
    return False


def _tie_outcome(
    state: _State,
    cands: list[int],
    pots: list[str | None],
    amount_of: dict[int, Fraction],
    max_funded: int | None,
    strict: bool,
) -> _State | None:
    """The state after a tied block when every order gives the same funded set."""
    orders: Iterator[tuple[int, ...]]
    if len(cands) <= MAX_PERMUTED:
        orders = itertools.permutations(cands)
    else:
        orders = iter([tuple(cands), tuple(reversed(cands))])
    result: _State | None = None
    seen: frozenset[int] | None = None
    for order in orders:
        trial = state.copy()
        for i in order:
            _try(trial, i, pots[i], amount_of, max_funded, strict)
        got = frozenset(i for i in cands if i in trial.funded)
        if seen is None:
            seen, result = got, trial
        elif got != seen:
            return None
    if len(cands) > MAX_PERMUTED and seen not in (frozenset(), frozenset(cands)):
        return None
    return result
