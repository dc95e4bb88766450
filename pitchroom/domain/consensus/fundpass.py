"""The funding pass in integers: every amount of a session times one scale.

:func:`funding.fund` walks the ranked blocks with the skip or strict rule;
the amounts it compares and subtracts are the session's ``Fraction`` amounts
(requests, grants, budgets, pot budgets, transfers). Multiplied by the LCM
of their denominators they are integers, and integer comparisons and
subtractions give exactly what the Fractions give, many times faster (the
leave-one-out runs the pass once per juror). The :class:`Plan` holds what
does not depend on the scores (the pots of the requests, the awards, which
pitches can be candidates at all); it is built once per input.
"""

from __future__ import annotations

import itertools
import math
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from pitchroom.domain.consensus.inputs import RankingInput

MAX_PERMUTED = 6
"""Tied candidates up to this many are tried in every order (more: two orders)."""


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


@dataclass(frozen=True, slots=True)
class Plan:
    """What the funding pass needs that does not depend on the scores."""

    scale: int
    """Every amount of the input times this is an integer."""
    requested: list[Fraction]
    units: list[int]
    """Per pitch its requested amount times :attr:`scale`."""
    pots: list[str | None]
    """Per pitch the pot its request falls in (None: no pots, or none fits)."""
    awards: dict[int, Fraction]
    """Granted before the ranking counts: an "award" decision or pre-selection."""
    open: list[bool]
    """Per pitch whether its rank can fund it (not withdrawn, not decided, in a
    pot when there are pots): a candidate when ranked and meeting the thresholds."""
    budgets: dict[str, Fraction]
    """The pot budgets after transfers."""
    left: dict[str | None, int]
    """Money left before the awards (times :attr:`scale`), per pot or None for the
    session's budget; a key that is missing is unlimited."""

    @staticmethod
    def build(inp: RankingInput) -> Plan:
        requested = [Fraction(p.requested) for p in inp.pitches]
        awards: dict[int, Fraction] = {}
        use_pots = bool(inp.pots)
        pots = [pot_of(inp, r) if use_pots else None for r in requested]
        open_ = [False] * len(requested)
        for i, p in enumerate(inp.pitches):
            if p.withdrawn or p.stage == "rejected":
                continue
            if p.decision == "award" or p.stage == "preselected":
                awards[i] = Fraction(p.granted) if p.granted is not None else requested[i]
            elif p.decision is None:
                open_[i] = pots[i] is not None or not use_pots
        budgets = pot_budgets(inp)
        amounts: list[Fraction] = [*requested, *awards.values(), *budgets.values()]
        amounts += [Fraction(p.budget) for p in inp.pots]
        amounts += [Fraction(t.amount) for t in inp.pot_transfers]
        if inp.budget is not None:
            amounts.append(Fraction(inp.budget))
        scale = math.lcm(*(a.denominator for a in amounts)) if amounts else 1
        left: dict[str | None, int] = {}
        if use_pots:
            left.update({k: _units(v, scale) for k, v in budgets.items()})
        elif inp.budget is not None:
            left[None] = _units(Fraction(inp.budget), scale)
        return Plan(
            scale=scale,
            requested=requested,
            units=[_units(r, scale) for r in requested],
            pots=pots,
            awards=awards,
            open=open_,
            budgets=budgets,
            left=left,
        )


def _units(amount: Fraction, scale: int) -> int:
    whole, rest = divmod(amount.numerator * scale, amount.denominator)
    assert rest == 0, "an amount outside the plan's scale"
    return whole


_LAST: tuple[weakref.ref[RankingInput], Plan] | None = None


def plan_of(inp: RankingInput) -> Plan:
    """The :class:`Plan` of ``inp``, kept for the last input asked about (the
    extras ask for the same input once per run)."""
    global _LAST
    last = _LAST
    if last is not None and last[0]() is inp:
        return last[1]
    plan = Plan.build(inp)
    _LAST = (weakref.ref(inp), plan)
    return plan


@dataclass
class _State:
    count: int
    pot_left: dict[str | None, int]
    closed: set[str | None] = field(default_factory=set)
    closed_all: bool = False
    funded: dict[int, int] = field(default_factory=dict)

    def copy(self) -> _State:
        return _State(
            self.count, dict(self.pot_left), set(self.closed), self.closed_all, dict(self.funded)
        )


