"""Breaking ties for the funding line, and the funding pass itself.

Ties are broken by the criteria in priority order, then head to head
between the tied pitches, then a logged :class:`TieDecision`. A tie that
none of these separates stays one *block*; it is only a problem when the
funding line falls inside it, and then it is reported, never broken by input
order.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol, TypeVar, cast

import numpy as np

from pitchroom.domain.consensus.fundpass import MAX_PERMUTED, Pass, plan_of, pot_budgets, pot_of
from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.consensus.methods import CritValues

__all__ = ["MAX_PERMUTED", "Block", "Funding", "fund", "order_ranked", "pot_budgets", "pot_of"]

T_co = TypeVar("T_co", covariant=True)


class ByPitch(Protocol[T_co]):
    """Something indexed by pitch index: a sequence over all pitches, or a
    mapping that holds the pitches of one tie."""

    def __getitem__(self, i: int, /) -> T_co: ...


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
    (-1.0 for None, values being >= 0), which orders the groups (rounding is
    monotone), for values whose floats differ when they do (see :data:`FLOAT_DEN`).
    Without ``fcrit`` the values' own floats order the groups when they are
    within those bounds, the exact values otherwise."""
    by_rank: dict[int, list[int]] = {}
    for i, r in ranks.items():
        by_rank.setdefault(r, []).append(i)
    blocks: list[Block] = []
    for r in sorted(by_rank):
        group = sorted(by_rank[r], key=lambda i: keys[i])
        if len(group) == 1:
            blocks.append(Block((group[0],)))
            continue
        blocks.extend(resolve(inp, keys, group, crit, totals, complete, weights, groups, fcrit))
    return blocks


FLOAT_DEN = 2**20
FLOAT_TOP = 2**11
"""Values with denominators below FLOAT_DEN and magnitudes below FLOAT_TOP have
distinct floats when they differ: two such values differ by at least
1 / FLOAT_DEN**2 = 2**-40, two values with one float by at most
FLOAT_TOP * 2**-52 = 2**-41."""


def _float_key(values: CritValues) -> tuple[float, ...] | None:
    """Two floats per value, (0, 0) for None and (1, its float) otherwise, which
    compare as the values do; None when a value is outside the bounds above."""
    if values is None:
        return ()
    out: list[float] = []
    for v in values:
        if v is None:
            out += (0.0, 0.0)
            continue
        f = v if type(v) is Fraction else Fraction(v)
        num, den = f.numerator, f.denominator
        if den >= FLOAT_DEN or abs(num) >= FLOAT_TOP * den:
            return None
        out += (1.0, num / den)
    return tuple(out)


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


def resolve(
    inp: RankingInput,
    keys: tuple[str, ...],
    group: list[int],
    crit: ByPitch[CritValues],
    totals: np.ndarray,
    complete: np.ndarray,
    weights: np.ndarray | None,
    groups: ByPitch[Hashable] | None = None,
    fcrit: ByPitch[tuple[float, ...]] | None = None,
) -> list[Block]:
    """One tie (``group``: the pitches of one rank, in key order) broken as far as
    the rules allow: by the criteria, head to head, by a logged decision."""
    parts: dict[Hashable, list[int]] = {}
    for i in group:
        parts.setdefault(_group_key(crit[i]) if groups is None else groups[i], []).append(i)
    out: list[Block] = []
    split = len(parts) > 1
    floats = None if fcrit is None else {gk: fcrit[parts[gk][0]] for gk in parts}
    if floats is None and len(parts) > 1:
        approx = {gk: _float_key(crit[parts[gk][0]]) for gk in parts}
        if all(f is not None for f in approx.values()):
            floats = cast(dict[Hashable, tuple[float, ...]], approx)
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
class Funding:
    funded: dict[int, Fraction]
    pot_budget: dict[str, Fraction]
    pot_left: dict[str, Fraction]
    ties_at_line: list[tuple[int, ...]]


def fund(
    inp: RankingInput,
    blocks: list[Block],
    candidate: list[bool],
    awards: dict[int, Fraction],
    pots: list[str | None],
) -> Funding:
    """Awards first, then down the blocks with the skip or strict rule (in
    integers: :mod:`fundpass`). ``pots``: each pitch's pot, as :func:`pot_of`
    gives it (None for all when the session has no pots)."""
    plan = plan_of(inp)
    assert pots == plan.pots, "pots other than the requests' own"
    run = Pass(inp, plan, awards)
    for block in blocks:
        run.block([i for i in block.members if candidate[i]])
    return result_of(run)


def result_of(run: Pass) -> Funding:
    """The :class:`Funding` a finished :class:`Pass` decided."""
    return Funding(
        funded=run.funded(),
        pot_budget=dict(run.plan.budgets),
        pot_left=run.pot_left(),
        ties_at_line=run.ties,
    )
