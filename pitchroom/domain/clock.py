"""The pitch timer: a pure function of the stored timer state and the time now.

The state lives in the database (so stations and the projector follow it);
the screen asks :func:`reading` once a second with an injectable ``now``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Phase = Literal["pitch", "qa"]
Tone = Literal["normal", "warning", "over"]
WARNING_SECONDS = 60


@dataclass(frozen=True)
class TimerState:
    """The pitch timer as the database stores it: which pitch, which phase, and how long it ran."""

    pitch: str | None
    phase: Phase = "pitch"
    running: bool = False
    started_at: dt.datetime | None = None
    """When the current run began (UTC); None while paused."""
    elapsed: float = 0.0
    """Seconds of this phase that ran before the current run."""
    revealed: bool = False


@dataclass(frozen=True)
class Reading:
    """What the timer shows at one moment: the phase, the time left and its tone."""

    phase: Phase
    running: bool
    elapsed: float
    limit: float
    remaining: float
    """Seconds left; negative once over time."""
    tone: Tone

    @property
    def display(self) -> str:
        """``mm:ss`` counting down, then ``+mm:ss`` counting up in overrun."""
        seconds = int(abs(self.remaining) + (0.999 if self.remaining > 0 else 0))
        sign = "+" if self.remaining < 0 else ""
        return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def elapsed(state: TimerState, now: dt.datetime) -> float:
    running = (now - state.started_at).total_seconds() if state.running and state.started_at else 0
    return state.elapsed + max(0.0, running)


def reading(
    state: TimerState, now: dt.datetime, pitch_minutes: float, qa_minutes: float
) -> Reading:
    limit = 60 * (pitch_minutes if state.phase == "pitch" else qa_minutes)
    spent = elapsed(state, now)
    remaining = limit - spent
    tone: Tone = (
        "over" if remaining < 0 else "warning" if remaining <= WARNING_SECONDS else "normal"
    )
    return Reading(state.phase, state.running, spent, limit, remaining, tone)


def toggled(state: TimerState, now: dt.datetime) -> TimerState:
    """Start a paused timer or pause a running one."""
    if state.running:
        return TimerState(
            state.pitch, state.phase, False, None, elapsed(state, now), state.revealed
        )
    return TimerState(state.pitch, state.phase, True, now, state.elapsed, state.revealed)


def to_qa(state: TimerState, now: dt.datetime) -> TimerState:
    """Start the Q&A phase: its own countdown, running at once."""
    return TimerState(state.pitch, "qa", True, now, 0.0, state.revealed)


def for_pitch(pitch: str | None, revealed: bool = False) -> TimerState:
    """A fresh, paused pitch-phase timer for ``pitch``."""
    return TimerState(pitch, "pitch", False, None, 0.0, revealed)
