"""The last changes, newest first; the chair's own undoable ones are marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from pitchroom.domain.amendment import describe as describe_change
from pitchroom.domain.models import Session
from pitchroom.i18n import has, t
from pitchroom.store.records import Event
from pitchroom.ui.text import one_line
from pitchroom.ui.view import STATION_PREFIX


def _value(value: object) -> str:
    if isinstance(value, dict):
        if "value" in value:
            return one_line(value["value"])
        return ", ".join(f"{k}={one_line(v)}" for k, v in sorted(value.items()))
    return "—" if value is None else one_line(value)


def _names(event: Event, session: Session) -> dict[str, str]:
    """Names rather than keys: the chair knows "Bram Jansen", not ``bram``."""
    pitch = session.pitch(event.pitch) if event.pitch else None
    juror = session.juror(event.juror) if event.juror else None
    criterion = session.criterion(event.criterion) if event.criterion else None
    return {
        "pitch": one_line(pitch.title if pitch else event.pitch or ""),
        "juror": one_line(juror.name if juror else event.juror or ""),
        "criterion": one_line(criterion.name if criterion else event.criterion or ""),
    }


def describe(event: Event, session: Session, hide_values: bool) -> str:
    """One line for ``event``; values of blind-hidden station scores left out."""
    names = _names(event, session)
    if event.entity == "score" and hide_values:
        return t("ui.journal_hidden", actor=one_line(event.actor), **names)
    if event.entity == "score" and event.before is None:
        return t("ui.journal_score_new", after=_value(event.after), **names)
    if event.entity == "score":
        return t(
            "ui.journal_score", before=_value(event.before), after=_value(event.after), **names
        )
    what = " · ".join(v for v in names.values() if v)
    if isinstance(event.after, dict) and "session" in event.after:  # import or amendment
        changes = event.after.get("changes") or []
        what = (
            "; ".join(one_line(describe_change(c)) for c in changes)
            or one_line(event.after.get("protocol", ""))[:12]
        )
    elif not what:  # a session-wide action (pot transfer, tie, protocol): its values
        what = _value(event.after)
    return t("ui.journal_other", action=action_text(event.action), what=what)


def action_text(action: str) -> str:
    """An audit action (``recusal.declared``) in words; one without a message as is."""
    key = "event." + action.replace(".", "_")
    return t(key) if has(key) else one_line(action)


class Journal(Static):
    def show(
        self, events: list[Event], session: Session, undoable: set[int], blind_open: set[str]
    ) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(t("ui.journal_title") + "\n", style="bold")
        for event in events:
            hide = event.actor.startswith(STATION_PREFIX) and event.pitch in blind_open
            mark = "↶ " if event.id in undoable else "  "
            stamp = event.at[11:16]
            text.append(f"{mark}{stamp} ", style="dim")
            text.append(
                describe(event, session, hide) + "\n", style="" if event.id in undoable else "dim"
            )
        self.update(text)
