"""Work that runs in thread workers, each with its own store connection.

No Textual here: these take a path and return plain values, so they are easy
to test, and the screens wrap them in ``@work(thread=True)``.
"""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.consensus.result import Ranking
from pitchroom.domain.totals import TotalRule
from pitchroom.store import Store
from pitchroom.store.base import Clock


def compute_ranking(
    path: Path, method: str | None, extras: bool, clock: Clock | None = None
) -> Ranking:
    from pitchroom.store.ranking import compute  # the engine: not before the chair's first frame

    store = Store.open(path, clock=clock)
    try:
        return compute(store, method, extras=extras)
    finally:
        store.close()


def run_export(path: Path, fmt: str) -> Path:
    from pitchroom.export import export_session  # the exporters load when first used

    return Path(export_session(path, fmt, None))


def juror_totals(
    path: Path, clock: Clock | None = None
) -> dict[str, list[tuple[str, float | None, str]]]:
    """Per pitch, per scoring juror (jury order): (name, total or None, eligibility).

    The total is the weighted mean of the juror's criterion scores, given only
    when they scored every criterion; eligibility is ``eligible``, ``recused``
    or ``absent``. For the chart view's strip plot.
    """
    store = Store.open(path, clock=clock)
    try:
        session = store.session
        scores = store.scores()
        recused = store.recusals()
        absent = store.absences()
    finally:
        store.close()
    rule = TotalRule({c.key: c.weight for c in session.criteria})
    out: dict[str, list[tuple[str, float | None, str]]] = {}
    for pitch in session.pitches:
        rows = []
        for juror in session.scoring_jurors:
            pair = (pitch.key, juror.key)
            row = {
                c.key: v for c in session.criteria if (v := scores.get((*pair, c.key))) is not None
            }
            counted = rule.total(row).counted
            total = None if counted is None else float(counted)
            eligibility = (
                "recused" if pair in recused else "absent" if pair in absent else "eligible"
            )
            rows.append((juror.name or juror.key, total, eligibility))
        out[pitch.key] = rows
    return out
