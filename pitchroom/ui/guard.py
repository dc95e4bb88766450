"""Guards against Textual 8.2.8 bugs that random, fast keys reach.

Found by the key fuzzing in ``tests/reliability`` (each guard has a test that
reproduces the bug it stops):

- :class:`GuardedCommandPalette`: the command palette's ``pageup``/``pagedown``
  reach ``OptionList._move_page`` before the list has been laid out (it was
  hidden, or its options just changed), and the line map it reads is empty:
  ``KeyError``. Its watchers and its gathering worker query the
  ``CommandList`` after the palette has left the screen: ``NoMatches``.
  :class:`SafeOptionList` is the same page-key guard for the dialogs' lists.
- :class:`GuardedApp`: keys still queued when the app quits reach
  ``App._check_bindings`` after the last screen has gone:
  ``ScreenStackError: No screens on stack``. They are dropped. A key right
  behind one that pushed a screen waits until that screen has its widgets
  (else its bindings raise ``NoMatches``). It also opens the guarded palette
  on ctrl+p.
- :class:`DismissOnce`: ``Screen.dismiss`` pops *whatever screen is on top*,
  so a second ``escape`` that was already queued for a dialog closes the
  chair screen beneath it, and the next ends in ``ScreenStackError``. A
  dialog that is no longer on top now ignores a late dismiss; the palette
  also ignores a second, queued selection (it would dismiss again and run its
  command twice).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from typing import Any

from textual import events, on, work
from textual._callback import invoke
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList

from pitchroom.ui.crash import CrashReport

_PAGE_ACTIONS = ("page_up", "page_down")
MOUNT_WAIT = 1.0
"""Seconds a key waits for the screen it is meant for to finish mounting."""


class DismissOnce:
    """Mixed into a screen: a dismiss when it is no longer on top does nothing."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        screen: Screen[Any] = self  # type: ignore[assignment]
        if not screen.is_attached or screen.app.screen is not screen:
            return AwaitComplete()
        # a mixin: the screen class after it in the MRO has dismiss
        pending: AwaitComplete = super().dismiss(result)  # type: ignore[misc]
        return pending


class GuardedCommandPalette(DismissOnce, CommandPalette):
    """Textual's command palette, safe under keys faster than its layout."""

    def _command_list(self) -> CommandList | None:
        """The palette's list, or None once the palette has left the screen."""
        if not self.is_attached:
            return None
        try:
            return self.query_one(CommandList)
        except NoMatches:
            return None

    @on(OptionList.OptionSelected)
    @on(Input.Submitted)
    @on(Button.Pressed)
    def _drop_when_closed(self, event: Message) -> None:
        """A selection queued behind one that already closed the palette: ignore it.

        Textual's own handler would dismiss again (popping the screen beneath)
        and run the chosen command a second time.
        """
        if not self.is_attached or self.app.screen is not self:
            event.prevent_default()
            event.stop()

    def dismiss(self, result: Any = None) -> AwaitComplete:
        hit = self._selected_command
        if (
            self.is_attached
            and self.app.screen is self
            and hit is not None
            and not self._list_visible
        ):
            # Textual dismisses, then calls the chosen command later (app.call_later
            # reads _selected_command after this returns): until it has run, no new
            # palette may open beneath the screen it is about to push.
            self._selected_command = replace(hit, command=_run_then_release(self.app, hit.command))
        return super().dismiss(result)

    def _action_escape(self) -> None:
        self._selected_command = None  # escape runs nothing: nothing to wait for
        super()._action_escape()

    def _watch__list_visible(self) -> None:
        if self._command_list() is not None:
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        if self._command_list() is not None:
            await super()._watch__show_busy()

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        if self._command_list() is None:
            return
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]
        except NoMatches:
            return  # the palette closed while its commands were being gathered

    def _action_command_list(self, action: str) -> None:
        command_list = self._command_list()
        if command_list is None:
            return
        if action in _PAGE_ACTIONS and not _laid_out(command_list):
            return  # a page key before the list has a size: nothing to page through
        super()._action_command_list(action)

    def _action_cursor_down(self) -> None:
        if self._command_list() is not None:
            super()._action_cursor_down()


_COMMAND_PENDING = "_pitchroom_palette_command_pending"


def palette_in_use(app: Any) -> bool:
    """A palette anywhere in the stack, or its chosen command not yet run.

    Textual's ``CommandPalette.is_open`` only looks at the top screen: a ctrl+p
    queued behind the Enter that chose a command opened a second palette once the
    first had gone, the command then pushed its screen over that one, and the next
    ctrl+p pushed a third with the same id (``DuplicateIds``).
    """
    if getattr(app, _COMMAND_PENDING, 0):
        return True
    return any(isinstance(screen, CommandPalette) for screen in app.screen_stack)


def _run_then_release(app: Any, command: Any) -> Any:
    """``command`` that marks a palette command pending until it has run."""
    setattr(app, _COMMAND_PENDING, getattr(app, _COMMAND_PENDING, 0) + 1)

    async def run() -> None:
        try:
            await invoke(command)
        finally:
            setattr(app, _COMMAND_PENDING, max(0, getattr(app, _COMMAND_PENDING, 1) - 1))

    return run


class SafeOptionList(OptionList):
    """An OptionList whose page keys wait for a layout (Textual's raise ``KeyError``
    when pageup/pagedown arrive before the list has been given a size)."""

    def _move_page(self, direction: Any) -> None:
        if _laid_out(self):
            super()._move_page(direction)


def _laid_out(command_list: OptionList) -> bool:
    """True when the list's line map covers the highlighted option."""
    if not command_list.option_count:
        return False
    lines = command_list._index_to_line
    return (command_list.highlighted or 0) in lines and bool(command_list._lines)


class GuardedApp(CrashReport):
    """Mixed into an App: the guarded palette, no keys after the last screen, and a
    crash reported in one line with the traceback in a log (:mod:`pitchroom.ui.crash`)."""

    def pop_screen(self) -> AwaitComplete:
        app: Any = self
        if len(app._screen_stack) <= 1:
            # The first screen has nothing beneath it to go back to (Textual raises):
            # a stray second dismiss of a screen already gone leaves it as it is.
            return AwaitComplete()
        result: AwaitComplete = super().pop_screen()  # type: ignore[misc]
        return result

    def action_command_palette(self) -> None:
        app: Any = self
        if app.use_command_palette and not palette_in_use(app):
            app.push_screen(GuardedCommandPalette(id="--command-palette"))

    async def _on_key(self, event: events.Key) -> None:
        app: Any = self
        if not app._screen_stack:
            event.prevent_default()  # the app is closing: Textual's handler would raise
            return
        screen = app.screen
        if not screen.is_mounted:
            # A key right behind the one that pushed this screen: let the screen
            # build its widgets first, or its bindings reach widgets not there yet.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(screen._mounted_event.wait(), MOUNT_WAIT)
            if not screen.is_attached:
                event.prevent_default()
