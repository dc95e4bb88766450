"""Work that runs in thread workers, each with its own store connection.

No Textual here: these take a path and return plain values, so they are easy
to test, and the screens wrap them in ``@work(thread=True)``.
"""

from __future__ import annotations

from pathlib import Path

from pitchroom.domain.consensus.result import Ranking
from pitchroom.store import Store
from pitchroom.store.base import Clock
from pitchroom.store.ranking import compute


def compute_ranking(
    path: Path, method: str | None, extras: bool, clock: Clock | None = None
) -> Ranking:
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
    from fractions import Fraction

    store = Store.open(path, clock=clock)
    try:
        session = store.session
        scores = store.scores()
        recused = store.recusals()
        absent = store.absences()
    finally:
        store.close()
    weights = {c.key: Fraction(c.weight) for c in session.criteria}
    wsum = sum(weights.values(), Fraction(0))
    out: dict[str, list[tuple[str, float | None, str]]] = {}
    for pitch in session.pitches:
        rows = []
        for juror in session.scoring_jurors:
            pair = (pitch.key, juror.key)
            values = [scores.get((*pair, c)) for c in weights]
            total = None
            if wsum and all(v is not None for v in values):
                weighted = (
                    w * v for w, v in zip(weights.values(), values, strict=True) if v is not None
                )
                total = float(sum(weighted, Fraction(0)) / wsum)
            eligibility = (
                "recused" if pair in recused else "absent" if pair in absent else "eligible"
            )
            rows.append((juror.name or juror.key, total, eligibility))
        out[pitch.key] = rows
    return out
