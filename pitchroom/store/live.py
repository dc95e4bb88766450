"""The live state of the room: which pitch is on, its timer, the ranking's reveal.

Stations and the projector follow this one row (table ``live``); every change
is logged like any other chair action.
"""

from __future__ import annotations

import datetime as dt

from pitchroom.domain import clock
from pitchroom.store import rules
from pitchroom.store.records import Event
from pitchroom.store.writes import StoreWrites


class LiveActions(StoreWrites):
    def _save_timer(self, state: clock.TimerState) -> None:
        self.db.execute(
            "update live set pitch = ?, phase = ?, running = ?, started_at = ?, elapsed = ?, "
            "revealed = ? where id = 1",
            [
                state.pitch,
                state.phase,
                int(state.running),
                state.started_at.astimezone(dt.UTC).isoformat() if state.started_at else None,
                state.elapsed,
                int(state.revealed),
            ],
        )

    def open_pitch(self, pitch: str, *, actor: str) -> Event:
        """Make ``pitch`` the one on: stations and the projector follow."""
        session = self.session
        with self.lock, self._write():
            rules.require(session, pitch)
            old = self.timer()
            self._save_timer(clock.for_pitch(pitch))
            return self._log(
                actor=actor,
                action="pitch.opened",
                entity="live",
                pitch=pitch,
                before={"pitch": old.pitch},
                after={"pitch": pitch},
            )

    def toggle_timer(self, *, actor: str) -> Event:
        with self.lock, self._write():
            old = self.timer()
            new = clock.toggled(old, self.clock())
            self._save_timer(new)
            action = "timer.started" if new.running else "timer.paused"
            return self._log(
                actor=actor,
                action=action,
                entity="live",
                pitch=new.pitch,
                after={"phase": new.phase, "elapsed": round(clock.elapsed(new, self.clock()), 1)},
            )

    def start_qa(self, *, actor: str) -> Event:
        with self.lock, self._write():
            old = self.timer()
            now = self.clock()
            self._save_timer(clock.to_qa(old, now))
            return self._log(
                actor=actor,
                action="timer.qa_started",
                entity="live",
                pitch=old.pitch,
                before={"phase": old.phase, "elapsed": round(clock.elapsed(old, now), 1)},
                after={"phase": "qa"},
            )

    def log_unblind(self, command: str, *, actor: str) -> Event:
        """Log that ``command`` showed blind-hidden values (``--unblind``)."""
        with self.lock, self._write():
            return self._log(
                actor=actor, action="blind.unblinded", entity="access", after={"command": command}
            )

    def set_revealed(self, revealed: bool, *, actor: str) -> Event:
        with self.lock, self._write():
            old = self.timer()
            self._save_timer(
                clock.TimerState(
                    old.pitch, old.phase, old.running, old.started_at, old.elapsed, revealed
                )
            )
            return self._log(
                actor=actor,
                action="ranking.revealed" if revealed else "ranking.hidden",
                entity="live",
                after={"revealed": revealed},
            )
