"""The notifications an app raised, kept through the public ``App.notify``.

Textual's own list forgets a notification once its toast times out (5 s of wall
time), so tests that read it were flaky on a loaded machine. A module of its own:
pytest may import a conftest twice, under two names, and the record must be one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App

_RAISED: WeakKeyDictionary[App[Any], list[str]] = WeakKeyDictionary()

Notify = Callable[..., None]


def recording(original: Notify) -> Notify:
    """``App.notify`` that also keeps the message for :func:`notes`."""

    def notify(self: App[Any], message: str, **options: Any) -> None:
        _RAISED.setdefault(self, []).append(message)
        original(self, message, **options)

    return notify


def notes(app: App[Any]) -> list[str]:
    """The text of every notification ``app`` raised so far, oldest first.

    Outside tests/ui (no recording fixture there), the notifications Textual
    still holds: its list is private, and forgets a toast that timed out."""
    if app in _RAISED:
        return list(_RAISED[app])
    return [n.message for n in app._notifications]
