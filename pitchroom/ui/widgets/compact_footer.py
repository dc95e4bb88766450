"""The chair's footer: Textual's compact footer, its keys in the first frame, styled once.

Textual's ``Footer`` composes nothing until the screen's bindings have been
announced (a signal after the screen is mounted and focused) and then composes
again: the keys appear one frame after the rest of the screen, so the first
frame a chair sees has no footer. Here the keys are composed with the footer,
from the screen's bindings as they are then; when the screen's bindings are
announced the footer composes again only if the keys on offer changed (the
chair screen's keys are its own, not its focused grid's, so at start they do
not). ``Footer(compact=True)`` also gives each key the ``-compact`` class from a
watcher once it is mounted (one restyle per key, about fifteen); here each key
has the class before it is mounted. It looks the same (tests/ui/test_snapshots.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; the footer's own key

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[str, str, str, bool, str], ...]


class CompactFooter(Footer):
    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)
        self._shown: Shown | None = None

    def _keys(self) -> Shown:
        """What the footer would show now: each binding on offer, in order."""
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return  # the keys shown are the keys on offer
        super().bindings_changed(screen)
