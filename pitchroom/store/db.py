"""Opening a session database: pragmas, migrations, and safe write transactions.

Durability (SPEC.md, "Storage"): WAL with ``synchronous=FULL``, so a committed
write survives a power loss, and every write commits before the caller is told
it was saved.

Concurrency: the chair, juror stations and the CLI may write one file at once.
A transaction that reads and then writes (appending to the hash chain) starts
with ``BEGIN IMMEDIATE``, which takes the write lock up front; together with a
busy timeout and a retry loop, "database is locked" never reaches a user.
"""

from __future__ import annotations

import contextlib
import gc
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from pitchroom.i18n import t
from pitchroom.store.migrations import MIGRATION_SET, migrations

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5_000
LOCK_PATIENCE_S = 60.0
"""How long a writer keeps retrying a busy database before giving up."""


class StoreError(Exception):
    """A problem with the database file itself (missing, not ours, damaged).

    ``str(error)`` is a one-line message for the user; the CLI exits 2.
    """


class RuleError(Exception):
    """A write that the session's rules refuse (out of scale, recused juror...).

    Nothing was written. ``field`` names what was wrong (``value``, ``juror``...).
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class Unchanged(RuleError):
    """A write that would change nothing (the value is already that): nothing was
    written, and a caller moving on (the score grid) may treat it as done."""


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a bulk step builds millions of
    small objects (rows, events, dicts; none of them cyclic). Each collection
    walks every live object, so with a big session in memory the collector
    otherwise costs as much as the work itself. Restores the previous state;
    nothing but timing changes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def connect(path: Path) -> Database:
    """A sqlite-utils Database on ``path`` with pitchroom's pragmas."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _retry(lambda: db.execute("PRAGMA journal_mode = WAL"))
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _retry(fn: Callable[[], T]) -> T:
    deadline = time.monotonic() + LOCK_PATIENCE_S
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def is_pitchroom_db(db: Database) -> bool:
    try:
        rows = list(
            db.query(
                "select count(*) as n from sqlite_master where type = 'table' "
                "and name in ('_sqlite_migrations', 'meta', 'scores', 'events')"
            )
        )
    except sqlite3.DatabaseError:
        return False
    return bool(rows[0]["n"] == 4)


def open_database(path: Path, *, create: bool = False) -> Database:
    """Open (or, with ``create``, make) a pitchroom database and migrate it forward.

    Raises :class:`StoreError` with a one-line message for a file that is
    missing, not a SQLite database, damaged, or not a pitchroom database.
    """
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(t("store.missing", path=path))
    if not create and path.is_dir():
        raise StoreError(t("store.not_a_db", path=path))
    try:
        db = connect(path)
        if not create and not is_pitchroom_db(db):
            db.close()
            raise StoreError(t("store.not_a_db", path=path))
        _migrate(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(t("store.damaged", path=path, error=error)) from None
    return db


def _migrate(db: Database) -> None:
    if not migrations.pending(db):
        return
    # Two processes opening an old file at once: take the write lock first and
    # look again, so each migration runs exactly once.
    with write_transaction(db):
        migrations.ensure_migrations_table(db)
        for migration in migrations.pending(db):
            migration.fn(db)
            db.execute(
                "insert into _sqlite_migrations (migration_set, name, applied_at) "
                "values (?, ?, strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'))",
                [MIGRATION_SET, migration.name],
            )


def schema_version(db: Database) -> int:
    return len(migrations.applied(db))


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, retried while another writer holds the lock.

    The body must be safe to run again after a failed ``BEGIN`` (it has not
    started yet then). Nested use joins the outer transaction.
    """
    if db.conn.in_transaction:
        yield db
        return
    _retry(lambda: db.conn.execute("BEGIN IMMEDIATE"))
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    try:
        _retry(lambda: db.conn.execute("COMMIT"))
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
