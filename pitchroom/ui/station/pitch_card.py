"""The open pitch as a station or the projector shows it: user text, literally."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from pitchroom.i18n import formats, t
from pitchroom.store.station_queries import PitchHeader
from pitchroom.ui.station.text import amount
from pitchroom.ui.text import content, content_line, one_line


class PitchCard(Vertical):
    """Position, title, applicant, amount and (unless ``summary=False``) summary."""

    DEFAULT_CSS = """
    PitchCard { height: auto; width: 1fr; padding: 0 1; }
    PitchCard .pitch-position { color: $text-muted; }
    PitchCard .pitch-title { text-style: bold; color: $accent; }
    PitchCard .pitch-summary { max-height: 4; overflow-y: auto; color: $text; }
    """

    def __init__(self, *, summary: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.with_summary = summary

    def compose(self) -> ComposeResult:
        yield Static(classes="pitch-position")
        yield Static(classes="pitch-title")
        yield Static(classes="pitch-meta")
        if self.with_summary:
            yield Static(classes="pitch-summary")

    def show(self, header: PitchHeader) -> None:
        pitch = header.pitch
        position = self.query_one(".pitch-position", Static)
        title = self.query_one(".pitch-title", Static)
        meta = self.query_one(".pitch-meta", Static)
        if pitch is None:
            position.update(Content(""))
            title.update(Content(t("station.no_pitch")))
            meta.update(Content(""))
        else:
            position.update(
                Content(t("station.position", position=header.position, total=header.total))
            )
            title.update(content_line(pitch.title))
            parts = []
            if pitch.applicant.strip():
                parts.append(t("station.applicant", applicant=one_line(pitch.applicant)))
            parts.append(
                t(
                    "station.requested",
                    amount=amount(pitch.requested),
                    currency=one_line(formats.currency(header.session.session.currency)),
                )
            )
            meta.update(Content(" · ".join(parts)))
        if self.with_summary:
            summary = self.query_one(".pitch-summary", Static)
            summary.update(content(pitch.summary if pitch else ""))
            summary.display = bool(pitch and pitch.summary.strip())

    @property
    def title_text(self) -> str:
        return str(self.query_one(".pitch-title", Static).render())
