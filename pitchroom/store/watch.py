"""Noticing what other connections commit: one poller per store, many subscribers.

SQLite's ``PRAGMA data_version`` changes when another connection commits (a
station's score, a CLI command, the chair in another process), never for this
connection's own writes. A :class:`Changes` reads it when asked; the app asks
on a timer (``POLL_SECONDS``), and every screen that shows the record
subscribes instead of polling on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

POLL_SECONDS = 0.5
"""How often apps check for other connections' commits."""


class _Versioned(Protocol):
    def data_version(self) -> int: ...


class Changes:
    """Calls its subscribers, in subscription order, once per change it notices."""

    def __init__(self, store: _Versioned) -> None:
        self._store = store
        self._version = store.data_version()
        self._subscribers: list[Callable[[], object]] = []

    def subscribe(self, callback: Callable[[], object]) -> Callable[[], None]:
        """Call ``callback`` after each change; returns what unsubscribes it."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def check(self) -> bool:
        """Whether another connection committed since the last check (subscribers told)."""
        version = self._store.data_version()
        if version == self._version:
            return False
        self._version = version
        for callback in list(self._subscribers):
            callback()
        return True
