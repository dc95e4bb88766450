"""Command palette (ctrl+p): jump to any pitch, run any chair action."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from pitchroom.i18n import t
from pitchroom.ui.text import escaped, one_line

if TYPE_CHECKING:
    from pitchroom.ui.screens.chair import ChairScreen

Command = tuple[str, Content, Callable[[], Any], str]
"""(label, shown label, what it runs, help)."""


class ChairCommands(Provider):
    def _chair(self) -> ChairScreen | None:
        # Imported here: at import time the chair screen imports the app, which imports us.
        from pitchroom.ui.screens.chair import ChairScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ChairScreen):
                return screen
        return None

    def _commands(self) -> list[Command]:
        chair = self._chair()
        if chair is None or chair.view is None:
            return []
        found: list[Command] = []
        for number, pitch in enumerate(chair.view.session.queue, start=1):
            label = t("ui.cmd_jump", number=number, title=one_line(pitch.title))
            found.append(
                (
                    label,
                    Content(label),
                    partial(self._jump, chair, pitch.key),
                    escaped(pitch.applicant),
                )
            )
        label = t("ui.cmd_amend")
        found.append(
            (
                label,
                Content(label),
                partial(self._run, chair, "amend_session"),
                t("ui.cmd_amend_help"),
            )
        )
        for binding in chair.shown_bindings():
            label = str(binding.description)
            found.append(
                (
                    label,
                    Content(label),
                    partial(self._run, chair, binding.action),
                    escaped(binding.tooltip),
                )
            )
        return found

    def _to_chair(self, chair: ChairScreen) -> bool:
        """Bring the chair screen to the top; False when it has gone (the app is closing).

        A command runs after the palette has closed, when the screen beneath may be
        another one (help, ranking) or the app may be quitting: a chair action must
        never reach for the chair's widgets from there.
        """
        if chair not in self.app.screen_stack or not chair.is_attached:
            return False
        while self.app.screen is not chair and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        return self.app.screen is chair

    def _jump(self, chair: ChairScreen, pitch: str) -> None:
        if self._to_chair(chair):
            chair.jump_to(pitch)

    async def _run(self, chair: ChairScreen, action: str) -> None:
        if self._to_chair(chair):
            await chair.run_action(action)

    async def discover(self) -> Hits:
        for label, display, callback, help_text in self._commands():
            yield DiscoveryHit(display, callback, text=label, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, _display, callback, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                highlighted = Content(label)
                for offset in _offsets(matcher, label):
                    highlighted = highlighted.stylize("reverse", offset, offset + 1)
                yield Hit(
                    score,
                    highlighted,
                    callback,
                    text=label,
                    help=help_text,
                )


def _offsets(matcher: Matcher, candidate: str) -> list[int]:
    """Where the query matched, without parsing ``candidate`` as markup."""
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    return [o for o in offsets if not candidate[o].isspace()]
