"""The chair's keys: one place, shown in the footer, F1 help and the palette."""

from __future__ import annotations

from textual.binding import Binding

from pitchroom.i18n import t


def _key(key: str, action: str, name: str, *, show: bool = True) -> Binding:
    """A binding whose description, tooltip and id all come from ``name``."""
    return Binding(
        key,
        action,
        t(f"ui.key_{name}"),
        show=show,
        tooltip=t(f"ui.tip_{name}"),
        id=f"chair-{name.replace('_', '-')}",
    )


CHAIR_BINDINGS = [
    # F1 first, so that even an 80-column footer shows where every other key is.
    Binding("f1", "app.show_help", t("ui.key_help"), tooltip=t("ui.tip_help"), id="chair-help"),
    _key("n", "next_pitch", "next"),
    _key("p", "previous_pitch", "previous"),
    _key("space", "toggle_timer", "timer"),
    _key("t", "start_qa", "qa"),
    _key("ctrl+z", "undo_change", "undo"),
    _key("l", "close_pitch", "close"),
    _key("r", "recuse_juror", "recuse"),
    _key("a", "absent_juror", "absent"),
    _key("c", "comment_juror", "comment"),
    _key("d", "decide_pitch", "decide"),
    _key("w", "withdraw_pitch", "withdraw"),
    _key("k", "show_ranking", "ranking"),
    _key("v", "reveal_ranking", "reveal"),
    _key("e", "export_session", "export"),
]
