"""The pitch / Q&A timer: amber in the last minute, red and counting up when over."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from pitchroom.domain.clock import Reading
from pitchroom.i18n import N_, t


class PitchTimer(Static):
    reading: reactive[Reading | None] = reactive(None)
    """The timer as last computed from the stored state and the (injectable) clock."""

    def watch_reading(self, reading: Reading | None) -> None:
        if reading is None:
            self.update("")
            return
        self.set_class(reading.tone == "warning", "-warning")
        self.set_class(reading.tone == "over", "-over")
        self.set_class(reading.running, "-running")
        phase = t(N_("ui.phase_pitch") if reading.phase == "pitch" else N_("ui.phase_qa"))
        state = t(N_("ui.timer_running") if reading.running else N_("ui.timer_paused"))
        text = Text()
        text.append(phase + " ", style="bold")
        text.append(reading.display, style="bold")
        text.append("  " + state)
        if reading.tone == "over":
            text.append("  " + t("ui.timer_over"))
        self.update(text)
