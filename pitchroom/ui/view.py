"""What the chair screen shows of one pitch: a snapshot read from the store.

:func:`load_pitch_view` runs a handful of indexed single-pitch queries (well
under a millisecond at the stress size), so it may run on the event loop.
Everything else here is pure: totals, gaps, spread and the entry checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from statistics import median

from pitchroom.domain.clock import TimerState
from pitchroom.domain.definition import Criterion, Juror, Pitch, Session
from pitchroom.domain.totals import juror_total
from pitchroom.i18n import formats
from pitchroom.service.eventtext import STATION_PREFIX
from pitchroom.store.base import StoreBase
from pitchroom.store.records import Comment, Decision, PitchState


@dataclass(frozen=True)
class PitchView:
    """Everything the chair screen shows about one pitch, read from the store at once."""

    session: Session
    pitch: Pitch
    index: int
    """0-based position of the pitch in the queue (the pitches that pitch)."""
    state: PitchState
    scores: dict[tuple[str, str], Fraction]
    """``(juror, criterion) -> value`` for every current score of the pitch."""
    hidden: frozenset[tuple[str, str]]
    """Cells whose value blind mode hides (saved from a station, pitch open)."""
    recused: dict[str, str]
    absent: frozenset[str]
    comments: dict[str, Comment]
    decision: Decision | None
    timer: TimerState
    protocol: str
    jurors: list[Juror] = field(default_factory=list)

    @property
    def criteria(self) -> list[Criterion]:
        return self.session.criteria

    @property
    def blind(self) -> bool:
        return self.session.session.blind and not self.state.closed

    def eligible(self, juror: str) -> bool:
        return juror not in self.recused and juror not in self.absent

    def submitted(self, juror: str) -> bool:
        """The juror's row holds scores a station saved that blind mode hides."""
        return any(j == juror for j, _ in self.hidden)

    def to_type(self, juror: str) -> bool:
        """A row the chair types paper forms into: eligible, and not a station's
        hidden submission (the cursor never walks onto one by itself)."""
        return self.eligible(juror) and not self.submitted(juror)

    def row(self, juror: str) -> dict[str, Fraction]:
        return {c: v for (j, c), v in self.scores.items() if j == juror}

    def total(self, juror: str) -> Fraction | None:
        """The juror's total where it counts: once every criterion is scored."""
        return juror_total({c.key: c.weight for c in self.criteria}, self.row(juror)).counted

    def missing(self, juror: str) -> int:
        row = self.row(juror)
        return sum(1 for c in self.criteria if c.key not in row)

    def gaps(self) -> list[Juror]:
        """Present, non-recused scoring jurors who have not scored every criterion."""
        return [j for j in self.jurors if self.eligible(j.key) and self.missing(j.key)]

    def spread(self) -> Fraction | None:
        totals = [  # blind mode: a station's hidden total never shows through the spread
            t
            for j in self.jurors
            if self.eligible(j.key) and not self.submitted(j.key)
            if (t := self.total(j.key)) is not None
        ]
        return max(totals) - min(totals) if len(totals) >= 2 else None

    def disagrees(self) -> bool:
        spread = self.spread()
        return spread is not None and spread >= self.session.discuss_spread()


def load_pitch_view(store: StoreBase, pitch_key: str | None = None) -> PitchView:
    """The view of ``pitch_key`` (default: the pitch open in the live table)."""
    session = store.session
    timer = store.timer()
    key = pitch_key or timer.pitch or session.queue[0].key
    pitch = session.pitch(key)
    if pitch is None or not pitch.pitches:
        pitch = session.queue[0]
    key = pitch.key
    scores = {(j, c): v for (_, j, c), v in store.scores(key).items()}
    actors = store.score_actors(key)
    state = store.pitch_states().get(key, PitchState())
    hidden: frozenset[tuple[str, str]] = frozenset()
    if session.session.blind and not state.closed:
        hidden = frozenset(k for k, actor in actors.items() if actor.startswith(STATION_PREFIX))
    return PitchView(
        session=session,
        pitch=pitch,
        index=[p.key for p in session.queue].index(key),
        state=state,
        scores=scores,
        hidden=hidden,
        recused={j: r for (p, j), r in store.recusals().items() if p == key},
        absent=frozenset(j for (p, j) in store.absences() if p == key),
        comments={c.juror: c for c in store.comments(key)},
        decision=store.decisions().get(key),
        timer=timer,
        protocol=store.protocol(),
        jurors=session.scoring_jurors,
    )


# ------------------------------------------------------------ entry checks
def identical_row(view: PitchView, juror: str) -> Fraction | None:
    """The value of a complete row that holds one value only (2+ criteria)."""
    row = view.row(juror)
    if len(view.criteria) < 2 or len(row) < len(view.criteria):
        return None
    values = set(row.values())
    return values.pop() if len(values) == 1 else None


def half_filled(view: PitchView, juror: str) -> bool:
    row = view.row(juror)
    return view.eligible(juror) and 0 < len(row) < len(view.criteria)


def far_from_others(view: PitchView, juror: str, criterion: str) -> Fraction | None:
    """The others' median when the juror's score is far from it, else None.

    Far: at least 3 points, or more than 30% of the scale's range, from the
    median of the other eligible jurors (at least two of them) on that criterion.
    """
    value = view.scores.get((juror, criterion))
    others = [
        v
        for (j, c), v in view.scores.items()
        if c == criterion and j != juror and view.eligible(j) and (j, c) not in view.hidden
    ]  # blind mode: a station's hidden value never shows through the others' median
    if value is None or len(others) < 2:
        return None
    middle = Fraction(median(others))
    scale = view.session.session.scale
    span = Fraction(scale.max) - Fraction(scale.min)
    gap = abs(value - middle)
    return middle if gap >= 3 or gap > span * Fraction(3, 10) else None


def number(value: Fraction | None) -> str:
    if value is None:
        return ""
    return formats.number(value, 2)
