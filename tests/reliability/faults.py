"""Faults to inject into a running store: a connection whose writes fail."""

from __future__ import annotations

import sqlite3
from typing import Any


class FailingConnection:
    """Wraps a sqlite3 connection; while ``failing``, statements starting with
    ``fail_on`` raise ``error`` (as a full disk or a read-only file would)."""

    def __init__(self, real: sqlite3.Connection, error: sqlite3.Error, fail_on: str) -> None:
        self.real = real
        self.error = error
        self.fail_on = fail_on.lower()
        self.failing = True

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self.failing and sql.lstrip().lower().startswith(self.fail_on):
            raise self.error
        return self.real.execute(sql, *args)

    def backup(self, *args: Any, **kwargs: Any) -> None:
        if self.failing and self.fail_on == "backup":
            raise self.error
        self.real.backup(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def fail_writes(store: Any, message: str, fail_on: str = "begin immediate") -> FailingConnection:
    """Make ``store``'s writes fail with an ``OperationalError(message)`` until
    ``.failing = False`` is set on the returned wrapper."""
    wrapper = FailingConnection(store.db.conn, sqlite3.OperationalError(message), fail_on)
    store.db.conn = wrapper
    return wrapper
