"""Key bindings whose descriptions are translated when a screen is built, not at import.

Textual merges a class's ``BINDINGS`` once, when the class is created, which is before
the language is known. So ``BINDINGS`` hold message keys, marked with ``N_``::

    BINDINGS = [Binding("n", "next_pitch", N_("ui.key_next"), tooltip=N_("ui.tip_next"))]

and :class:`TranslatedBindings`, mixed in before the Textual base class, replaces them
with the current language's text when the node is constructed. The footer, F1 help and
the command palette then show the same words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding, BindingsMap, BindingType

from pitchroom.i18n import N_, has, t

ENTER_KEYS = frozenset({"enter", "ctrl+j"})
"""Enter, and Enter typed while pitchroom was starting: the terminal is then still in
line mode, which turns Enter's carriage return into a line feed, and Textual reads
those as ctrl+j once it has the terminal. A form typed ahead lands in its cells."""

# Textual's own binding texts (the command palette key), by their English words.
TEXTUAL_MESSAGES = {
    "palette": N_("ui.key_palette"),
    "Open the command palette": N_("ui.tip_palette"),
}


def _text(value: str | None) -> str:
    if value and value in TEXTUAL_MESSAGES:
        return t(TEXTUAL_MESSAGES[value])
    return t(value) if value and has(value) else (value or "")


def translated(binding: Binding) -> Binding:
    """``binding`` with its description and tooltip in the current language."""
    return replace(binding, description=_text(binding.description), tooltip=_text(binding.tooltip))


def binding(
    key: str,
    action: str,
    label: str,
    tip: str,
    id: str,
    *,
    show: bool = True,
    priority: bool = False,
) -> Binding:
    """A binding described by message keys (``N_("ui.key_quit")``, ``N_("ui.tip_quit")``),
    translated when the node is built (:class:`TranslatedBindings`)."""
    return Binding(key, action, label, show=show, tooltip=tip, id=id, priority=priority)


def as_binding(item: BindingType) -> Binding:
    return item if isinstance(item, Binding) else Binding(*item)


class TranslatedBindings:
    """Mixin: this node's bindings in the language set when it is built."""

    def runtime_bindings(self) -> list[Binding]:
        """Bindings with values in their text, built here (override); already translated."""
        return []

    def shown_bindings(self) -> list[Binding]:
        """This class's own bindings in declaration order, translated (for help, palette)."""
        own = [translated(as_binding(b)) for b in type(self).__dict__.get("BINDINGS", [])]
        return own + self.runtime_bindings()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        merged = self._bindings  # type: ignore[has-type]  # Textual's per-node copy
        keys = {
            key: [translated(b) for b in bindings]
            for key, bindings in merged.key_to_bindings.items()
        }
        for binding in self.runtime_bindings():
            for made in Binding.make_bindings([binding]):
                keys.setdefault(made.key, []).append(made)
        self._bindings = BindingsMap.from_keys(keys)