class Pass:
    """One funding pass: the awards first, then block by block (:meth:`block`)."""

    def __init__(self, inp: RankingInput, plan: Plan, awards: dict[int, Fraction]) -> None:
        self.plan = plan
        self.max_funded = inp.max_funded
        self.strict = inp.funding_rule == "strict"
        self.use_pots = bool(inp.pots)
        self.ties: list[tuple[int, ...]] = []
        self.awards = awards
        state = _State(0, dict(plan.left))
        for i, amount in awards.items():
            units = plan.units[i] if amount == plan.requested[i] else _units(amount, plan.scale)
            state.funded[i] = units
            state.count += 1
            pot = plan.pots[i] if self.use_pots else None
            if pot in state.pot_left:
                state.pot_left[pot] -= units
        self.state = state

    def single(self, i: int) -> None:
        """A block whose only candidate is ``i``."""
        _try(self.state, i, self.plan.pots[i], self.plan.units, self.max_funded, self.strict)

    def block(self, cands: list[int]) -> None:
        """A block (of tied pitches when more than one) with these candidates."""
        if not cands:
            return
        if len(cands) == 1:
            self.single(cands[0])
            return
        pots, units = self.plan.pots, self.plan.units
        outcome = _tie_outcome(self.state, cands, pots, units, self.max_funded, self.strict)
        if outcome is not None:
            self.state = outcome
            return
        self.ties.append(tuple(cands))
        if self.max_funded is not None or not self.use_pots:
            self.state.closed_all = True
        else:
            self.state.closed.update(pots[i] for i in cands)

    def any_order(self, cands: Sequence[int]) -> bool:
        """Whether these tied candidates end in the same state (funded, money,
        closed pots) in every order and however the tie-break splits them, so
        that the tie need not be broken: fund them with :meth:`singles`."""
        state = self.state
        if state.closed_all:
            return True
        pots, units, left = self.plan.pots, self.plan.units, state.pot_left
        live = [i for i in cands if pots[i] not in state.closed]
        if self.max_funded is not None and state.count >= self.max_funded:
            return True  # each fails alone (strict: the first closes everything)
        fit = [i for i in live if pots[i] not in left or units[i] <= left[pots[i]]]
        if not fit:
            return True  # each fails alone (strict: closing the pots they are in)
        if len(fit) < len(cands) and (self.strict or len(cands) > MAX_PERMUTED):
            # strict: a failure first closes its pot for the others; more than
            # MAX_PERMUTED: a partly funded tie is reported, not funded
            return False
        if self.max_funded is not None and state.count + len(fit) > self.max_funded:
            return False
        need: dict[str | None, int] = {}
        for i in fit:
            if pots[i] in left:
                need[pots[i]] = need.get(pots[i], 0) + units[i]
        # skip: those that fit alone all fit together; the others fail in any order
        return all(total <= left[pot] for pot, total in need.items())

    def singles(self, cands: Iterable[int]) -> None:
        for i in cands:
            self.single(i)

    def funded(self) -> dict[int, Fraction]:
        requested, awards = self.plan.requested, self.awards
        return {i: awards[i] if i in awards else requested[i] for i in self.state.funded}

    def pot_left(self) -> dict[str, Fraction]:
        scale = self.plan.scale
        return {k: Fraction(v, scale) for k, v in self.state.pot_left.items() if k is not None}


def _try(
    state: _State,
    i: int,
    pot: str | None,
    units: Sequence[int],
    max_funded: int | None,
    strict: bool,
) -> bool:
    if state.closed_all or pot in state.closed:
        return False
    amount = units[i]
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
    pots: Sequence[str | None],
    units: Sequence[int],
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
            _try(trial, i, pots[i], units, max_funded, strict)
        got = frozenset(i for i in cands if i in trial.funded)
        if seen is None:
            seen, result = got, trial
        elif got != seen:
            return None
    if len(cands) > MAX_PERMUTED and seen not in (frozenset(), frozenset(cands)):
        return None
    return result
