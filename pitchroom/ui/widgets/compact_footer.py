"""The chair's footer: Textual's compact footer, its keys drawn by one widget.

Textual's ``Footer`` is a row of one ``FooterKey`` widget per key (seventeen on the
chair screen), each styled, measured, mounted and drawn on its own: about a third of
Textual's work before the chair's first frame. Here the footer holds one
:class:`FooterKeys`, a ``FooterKey`` that draws every key in a row, each exactly as
its own ``FooterKey`` would (the same CSS, the same text, Textual's same rendering),
with the footer's background between them where the keys' margins were. A key
under the mouse is drawn as a hovered ``FooterKey`` is, shows its tooltip, and a
click on it presses it (tests/ui/test_compact_footer.py compares the screen with
Textual's own footer's, hovered or not, in both themes).

Textual's footer also composes nothing until the screen's bindings have been
announced (after the screen is mounted), so the first frame had no footer: here
the keys are composed with the footer, and composed again only if the keys on
offer change (the chair screen's keys are its own, not its focused grid's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; the footer's own key

if TYPE_CHECKING:
    from textual.screen import Screen


class Key(NamedTuple):
    """One key the footer shows."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


class FooterKeys(FooterKey):
    """Every key of the footer in one row, each drawn as its ``FooterKey`` would be."""

    def __init__(self, keys: tuple[Key, ...]) -> None:
        super().__init__("", "", "", "", classes="-compact")
        self.keys = keys
        self._hovered: int | None = None
        """The key under the mouse."""
        self._plain: tuple[tuple[object, ...], list[Strip]] | None = None
        """Each key's line when not hovered, and the look it was drawn for."""

    def _text(self, key: Key) -> Text:
        """``FooterKey.render`` for ``key``: its key and description, padded and styled."""
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        key_padding = self.get_component_styles("footer-key--key").padding
        description_padding = self.get_component_styles("footer-key--description").padding
        if key.description:
            text = Text.assemble(
                (" " * key_padding.left + key.key_display + " " * key_padding.right, key_style),
                (
                    " " * description_padding.left
                    + key.description
                    + " " * description_padding.right,
                    description_style,
                ),
            )
        else:
            text = Text.assemble((key.key_display, key_style))
        text.stylize_before(self.rich_style)
        if not key.enabled:  # a FooterKey's ``-disabled`` class: text-style dim
            text.stylize_before(RichStyle(dim=True))
        return text

    def _line(self, key: Key) -> Strip:
        """The key's line, as a ``FooterKey`` of its own width draws its content."""
        text = self._text(key)
        width = text.cell_len
        visual = visualize(self, text)
        strips = Visual.to_strips(self, visual, width, 1, self.visual_style)
        return strips[0] if strips else Strip.blank(width)

    def _plain_lines(self) -> list[Strip]:
        """Each key's line when not hovered (kept: drawn again when the look changes)."""
        drawn_for = (self.app.theme, self.classes, self.parent and self.parent.background_colors)
        if self._plain is None or self._plain[0] != drawn_for:
            if self.mouse_hover:  # styled as hovered now: nothing kept to show the others
                return [self._line(key) for key in self.keys]
            self._plain = (drawn_for, [self._line(key) for key in self.keys])
        return self._plain[1]

    def _lines(self) -> list[Strip]:
        """Each key's line; the hovered one with the styles the widget has while the
        mouse is over it (Textual restyles it as a hovered ``FooterKey``)."""
        lines = self._plain_lines()
        if self.mouse_hover and self._hovered is not None:
            lines = list(lines)
            lines[self._hovered] = self._line(self.keys[self._hovered])
        return lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        widths = [line.cell_length for line in self._plain_lines()]
        return sum(widths) + max(0, len(widths) - 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self.keys:
            return Strip.blank(self.size.width, self.visual_style.rich_style)
        # Between two keys the footer's own background, where their margins were.
        parent = self.parent
        assert isinstance(parent, Footer)
        gap = Strip.blank(1, RichStyle.from_color(bgcolor=parent.background_colors[1].rich_color))
        parts: list[Strip] = []
        for index, line in enumerate(self._lines()):
            if index:
                parts.append(gap)
            parts.append(line)
        return Strip.join(parts).crop_extend(0, self.size.width, self.visual_style.rich_style)

    def key_at(self, x: int) -> int | None:
        """The index of the key drawn at column ``x`` of this widget, if any."""
        start = 0
        for index, line in enumerate(self._plain_lines()):
            if start <= x < start + line.cell_length:
                return index
            start += line.cell_length + 1
        return None

    def _hover(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.tooltip = None if index is None else (self.keys[index].tooltip or None)
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.key_at(event.x))

    def on_leave(self) -> None:
        self._hover(None)

    def on_mouse_down(self, event: events.MouseDown | None = None) -> None:
        if event is None:
            return
        event.prevent_default()  # not FooterKey's own: it would press this widget's key
        index = self.key_at(event.x)
        if index is None:
            return
        if self.keys[index].enabled:
            self.app.simulate_key(self.keys[index].key)
        else:
            self.app.bell()


class CompactFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple[Key, ...] | None = None

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys the footer shows, in order."""
        return self._shown or ()

    def _keys(self) -> tuple[Key, ...]:
        """What the footer would show now: each binding on offer, in order, the first
        binding of each action (as Textual's footer does; no binding groups and no
        command palette key, which the chair screen has neither of)."""
        keys: dict[str, Key] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in keys:
                display = self.app.get_key_display(binding)
                keys[binding.action] = Key(
                    binding.key, display, binding.description, binding.action, enabled, tooltip
                )
        return tuple(keys.values())

    def compose(self) -> ComposeResult:
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        yield FooterKeys(self._shown)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return  # the keys shown are the keys on offer
        super().bindings_changed(screen)
