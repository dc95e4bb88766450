"""The pitch timer as stations and the projector show it: read-only."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from pitchroom.domain.clock import Reading, TimerState, reading
from pitchroom.domain.definition import Session
from pitchroom.i18n import N_, t


def timer_reading(session: Session, state: TimerState, now: dt.datetime) -> Reading:
    info = session.session
    return reading(state, now, float(info.pitch_minutes), float(info.qa_minutes))


def status_line(value: Reading) -> str:
    phase = t(N_("station.phase_pitch") if value.phase == "pitch" else N_("station.phase_qa"))
    if value.tone == "over":
        state = t("station.timer_over")
    else:
        state = t(N_("station.timer_running") if value.running else N_("station.timer_paused"))
    return f"{phase} · {state}"


class TimerBox(Vertical):
    """Phase, state and ``mm:ss``; amber in the last minute, red in overrun.

    ``big`` shows the digits with :class:`~textual.widgets.Digits` (projector).
    """

    DEFAULT_CSS = """
    TimerBox { height: auto; width: auto; min-width: 14; padding: 0 1; }
    TimerBox .timer-status { color: $text-muted; width: 100%; }
    TimerBox .timer-value { text-style: bold; width: auto; }
    TimerBox.-warning .timer-value { color: $warning; }
    TimerBox.-over .timer-value { color: $error; }
    TimerBox.-over .timer-status { color: $error; }
    """

    def __init__(self, *, big: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.big = big

    def compose(self) -> ComposeResult:
        yield Static(classes="timer-status")
        if self.big:
            yield Digits("00:00", classes="timer-value")
        else:
            yield Static(classes="timer-value")

    def show(self, value: Reading | None) -> None:
        status = self.query_one(".timer-status", Static)
        shown = self.query_one(".timer-value")
        text = value.display if value else "--:--"
        status.update(Content(status_line(value)) if value else Content(""))
        if isinstance(shown, Digits):
            shown.update(text)
        elif isinstance(shown, Static):
            shown.update(Content(text))
        self.set_class(bool(value and value.tone == "warning"), "-warning")
        self.set_class(bool(value and value.tone == "over"), "-over")

    @property
    def value_text(self) -> str:
        shown = self.query_one(".timer-value")
        if isinstance(shown, Digits):
            return shown.value
        return str(shown.render())
