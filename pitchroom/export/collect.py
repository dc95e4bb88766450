"""Read a session database into one :class:`ExportDocument`, from one snapshot.

All reads run in a single read transaction, so a session that is still
running cannot change between the ranking and the tables it is shown with.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from pitchroom.domain.consensus.result import Ranking
from pitchroom.domain.totals import TotalRule
from pitchroom.export.aside import verifier
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
    trusted,
)
from pitchroom.export.streamed import Streams, grid_totals
from pitchroom.i18n import t
from pitchroom.store import Store
from pitchroom.store.db import paused_gc

if TYPE_CHECKING:
    from pitchroom.store.replay import VerifyResult

REVISION_ACTIONS = ("score.revised", "pitch.reopened")
"""Events the jury report lists as revisions, with their reasons."""


def num(value: Fraction | Decimal | int | float) -> int | float:
    """An exact number as JSON wants it: an int when whole, else a float."""
    exact = value if type(value) is Fraction else Fraction(value)
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


def ranking_of(store: Store, method: str | None) -> Ranking:
    from pitchroom.store.ranking import compute

    return compute(store, method, extras=True)


def reading_work(store: Store) -> int:
    """How much work :func:`collect` reports to its ``tick``: one unit per score
    and per audit event (what reading a big session's time goes into)."""
    return store.score_count() + store.head()[0]


# Shares of the reading work per step, from the stress benchmark's timings.
_SHARES = {"ranking": 25, "scores": 10, "events": 15, "verify": 20, "document": 30}


def collect(
    store: Store,
    method: str | None = None,
    *,
    tick: Callable[[int], None] | None = None,
    unblind: bool = False,
) -> ExportDocument:
    """Everything the exports show, read from ``store`` in one snapshot.

    ``tick``, if given, is called with units of work done as the steps finish,
    :func:`reading_work` units in all (from a count made before the snapshot,
    so it may be off by what was written in between: it is for a progress bar).

    In blind mode the values a station saved for a pitch still open are left out
    (scores, totals, and the log's before/after), as on the chair's screen, unless
    ``unblind`` (the caller logs that).
    """
    with paused_gc():  # millions of small objects for a big session: see paused_gc
        return _collect(store, method, tick, unblind)[0]


def collect_streamed(
    store: Store,
    method: str | None = None,
    *,
    tick: Callable[[int], None] | None = None,
    unblind: bool = False,
    verify: Callable[[], VerifyResult],
) -> tuple[ExportDocument, Streams]:
    """:func:`collect` without the rows of the scores and the audit log, and without
    waiting for the log's verification: the document has no scores and events (the
    juror totals are there) and its ``audit`` is only the head; the
    :class:`~pitchroom.export.streamed.Streams` read those rows into the workbook's
    tables as they are written, and the Session table last, after ``verify()`` (from
    :func:`~pitchroom.export.aside.verifier`, which works on it meanwhile). Call inside
    :func:`snapshot`, and write before it ends."""
    with paused_gc():
        doc, streams = _collect(store, method, tick, unblind, verify=verify)
    assert streams is not None
    return doc, streams


def audit_out(head_id: int, head_hash: str, verified: VerifyResult) -> AuditOut:
    """The document's audit block: the head and what verifying the log found."""
    return AuditOut(
        head_id=head_id,
        head_hash=head_hash,
        events=verified.events,
        intact=verified.ok,
        message=verified.message,
        unproven=[t(key) for key in verified.unproven],
    )


def _collect(
    store: Store,
    method: str | None,
    tick: Callable[[int], None] | None,
    unblind: bool = False,
    *,
    verify: Callable[[], VerifyResult] | None = None,
) -> tuple[ExportDocument, Streams | None]:
    """The document; with ``verify`` (the streamed workbook's way), without its big
    rows and its verification, and the :class:`Streams` that read them."""
    streamed = verify is not None
    work = reading_work(store) if tick is not None else 0
    left = [work]

    def step(name: str) -> None:
        if tick is not None:
            amount = min(left[0], work * _SHARES[name] // 100)
            left[0] -= amount
            tick(amount)

    checks = contextlib.nullcontext(verify) if verify else verifier(store, store.head()[0])
    with snapshot(store), checks as check:
        session = store.session
        report = ranking_of(store, method)
        step("ranking")
        hidden = frozenset() if unblind else store.blind_hidden()
        grid = None
        if streamed:
            from pitchroom.store.stream import score_grid

            grid = score_grid(
                store,
                [p.key for p in session.pitches],
                [j.key for j in session.jurors],
                [c.key for c in session.criteria],
                hidden,
            )
        scores = store.scores() if grid is None else {}
        if hidden:
            scores = {k: v for k, v in scores.items() if (k[0], k[1]) not in hidden}
        recusals = store.recusals()
        absences = store.absences()
        states = store.pitch_states()
        decisions = store.decisions()
        comments = store.comments()
        step("scores")
        events = [] if streamed else store.events()
        if hidden:
            events = [_without_values(e) if (e.pitch, e.juror) in hidden else e for e in events]
        step("events")
        verified = None if streamed else check()
        step("verify")
        head_id, head_hash = store.head()
        transfers = store.pot_transfers()
        ties = store.tie_decisions()
        frozen_at = store.meta("protocol_frozen_at")
        protocol = store.protocol()
    dumped = session.model_dump(mode="json")
    score_out, event_out = trusted(ScoreOut), trusted(EventOut)
    roles = {j.key: j.role for j in session.jurors}

    seen: dict[tuple[str, str], str] = {}

    def eligibility(pitch: str, juror: str) -> str:
        hit = seen.get((pitch, juror))
        if hit is None:
            if roles.get(juror) == "observer":
                hit = "observer"
            elif (pitch, juror) in recusals:
                hit = "recused"
            else:
                hit = "absent" if (pitch, juror) in absences else "eligible"
            seen[(pitch, juror)] = hit
        return hit

    positions = {p.key: i for i, p in enumerate(session.pitches)}
    criteria_order = {c.key: i for i, c in enumerate(session.criteria)}
    juror_order = {j.key: i for i, j in enumerate(session.jurors)}

    def score_order(item: tuple[tuple[str, str, str], Fraction]) -> int:
        # (pitch position, juror position, criterion position) packed in one int
        # (each part < 2**32), which sorts like the tuple and compares faster.
        p, j, c = item[0]
        return (
            (positions.get(p, 1 << 30) << 64)
            | (juror_order.get(j, 1 << 30) << 32)
            | criteria_order.get(c, 0)
        )

    document = ExportDocument(
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        database=store.path.name,
        protocol=protocol,
        protocol_frozen_at=frozen_at,
        session={k: v for k, v in dumped["session"].items() if k not in _NOT_EXPORTED},
        criteria=dumped["criteria"],
        jurors=dumped["jurors"],
        pitches=[
            {
                **p,
                "closed": states.get(p["key"], _OPEN).closed,
                "withdrawn": states.get(p["key"], _OPEN).withdrawn,
            }
            for p in dumped["pitches"]
        ],
        pots=dumped["pots"],
        ranking=RankingOut.of(report, protocol),
        scores=[
            score_out(
                {
                    "pitch": p,
                    "juror": j,
                    "criterion": c,
                    "value": num(v),
                    "counts": eligibility(p, j),
                }
            )
            for (p, j, c), v in sorted(scores.items(), key=score_order)
        ],
        totals=juror_totals(session, scores, eligibility)
        if grid is None
        else grid_totals(session, grid, eligibility),
        comments=[
            CommentOut(**vars(c))
            for c in sorted(
                comments, key=lambda c: (positions.get(c.pitch, 0), juror_order.get(c.juror, 0))
            )
        ],
        recusals=[
            RecusalOut(pitch=p, juror=j, reason=r)
            for (p, j), r in sorted(
                recusals.items(),
                key=lambda i: (positions.get(i[0][0], 0), juror_order.get(i[0][1], 0)),
            )
        ],
        absences=[
            AbsenceOut(pitch=p, juror=j)
            for p, j in sorted(
                absences, key=lambda i: (positions.get(i[0], 0), juror_order.get(i[1], 0))
            )
        ],
        decisions=[
            DecisionOut(
                pitch=d.pitch,
                decision=d.decision,
                amount=None if d.amount is None else num(d.amount),
                motivation=d.motivation,
                saved_at=d.saved_at,
                actor=d.actor,
            )
            for d in sorted(decisions.values(), key=lambda d: positions.get(d.pitch, 0))
        ],
        pot_transfers=[
            TransferOut(source=s, target=tg, amount=num(a), reason=r) for s, tg, a, r in transfers
        ],
        tie_decisions=[TieOut(pitches=p, reason=r) for p, r in ties],
        audit=audit_out(head_id, head_hash, verified)
        if verified is not None
        else AuditOut(head_id=head_id, head_hash=head_hash, events=0, intact=False, message=""),
        events=[
            event_out(
                {
                    "id": e.id,
                    "at": e.at,
                    "actor": e.actor,
                    "action": e.action,
                    "entity": e.entity,
                    "pitch": e.pitch,
                    "juror": e.juror,
                    "criterion": e.criterion,
                    "before": e.before,
                    "after": e.after,
                    "reason": e.reason,
                    "hash": e.hash,
                }
            )
            for e in events
        ],
    )
    step("document")
    if tick is not None and left[0]:
        tick(left[0])
    if not streamed:
        return document, None
    assert verify is not None
    return document, Streams(store, grid, hidden, eligibility, verify)


_NOT_EXPORTED = ("pitches_csv", "discuss_spread", "pitch_minutes", "qa_minutes")


class _Open:
    closed = False
    withdrawn = False


_OPEN = _Open()


def juror_totals(
    session: Any, scores: dict[tuple[str, str, str], Fraction], eligibility: Any
) -> list[TotalOut]:
    """Each scoring juror's total per pitch (weighted mean of the criteria they scored)."""
    rule = TotalRule({c.key: c.weight for c in session.criteria})
    by_pair: dict[tuple[str, str], dict[str, Fraction]] = defaultdict(dict)
    for (p, j, c), v in scores.items():
        by_pair[(p, j)][c] = v
    out: list[TotalOut] = []
    total_out = trusted(TotalOut)
    for pitch in session.queue:
        for juror in session.scoring_jurors:
            total = rule.total(by_pair.get((pitch.key, juror.key), {}))
            out.append(
                total_out(
                    {
                        "pitch": pitch.key,
                        "juror": juror.key,
                        "total": None if total.value is None else num(total.value),
                        "complete": total.complete,
                        "eligibility": eligibility(pitch.key, juror.key),
                    }
                )
            )
    return out


def _without_values(event: Any) -> Any:
    """A score event of a blind-hidden cell, its values left out."""
    if event.entity != "score":
        return event
    return dataclasses.replace(event, before=None, after=None)
