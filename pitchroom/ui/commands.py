"""The command palette (ctrl+p): one provider for every screen.

A screen offers its commands by defining ``palette_commands()`` (the chair screen:
jump to any pitch and every chair key; the ranking screen: its keys). The provider
knows no screen, so nothing here imports one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from inspect import isawaitable
from typing import Any, Protocol, runtime_checkable

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.screen import Screen

from pitchroom.ui.text import escaped


@dataclass(frozen=True)
class PaletteCommand:
    label: str
    """Shown literally, never parsed as markup."""
    run: Callable[[], Any]
    help: str = ""


@runtime_checkable
class HasCommands(Protocol):
    def palette_commands(self) -> list[PaletteCommand]: ...


def binding_commands(screen: Screen[Any], bindings: list[Binding]) -> list[PaletteCommand]:
    """A palette command per shown binding the screen allows now."""
    return [
        PaletteCommand(
            str(b.description), partial(screen.run_action, b.action), escaped(b.tooltip or "")
        )
        for b in bindings
        if b.description and screen.check_action(b.action, ()) is not False
    ]


def to_screen(screen: Screen[Any]) -> bool:
    """Bring ``screen`` back to the top; False when it has gone (the app is closing).

    A command runs after the palette has closed, when the screen beneath may be
    another one (help, ranking) or the app may be quitting: a screen's action must
    never reach for its widgets from there.
    """
    if not screen.is_attached or screen not in screen.app.screen_stack:
        return False
    app = screen.app
    while app.screen is not screen and len(app.screen_stack) > 1:
        app.pop_screen()
    return app.screen is screen


async def _on_screen(screen: Screen[Any], run: Callable[[], Any]) -> None:
    """Run a screen's command only once that screen is on top again."""
    if to_screen(screen):
        result = run()
        if isawaitable(result):
            await result


class ScreenCommands(Provider):
    """The commands of the screen the palette was opened over."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        if not isinstance(screen, HasCommands):
            return []
        return [
            replace(command, run=partial(_on_screen, screen, command.run))
            for command in screen.palette_commands()
        ]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(
                Content(command.label), command.run, text=command.label, help=command.help
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            label = command.label
            score = matcher.match(label)
            if score > 0:
                highlighted = Content(label)
                for offset in _offsets(matcher, label):
                    highlighted = highlighted.stylize("reverse", offset, offset + 1)
                yield Hit(score, highlighted, command.run, text=label, help=command.help)


def _offsets(matcher: Matcher, candidate: str) -> list[int]:
    """Where the query matched, without parsing ``candidate`` as markup."""
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    return [o for o in offsets if not candidate[o].isspace()]
