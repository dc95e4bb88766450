"""The chair's footer: Textual's compact footer, its keys styled once.

Textual's ``Footer(compact=True)`` makes each key, then gives it the ``-compact``
class from a watcher once it is mounted: one restyle of that key per key, about
fifteen, every time the footer is composed (at start, and whenever the keys on
offer change). Here each key has the class before it is mounted, so it is
styled once, as it is anyway; it looks the same (tests/ui/test_snapshots.py).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; the footer's own key


class CompactFooter(Footer):
    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget
