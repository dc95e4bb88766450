"""Noticing what other connections commit: one poller per store, many subscribers.

SQLite's ``PRAGMA data_version`` changes when another connection commits (a
station's score, a CLI command, the chair in another process), never for this
connection's own writes. A :class:`Changes` reads it when asked; the app asks
on a timer (``POLL_SECONDS``), and every screen that shows the record
subscribes instead of polling on its own.

The same poll looks at the files' identity (:class:`FileWatch`): a database or
``-wal`` removed or replaced under a running app is noticed there, and every
write checks it first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from pitchroom.i18n import t

POLL_SECONDS = 0.5
"""How often apps check for other connections' commits."""


class _Versioned(Protocol):
    def data_version(self) -> int: ...


class Changes:
    """Calls its subscribers, in subscription order, once per change it notices."""

    def __init__(self, store: _Versioned, files: FileWatch | None = None) -> None:
        self._store = store
        self.files = files
        self._version = store.data_version()
        self._subscribers: list[Callable[[], object]] = []

    def subscribe(self, callback: Callable[[], object]) -> Callable[[], None]:
        """Call ``callback`` after each change; returns what unsubscribes it."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def file_problem(self) -> str | None:
        """Why the store's files can no longer be trusted (removed or replaced), or None."""
        return None if self.files is None else self.files.problem()

    def check(self) -> bool:
        """Whether another connection committed since the last check (subscribers told).

        Looks at the files' identity first, so :meth:`file_problem` is current after
        every poll."""
        self.file_problem()
        version = self._store.data_version()
        if version == self._version:
            return False
        self._version = version
        for callback in list(self._subscribers):
            callback()
        return True


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's (device, inode), or None when there is no file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


class FileWatch:
    """Notices that the database file or its ``-wal`` was removed or replaced under
    an open connection.

    SQLite keeps writing to the files it opened: after someone deletes the
    ``-wal`` or puts another ``.db`` in its place (a copy, a restore), those
    writes go to files nobody will read again, while the screen shows them as
    saved. Comparing the files' identity (device and inode) before each write
    and on the screens' poll catches that. Once seen, it stays: writing on
    would only lose more.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.wal = self.path.with_name(self.path.name + "-wal")
        self.db_id = _identity(self.path)
        self.wal_id = _identity(self.wal)
        self._problem: str | None = None

    def problem(self) -> str | None:
        """Why the files can no longer be trusted, or None while they are the same."""
        if self._problem is None:
            self._problem = self._look()
        return self._problem

    def forget_wal(self) -> None:
        """This connection removed its ``-wal`` itself (it left WAL mode for a bulk
        write, :func:`pitchroom.store.bulk.rollback_journal`): the next one seen is
        its own, as when the connection opened before there was one."""
        self.wal_id = None

    def _look(self) -> str | None:
        found = _identity(self.path)
        if found is None:
            return t("store.files_removed", path=self.path)
        if found != self.db_id:
            return t("store.files_replaced", path=self.path)
        wal = _identity(self.wal)
        if self.wal_id is None:  # not made yet when the connection opened
            self.wal_id = wal
            return None
        if wal != self.wal_id:
            return t("store.wal_removed", path=self.path, wal=self.wal.name)
        return None
