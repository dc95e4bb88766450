"""The pitch on: title, position, applicant, amount, pot, summary, state."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.widgets import Static

from pitchroom.i18n import formats, t
from pitchroom.ui.text import one_line, strip
from pitchroom.ui.view import PitchView


def money(amount: Decimal | float | int | None, currency: str) -> str:
    if amount is None:
        return "—"
    return t(
        "ui.money", currency=one_line(formats.currency(currency)), amount=formats.amount(amount)
    )


class PitchCard(Static):
    """Shows one :class:`PitchView`; every user value as literal text."""

    _shown: tuple[object, ...] | None = None

    def show(self, view: PitchView) -> None:
        session, pitch = view.session, view.pitch
        info = session.session
        text = Text()
        # Position and badges first: a long title then wraps after them, never
        # splitting "3 of 9" over two lines.
        text.append(t("ui.position", number=view.index + 1, total=len(session.queue)), style="dim")
        if view.state.withdrawn:
            text.append("  ")
            text.append(t("ui.badge_withdrawn"), style="bold reverse yellow")
        if view.state.closed:
            text.append("  ")
            text.append(t("ui.badge_closed"), style="bold reverse green")
        if view.disagrees():
            text.append("  ")
            text.append(t("ui.badge_discuss"), style="bold red")
        text.append("  ")
        text.append(one_line(pitch.title), style="bold")
        text.append("\n")
        if pitch.applicant:
            text.append(one_line(pitch.applicant), style="italic")
            text.append(" · ")
        text.append(money(pitch.requested, info.currency))
        pot = session.pot_for(pitch.requested) if session.pots else None
        if session.pots:
            name = one_line(pot.name or pot.key) if pot else t("ui.no_pot")
            text.append(" · " + t("ui.pot", pot=name))
        if view.decision:
            d = view.decision
            text.append(" · ")
            text.append(t(f"ui.decision_{d.decision}"), style="bold")
            if d.amount is not None:
                text.append(" " + money(d.amount, info.currency))
        if pitch.partners:
            text.append("\n")
            text.append(t("ui.partners", partners=one_line("; ".join(pitch.partners))), style="dim")
        if pitch.summary:
            text.append("\n")
            text.append(strip(pitch.summary).strip(), style="")
        look = (text.plain, tuple(text.spans))
        if look != self._shown:  # a reload after each score mostly changes nothing here
            self._shown = look
            self.update(text)
