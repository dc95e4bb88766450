"""From the record to the consensus engine's input (one read, no rules)."""

from __future__ import annotations

from fractions import Fraction

from pitchroom.domain.consensus.inputs import (
    CriterionIn,
    PitchIn,
    PotIn,
    PotTransfer,
    RankingInput,
    TieDecision,
)
from pitchroom.store.base import StoreBase
from pitchroom.store.blocksql import Fetched
from pitchroom.store.blocksql import scale_grades as _grades
from pitchroom.store.scorearrays import read_score_arrays


def _f(value: object) -> Fraction | None:
    return None if value is None else Fraction(str(value))


def ranking_input(
    store: StoreBase, *, chair_view: bool = True, early: Fetched | None = None
) -> RankingInput:
    """The consensus input for the session as recorded now.

    In blind mode the open pitch is held back (pending, no score) until the
    chair closes it; ``chair_view`` does not change that: SPEC.md keeps the
    open pitch out of the ranking even on the chair screen. ``early``: the score
    read's selects already run (see :class:`pitchroom.store.blocksql.EarlyRead`).
    """
    with store.lock:
        session = store.session
        info = session.session
        scoring = tuple(j.key for j in session.scoring_jurors)
        states = store.pitch_states()
        decisions = store.decisions()
        recusals = store.recusals()
        absences = store.absences()
        # the scoring jurors' scores, as arrays (see pitchroom.store.scorearrays)
        scores = read_score_arrays(
            store,
            [p.key for p in session.pitches],
            scoring,
            [c.key for c in session.criteria],
            _grades(info.scale.min, info.scale.max, info.scale.step),
            early=early,
        )
        transfers = store.pot_transfers()
        ties = store.tie_decisions()
        timer = store.timer()
    held_back: frozenset[str] = frozenset()
    open_state = states.get(timer.pitch) if timer.pitch else None
    if timer.pitch and info.blind and open_state is not None and not open_state.closed:
        held_back = frozenset({timer.pitch})
    pitches = []
    for p in session.pitches:
        decision = decisions.get(p.key)
        verdict: str | None
        if p.stage == "preselected":
            verdict, granted = "award", _f(p.granted)
        elif p.stage == "rejected":
            verdict, granted = "reject", None
        else:
            verdict = decision.decision if decision else None
            granted = _f(decision.amount) if decision else None
        pitches.append(
            PitchIn(
                key=p.key,
                title=p.title,
                requested=Fraction(p.requested),
                withdrawn=states.get(p.key) is not None and states[p.key].withdrawn,
                decision=verdict,
                granted=granted,
                stage=p.stage,
            )
        )
    return RankingInput(
        criteria=tuple(
            CriterionIn(c.key, Fraction(c.weight), _f(c.threshold)) for c in session.criteria
        ),
        pitches=tuple(pitches),
        jurors=scoring,
        scores=scores,
        ineligible=frozenset(recusals.keys()) | frozenset(absences),
        scale_min=Fraction(info.scale.min),
        scale_max=Fraction(info.scale.max),
        scale_step=Fraction(info.scale.step),
        quorum=info.quorum,
        budget=_f(info.budget),
        max_funded=info.max_funded,
        funding_rule=info.funding_rule,
        pots=tuple(
            PotIn(p.key, Fraction(p.budget), _f(p.min_requested), _f(p.max_requested))
            for p in session.pots
        ),
        pot_transfers=tuple(PotTransfer(s, tg, Fraction(a)) for s, tg, a, _ in transfers),
        tie_decisions=tuple(TieDecision(tuple(order)) for order, _ in ties),
        discuss_spread=session.discuss_spread(),
        held_back=held_back,
    )
