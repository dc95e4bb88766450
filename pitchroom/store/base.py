"""The session store: one SQLite file per session, every change logged.

``Store`` is the only way the rest of pitchroom touches a database. Writes
check the session's rules (:mod:`pitchroom.store.rules`), change the record and
append an audit event in one ``BEGIN IMMEDIATE`` transaction, and return only
after it committed. Reads return plain values and domain models, never rows.

A ``Store`` may be shared between threads (its calls are serialised by a
lock); a worker that does long reads should open its own with :meth:`open`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from pitchroom.domain import definition_read
from pitchroom.domain.clock import TimerState
from pitchroom.domain.definition import Session
from pitchroom.i18n import t
from pitchroom.store import audit
from pitchroom.store.damage import UNREADABLE_SCORES, damaged_score, first_line
from pitchroom.store.db import (
    Database,
    StoreError,
    open_database,
    paused_gc,
    sidecars,
)
from pitchroom.store.numbers import as_fraction
from pitchroom.store.records import (
    Comment,
    Decision,
    Event,
    PitchState,
    event_from_row,
    event_from_values,
)
from pitchroom.store.watch import Changes, FileWatch

if TYPE_CHECKING:  # verify and create are imported when they run (not by ``open``)
    from pitchroom.domain import models
    from pitchroom.store.replay import VerifyResult

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


class StoreBase:
    def __init__(self, db: Database, path: Path, clock: Clock | None = None) -> None:
        self.db = db
        self.path = Path(path)
        self.clock: Clock = clock or utcnow
        self.lock = threading.RLock()
        self._session: Session | None = None
        self._session_version = -1
        self._session_text: str | None = None
        self._changes: Changes | None = None
        self._moment: str | None = None
        self.watch = FileWatch(self.path)
        """The files' identity: a write to files removed or replaced is refused."""

    # ------------------------------------------------------------------ open
    @classmethod
    def open(cls, path: Path, clock: Clock | None = None) -> Self:
        return cls(open_database(Path(path)), Path(path), clock)

    @classmethod
    def create(
        cls,
        path: Path,
        session: models.Session,
        *,
        actor: str,
        source: Path | None = None,
        source_sha256: str | None = None,
        clock: Clock | None = None,
    ) -> Self:
        """Build a new database from ``session`` at ``path``, all or nothing.

        The file is built beside ``path`` and renamed into place, so a failure
        leaves no half-written database. Refuses to replace one that holds scores.
        """
        path = Path(path)
        if path.exists():
            existing = StoreBase.open(path)
            try:
                holds_scores = existing.score_count() > 0
            finally:
                existing.close()
            if holds_scores:
                raise StoreError(t("store.holds_scores", path=path))
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        for leftover in sidecars(tmp):
            leftover.unlink(missing_ok=True)
        from pitchroom.store.importing import write_session

        try:
            store = cls(open_database(tmp, create=True), tmp, clock)
            write_session(
                store.db,
                session,
                now=store._now(),
                actor=actor,
                source=source,
                source_sha256=source_sha256,
            )
            store.checkpoint()
            store.close()
            for stale in sidecars(path)[1:]:
                stale.unlink(missing_ok=True)
            os.replace(tmp, path)
        finally:
            for leftover in sidecars(tmp):
                leftover.unlink(missing_ok=True)
        return cls.open(path, clock)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    def checkpoint(self) -> None:
        """Fold the WAL into the database file, so the .db alone is the record."""
        with self.lock:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def backup(self, target: Path) -> None:
        """A consistent single-file copy through SQLite's backup API."""
        import sqlite3

        target = Path(target)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with self.lock:
                dest = sqlite3.connect(str(tmp))
                try:
                    self.db.conn.backup(dest)
                    dest.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dest.close()
            os.replace(tmp, target)
        except (sqlite3.Error, OSError) as error:
            # a full disk, a read-only folder: no half-made copy is left behind
            for leftover in sidecars(tmp):
                leftover.unlink(missing_ok=True)
            raise StoreError(t("store.backup_failed", target=target, error=error)) from None

    def _now(self) -> str:
        """The time of the write in progress (one write, one moment: its rows'
        ``saved_at``, ``protocol_frozen_at`` and its event's ``at`` are equal,
        so replaying the log reproduces them), or of now outside a write."""
        return self._moment or _iso(self.clock())

    # ----------------------------------------------------------------- reads
    @property
    def changes(self) -> Changes:
        """The one watcher of other connections' commits on this store: screens
        subscribe to it, the app checks it on a timer (:mod:`pitchroom.store.watch`)."""
        if self._changes is None:
            self._changes = Changes(self, self.watch)
        return self._changes

    def file_problem(self) -> str | None:
        """Why this connection's files can no longer be trusted (removed or replaced),
        or None. The change watcher checks it on its poll; every write checks it first."""
        return self.watch.problem()

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap; poll it)."""
        with self.lock:
            return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def meta(self, key: str) -> str | None:
        with self.lock:
            row = self.db.execute("select value from meta where key = ?", [key]).fetchone()
        return row[0] if row else None

    @property
    def session(self) -> Session:
        with self.lock:
            version = self.data_version()
            if self._session is None or version != self._session_version:
                text = self.meta("session")
                if text is None:
                    raise StoreError(t("store.not_a_db", path=self.path))
                # Another connection wrote something: parse again only if the
                # session itself changed (an amendment), not on every score.
                if self._session is None or text != self._session_text:
                    self._session = definition_read.read(text) or self._validated(text)
                    self._session_text = text
                self._session_version = version
            return self._session

    def _validated(self, text: str) -> Session:
        """The session in ``text`` through pydantic: a definition in another form
        than pydantic writes, or a damaged one (refused with pydantic's message)."""
        from pitchroom.domain.models import Session as Model

        try:
            model = Model.model_validate_json(text)
        except ValueError as error:  # pydantic's ValidationError is one
            raise StoreError(
                t("store.damaged_session", path=self.path, error=first_line(error))
            ) from None
        plain: Session = definition_read.of_model(model)
        return plain

    def protocol(self) -> str:
        from pitchroom.domain.protocol import fingerprint

        return self.meta("protocol") or fingerprint(self.session)

    def protocol_frozen(self) -> bool:
        return self.meta("protocol_frozen_at") is not None

    def score_count(self) -> int:
        with self.lock:
            return int(self.db.execute("select count(*) from scores").fetchone()[0])

    def scores(self, pitch: str | None = None) -> dict[tuple[str, str, str], Fraction]:
        sql = "select pitch, juror, criterion, value from scores"
        args: list[Any] = []
        if pitch is not None:
            sql += " where pitch = ?"
            args.append(pitch)
        with self.lock, paused_gc():
            rows = self.db.execute(sql, args).fetchall()
            try:
                return {(p, j, c): as_fraction(v) for p, j, c, v in rows}
            except (ValueError, TypeError, ZeroDivisionError):
                raise damaged_score(self.path, rows) from None

    def check_record(self, scanned: Callable[[], list[Any] | None] | None = None) -> None:
        """Raise :class:`StoreError` naming the damage if the session definition, the
        ``live`` row or a score value cannot be read; a screen calls it before it
        starts, so damage is a message and exit 2, not a crash on the first redraw.

        ``scanned``: the scan of the score values, done elsewhere
        (:func:`pitchroom.store.damage.scan_file` in a forked child): its rows, or
        None when it could not be done there (then it is done here)."""
        self.session  # noqa: B018 - parsing it is the check
        self.timer()
        rows = scanned() if scanned is not None else None
        if rows is None:
            with self.lock:
                rows = self.db.execute(UNREADABLE_SCORES).fetchall()
        if rows:
            raise damaged_score(self.path, rows)

    def recusals(self) -> dict[tuple[str, str], str]:
        with self.lock:
            rows = self.db.execute("select pitch, juror, reason from recusals").fetchall()
        return {(p, j): r for p, j, r in rows}

    def absences(self) -> set[tuple[str, str]]:
        with self.lock:
            rows = self.db.execute("select pitch, juror from absences").fetchall()
        return {(p, j) for p, j in rows}

    def comments(self, pitch: str | None = None) -> list[Comment]:
        sql = "select pitch, juror, text, saved_at, actor from comments"
        args: list[Any] = []
        if pitch is not None:
            sql += " where pitch = ?"
            args.append(pitch)
        with self.lock:
            rows = self.db.execute(sql, args).fetchall()
        return [Comment(*row) for row in rows]

    def decisions(self) -> dict[str, Decision]:
        with self.lock:
            rows = self.db.execute(
                "select pitch, decision, amount, motivation, saved_at, actor from decisions"
            ).fetchall()
        return {
            p: Decision(p, d, None if a is None else Decimal(repr(a)), m, s, actor)
            for p, d, a, m, s, actor in rows
        }

    def pitch_states(self) -> dict[str, PitchState]:
        with self.lock:
            rows = self.db.execute("select key, closed, withdrawn from pitches").fetchall()
        return {k: PitchState(bool(c), bool(w)) for k, c, w in rows}

    def pot_transfers(self) -> list[tuple[str, str, Decimal, str]]:
        with self.lock:
            rows = self.db.execute(
                "select source, target, amount, reason from pot_transfers order by id"
            ).fetchall()
        return [(s, tg, Decimal(repr(a)), r) for s, tg, a, r in rows]

    def tie_decisions(self) -> list[tuple[list[str], str]]:
        with self.lock:
            rows = self.db.execute(
                "select pitches, reason from tie_decisions order by id"
            ).fetchall()
        return [(json.loads(p), r) for p, r in rows]

    def timer(self) -> TimerState:
        with self.lock:
            row = self.db.execute(
                "select pitch, phase, running, started_at, elapsed, revealed from live where id = 1"
            ).fetchone()
        try:
            pitch, phase, running, started_at, elapsed, revealed = row
            started = dt.datetime.fromisoformat(started_at) if started_at else None
            return TimerState(pitch, phase, bool(running), started, float(elapsed), bool(revealed))
        except (TypeError, ValueError):  # the row is gone, or holds what no write puts there
            raise StoreError(t("store.damaged_live", path=self.path)) from None

    def events(
        self, *, after_id: int = 0, limit: int | None = None, newest_first: bool = False
    ) -> list[Event]:
        sql = (
            "select id, at, actor, action, entity, pitch, juror, criterion, before, after, "
            "reason, hash from events where id > ? order by id" + (" desc" if newest_first else "")
        )
        args: list[Any] = [after_id]
        if limit is not None:
            sql += " limit ?"
            args.append(limit)
        with self.lock, paused_gc():
            rows = self.db.conn.execute(sql, args).fetchall()
            return [event_from_values(r) for r in rows]

    def event(self, event_id: int) -> Event | None:
        with self.lock:
            rows = list(self.db.query("select * from events where id = ?", [event_id]))
        return event_from_row(rows[0]) if rows else None

    def head(self) -> tuple[int, str]:
        with self.lock:
            return audit.head(self.db)

    def verify(self, expect: str | None = None) -> VerifyResult:
        """See :func:`pitchroom.store.replay.verify`."""
        from pitchroom.store import replay

        with self.lock, paused_gc():
            return replay.verify(self.db, expect)

    def score_actors(self, pitch: str) -> dict[tuple[str, str], str]:
        """Who saved each current score of ``pitch``: ``{(juror, criterion): actor}``.

        Blind mode needs it: values saved from a station (actor ``station:...``)
        stay hidden from the chair until the pitch is closed.
        """
        with self.lock:
            rows = self.db.execute(
                "select juror, criterion, actor from scores where pitch = ?", [pitch]
            ).fetchall()
        return {(j, c): a for j, c, a in rows}

    def blind_hidden(self, pitch: str | None = None) -> frozenset[tuple[str, str]]:
        """The (pitch, juror) pairs whose score values blind mode hides: a station
        saved a score for that juror on a pitch not yet closed (of ``pitch`` only, if
        given). The chair's journal, ``log`` and the exports leave every value of
        those out, the chair's own overwrites too (``--unblind`` shows them)."""
        if not self.session.session.blind:
            return frozenset()
        closed = {key for key, state in self.pitch_states().items() if state.closed}
        sql = "select distinct pitch, juror from events where entity = 'score'"
        sql += " and actor like 'station:%'"
        rows = self.db.execute(
            sql + (" and pitch = ?" if pitch else ""), [pitch] if pitch else []
        ).fetchall()
        return frozenset((p, j) for p, j in rows if p not in closed)
