"""Read a session database into one :class:`ExportDocument`, from one snapshot.

All reads run in a single read transaction, so a session that is still
running cannot change between the ranking and the tables it is shown with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pitchroom.export.document import (
    AbsenceOut,
    AuditOut,
    CommentOut,
    DecisionOut,
    EventOut,
    ExportDocument,
    RankingOut,
    RecusalOut,
    ScoreOut,
    TieOut,
    TotalOut,
    TransferOut,
)
from pitchroom.store import Store

REVISION_ACTIONS = ("score.revised", "pitch.reopened")
"""Events the jury report lists as revisions, with their reasons."""


def num(value: Fraction | Decimal | int | float) -> int | float:
    """An exact number as JSON wants it: an int when whole, else a float."""
    exact = Fraction(value)
    return exact.numerator if exact.denominator == 1 else float(exact)


@contextlib.contextmanager
def snapshot(store: Store) -> Iterator[None]:
    """One read transaction around everything read inside (WAL: a stable view)."""
    with store.lock:
        conn = store.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")


def ranking_of(store: Store, method: str | None) -> dict[str, Any]:
    from pitchroom.store.ranking import ranking_report

    return ranking_report(store, method, extras=True)


def collect(store: Store, method: str | None = None) -> ExportDocument:
    """Everything the exports show, read from ``store`` in one snapshot."""
    with snapshot(store):
        session = store.session
        report = ranking_of(store, method)
        scores = store.scores()
        recusals = store.recusals()
        absences = store.absences()
        states = store.pitch_states()
        decisions = store.decisions()
        comments = store.comments()
        events = store.events()
        verified = store.verify()
        head_id, head_hash = store.head()
        transfers = store.pot_transfers()
        ties = store.tie_decisions()
        frozen_at = store.meta("protocol_frozen_at")
        protocol = store.protocol()
    dumped = session.model_dump(mode="json")
    roles = {j.key: j.role for j in session.jurors}

    def eligibility(pitch: str, juror: str) -> str:
        if roles.get(juror) == "observer":
            return "observer"
        if (pitch, juror) in recusals:
            return "recused"
        return "absent" if (pitch, juror) in absences else "eligible"

    positions = {p.key: i for i, p in enumerate(session.pitches)}
    criteria_order = {c.key: i for i, c in enumerate(session.criteria)}
    juror_order = {j.key: i for i, j in enumerate(session.jurors)}

    def score_order(key: tuple[str, str, str]) -> tuple[int, int, int]:
        p, j, c = key
        return positions.get(p, 1 << 30), juror_order.get(j, 1 << 30), criteria_order.get(c, 0)

    return ExportDocument(
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        database=store.path.name,
        protocol=protocol,
        protocol_frozen_at=frozen_at,
        session={k: v for k, v in dumped["session"].items() if k not in _NOT_EXPORTED},
        criteria=dumped["criteria"],
        jurors=dumped["jurors"],
        pitches=[
            {**p, "closed": states.get(p["key"], _OPEN).closed,
             "withdrawn": states.get(p["key"], _OPEN).withdrawn}
            for p in dumped["pitches"]
        ],
        pots=dumped["pots"],
        ranking=RankingOut.model_validate(report),
        scores=[
            ScoreOut(pitch=p, juror=j, criterion=c, value=num(v), counts=eligibility(p, j))
            for (p, j, c), v in sorted(scores.items(), key=lambda item: score_order(item[0]))
        ],
        totals=juror_totals(session, scores, eligibility),
        comments=[CommentOut(**vars(c)) for c in sorted(
            comments, key=lambda c: (positions.get(c.pitch, 0), juror_order.get(c.juror, 0)))],
        recusals=[RecusalOut(pitch=p, juror=j, reason=r) for (p, j), r in sorted(
            recusals.items(),
            key=lambda i: (positions.get(i[0][0], 0), juror_order.get(i[0][1], 0)))],
        absences=[AbsenceOut(pitch=p, juror=j) for p, j in sorted(
            absences, key=lambda i: (positions.get(i[0], 0), juror_order.get(i[1], 0)))],
        decisions=[
            DecisionOut(pitch=d.pitch, decision=d.decision,
                        amount=None if d.amount is None else num(d.amount),
                        motivation=d.motivation, saved_at=d.saved_at, actor=d.actor)
            for d in sorted(decisions.values(), key=lambda d: positions.get(d.pitch, 0))
        ],
        pot_transfers=[TransferOut(source=s, target=tg, amount=num(a), reason=r)
                       for s, tg, a, r in transfers],
        tie_decisions=[TieOut(pitches=p, reason=r) for p, r in ties],
        audit=AuditOut(head_id=head_id, head_hash=head_hash, events=verified.events,
                       intact=verified.ok, message=verified.message),
        events=[EventOut(**vars(e)) for e in events],
    )


_NOT_EXPORTED = ("pitches_csv", "discuss_spread", "pitch_minutes", "qa_minutes")


class _Open:
    closed = False
    withdrawn = False


_OPEN = _Open()


def juror_totals(session: Any, scores: dict[tuple[str, str, str], Fraction],
                 eligibility: Any) -> list[TotalOut]:
    """Each scoring juror's total per pitch (weighted mean of the criteria they scored)."""
    weights = {c.key: Fraction(c.weight) for c in session.criteria}
    by_pair: dict[tuple[str, str], dict[str, Fraction]] = defaultdict(dict)
    for (p, j, c), v in scores.items():
        by_pair[(p, j)][c] = v
    out: list[TotalOut] = []
    for pitch in session.pitches:
        for juror in session.scoring_jurors:
            values = by_pair.get((pitch.key, juror.key), {})
            weight = sum((weights.get(c, Fraction(0)) for c in values), Fraction(0))
            total = (sum((weights.get(c, Fraction(0)) * v for c, v in values.items()), Fraction(0))
                     / weight) if weight else None
            out.append(TotalOut(
                pitch=pitch.key, juror=juror.key, total=None if total is None else num(total),
                complete=len(values) == len(weights), eligibility=eligibility(pitch.key, juror.key),
            ))
    return out
