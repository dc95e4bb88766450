"""The chair's keys: one place, shown in the footer, F1 help and the palette.

Descriptions are message keys, translated when the screen is built
(:mod:`pitchroom.ui.bindings`).
"""

from __future__ import annotations

from textual.binding import Binding

from pitchroom.i18n import N_
from pitchroom.ui.bindings import binding


def _key(key: str, action: str, label: str, tip: str, *, show: bool = True) -> Binding:
    """A binding whose id comes from its label's key (``ui.key_next``: ``chair-next``)."""
    name = label.removeprefix("ui.key_")
    return binding(key, action, label, tip, f"chair-{name.replace('_', '-')}", show=show)


CHAIR_BINDINGS = [
    # In the order a chair needs them, so that the footer shows the most used keys
    # at every width: F1 first (it lists every key and the palette, ctrl+p), then a
    # pitch's round of work, the ranking, reveal and export; the rarest last.
    Binding("f1", "app.show_help", N_("ui.key_help"), tooltip=N_("ui.tip_help"), id="chair-help"),
    _key("ctrl+z", "undo_change", N_("ui.key_undo"), N_("ui.tip_undo")),
    _key("space", "toggle_timer", N_("ui.key_timer"), N_("ui.tip_timer")),
    _key("t", "start_qa", N_("ui.key_qa"), N_("ui.tip_qa")),
    _key("l", "close_pitch", N_("ui.key_close"), N_("ui.tip_close")),
    _key("n", "next_pitch", N_("ui.key_next"), N_("ui.tip_next")),
    _key("k", "show_ranking", N_("ui.key_ranking"), N_("ui.tip_ranking")),
    _key("v", "reveal_ranking", N_("ui.key_reveal"), N_("ui.tip_reveal")),
    _key("e", "export_session", N_("ui.key_export"), N_("ui.tip_export")),
    _key("c", "comment_juror", N_("ui.key_comment"), N_("ui.tip_comment")),
    _key("r", "recuse_juror", N_("ui.key_recuse"), N_("ui.tip_recuse")),
    _key(
        "R",
        "recuse_with_reason",
        N_("ui.key_recuse_reason"),
        N_("ui.tip_recuse_reason"),
        show=False,
    ),
    _key("a", "absent_juror", N_("ui.key_absent"), N_("ui.tip_absent")),
    _key("d", "decide_pitch", N_("ui.key_decide"), N_("ui.tip_decide")),
    _key("p", "previous_pitch", N_("ui.key_previous"), N_("ui.tip_previous")),
    _key("w", "withdraw_pitch", N_("ui.key_withdraw"), N_("ui.tip_withdraw")),
]
