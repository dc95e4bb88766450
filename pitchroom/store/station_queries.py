"""Reads for juror stations and the projector view (no UI imports).

Each refresh reads one small snapshot: a handful of indexed single-pitch
queries, well under a millisecond, so the stations may run them on the event
loop. A station snapshot holds only the station's own juror's scores and
comment: other jurors' values never leave the database for a station.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from pitchroom.domain.clock import TimerState
from pitchroom.domain.definition import Juror, Pitch, Session
from pitchroom.store import rules
from pitchroom.store.base import StoreBase
from pitchroom.store.db import RuleError
from pitchroom.store.numbers import as_fraction


def station_juror(store: StoreBase, key: str) -> Juror:
    """The scoring juror ``key``; :class:`RuleError` for an unknown key or an observer."""
    session = store.session
    error = rules.check_juror(session, key, scoring=True)
    if error:
        raise error
    juror = session.juror(key)
    if juror is None:  # pragma: no cover - check_juror said it exists
        raise RuleError("juror", key)
    return juror


@dataclass(frozen=True)
class PitchHeader:
    """The open pitch as everyone may see it, with the timer."""

    session: Session
    timer: TimerState
    pitch: Pitch | None
    position: int = 0
    """1-based position of the pitch in the queue (0: none open)."""
    closed: bool = False
    withdrawn: bool = False

    @property
    def total(self) -> int:
        return len(self.session.queue)


@dataclass(frozen=True)
class StationSnapshot:
    header: PitchHeader
    juror: Juror
    recused: bool = False
    absent: bool = False
    scores: dict[str, Fraction] = field(default_factory=dict)
    """This juror's current scores for the pitch, by criterion key."""
    comment: str = ""

    @property
    def pitch(self) -> Pitch | None:
        return self.header.pitch

    @property
    def complete(self) -> bool:
        return all(c.key in self.scores for c in self.header.session.criteria)


@dataclass(frozen=True)
class ProjectorSnapshot:
    header: PitchHeader
    eligible: int = 0
    """Scoring jurors who are neither recused nor absent for the pitch."""
    complete: int = 0
    """Of those, how many have scored every criterion."""


def pitch_header(store: StoreBase, pitch_key: str | None = None) -> PitchHeader:
    """The header of ``pitch_key`` (default: the pitch the chair has open)."""
    session = store.session
    timer = store.timer()
    key = pitch_key if pitch_key is not None else timer.pitch
    pitch = session.pitch(key) if key else None
    if pitch is None or not pitch.pitches:
        return PitchHeader(session, timer, None)
    with store.lock:
        row = store.db.execute(
            "select closed, withdrawn from pitches where key = ?", [pitch.key]
        ).fetchone()
    position = session.queue_position(pitch.key) or 0
    closed, withdrawn = (bool(row[0]), bool(row[1])) if row else (False, False)
    return PitchHeader(session, timer, pitch, position, closed, withdrawn)


def station_snapshot(store: StoreBase, juror: str, pitch_key: str | None = None) -> StationSnapshot:
    """What ``juror``'s station shows for ``pitch_key`` (default: the open pitch)."""
    header = pitch_header(store, pitch_key)
    found = header.session.juror(juror)
    if found is None:
        raise RuleError("juror", juror)
    if header.pitch is None:
        return StationSnapshot(header, found)
    key = [header.pitch.key, juror]
    with store.lock:
        db = store.db
        recused = (
            db.execute("select 1 from recusals where pitch = ? and juror = ?", key).fetchone()
            is not None
        )
        absent = (
            db.execute("select 1 from absences where pitch = ? and juror = ?", key).fetchone()
            is not None
        )
        rows = db.execute(
            "select criterion, value from scores where pitch = ? and juror = ?", key
        ).fetchall()
        comment = db.execute(
            "select text from comments where pitch = ? and juror = ?", key
        ).fetchone()
    return StationSnapshot(
        header,
        found,
        recused,
        absent,
        {c: as_fraction(v) for c, v in rows},
        comment[0] if comment else "",
    )


def projector_snapshot(store: StoreBase) -> ProjectorSnapshot:
    """The open pitch, the timer and how many eligible jurors have scored it."""
    header = pitch_header(store)
    if header.pitch is None:
        return ProjectorSnapshot(header)
    session = header.session
    key = header.pitch.key
    with store.lock:
        db = store.db
        excluded = {
            j
            for (j,) in db.execute(
                "select juror from recusals where pitch = ? union select juror from absences "
                "where pitch = ?",
                [key, key],
            ).fetchall()
        }
        counts = dict(
            db.execute(
                "select juror, count(distinct criterion) from scores where pitch = ? "
                "group by juror",
                [key],
            ).fetchall()
        )
    criteria = len(session.criteria)
    eligible = [j.key for j in session.scoring_jurors if j.key not in excluded]
    complete = sum(1 for j in eligible if counts.get(j, 0) >= criteria)
    return ProjectorSnapshot(header, len(eligible), complete)
