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
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from pitchroom.i18n import N_, t
from pitchroom.store.connection import Database

__all__ = ["Database"]  # re-exported: the store imports its connection from here

T = TypeVar("T")

MIGRATION_SET = "pitchroom"
MIGRATIONS = ("001_initial", "002_pitch_stage")
"""The schema's migrations in order, as :mod:`pitchroom.store.migrations` names
them (a test checks the two agree): opening a database compares what it applied
with these without importing sqlite-utils."""

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


class WriteFailed(RuleError):
    """A write that SQLite or the file system refused (disk full, read-only file,
    I/O error, the files removed or replaced): nothing was saved.

    A :class:`RuleError`, so every caller that shows a refusal shows this too;
    ``message`` says plainly that it was not saved and why.
    """

    def __init__(self, message: str) -> None:
        super().__init__("database", message)


# SQLite's result codes for a write the environment refused (not a bug of ours).
_WHY = {
    "SQLITE_FULL": N_("store.write_full"),
    "SQLITE_READONLY": N_("store.write_readonly"),
    "SQLITE_PERM": N_("store.write_readonly"),
    "SQLITE_IOERR": N_("store.write_io"),
    "SQLITE_CANTOPEN": N_("store.write_io"),
    "SQLITE_CORRUPT": N_("store.write_damaged"),
    "SQLITE_NOTADB": N_("store.write_damaged"),
    "SQLITE_BUSY": N_("store.write_busy"),
    "SQLITE_LOCKED": N_("store.write_busy"),
    "SQLITE_NOMEM": N_("store.write_io"),
}


def write_failure(error: sqlite3.Error) -> WriteFailed | None:
    """``error`` as a :class:`WriteFailed` when the environment caused it, else None."""
    name = getattr(error, "sqlite_errorname", None) or ""
    key = _WHY.get("_".join(name.split("_")[:2]))  # SQLITE_IOERR_WRITE: SQLITE_IOERR
    if key is None:
        text = str(error).lower()
        if "disk is full" in text:
            key = "store.write_full"
        elif "readonly" in text or "read-only" in text:
            key = "store.write_readonly"
        elif "disk i/o" in text or "unable to open" in text:
            key = "store.write_io"
        elif "locked" in text or "busy" in text:
            key = "store.write_busy"
        else:
            return None
    return WriteFailed(t(key, error=error))


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
    """The connection to ``path`` with pitchroom's pragmas."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils has always set it
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
            import random  # only when the database is busy

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


def applied_migrations(db: Database) -> list[str]:
    """The names of the migrations applied to ``db``, in the order they were."""
    exists = db.execute(
        "select 1 from sqlite_master where type = 'table' and name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = db.execute(
        "select name from _sqlite_migrations where migration_set = ? order by rowid",
        [MIGRATION_SET],
    ).fetchall()
    return [name for (name,) in rows]


def open_database(path: Path, *, create: bool = False) -> Database:
    """Open (or, with ``create``, make) a pitchroom database and migrate it forward.

    Raises :class:`StoreError` with a one-line message for a file that is
    missing, not a SQLite database, damaged, not a pitchroom database, made by a
    newer pitchroom, or in a place that cannot be written. A file that is
    refused is left byte for byte as it was: it is looked at through a
    read-only connection first, and only switched to WAL once it is ours.
    """
    path = Path(path)
    if not create:
        if not path.exists():
            raise StoreError(t("store.missing", path=path))
        if path.is_dir():
            raise StoreError(t("store.not_a_db", path=path))
        _probe(path)
    try:
        db = connect(path)
        _migrate(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(_open_failure(path, error)) from None
    except WriteFailed as error:
        raise StoreError(_open_failure(path, error)) from None
    return db


def _probe(path: Path, *, recovered: bool = False) -> None:
    """Refuse a file that is not ours, or is from a newer schema, without writing to it.

    The one write: a file that holds a write cut off (a bulk import killed before its
    commit, with a rollback journal: :func:`pitchroom.store.bulk.rollback_journal`)
    cannot be read until its journal is played back, which puts the file back as it
    was committed; any connection that may write does that first, as SQLite always
    does, so it is done here and the file looked at again."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StoreError(_open_failure(path, error)) from None
    try:
        try:  # a WAL file in a folder that cannot be written cannot even be read
            conn.execute("select count(*) from sqlite_master").fetchone()
        except sqlite3.OperationalError as error:
            name = getattr(error, "sqlite_errorname", "")
            if name == "SQLITE_READONLY_ROLLBACK" and not recovered and _play_back(path):
                conn.close()
                _probe(path, recovered=True)
                return
            if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
                raise StoreError(_open_failure(path, error)) from None
        probe = Database(conn)
        if not is_pitchroom_db(probe):
            raise StoreError(t("store.not_a_db", path=path))
        known = list(MIGRATIONS)
        applied = applied_migrations(probe)
        if set(applied) - set(known):
            raise StoreError(
                t("store.newer_schema", path=path, found=len(applied), known=len(known))
            )
    except sqlite3.DatabaseError as error:
        raise StoreError(_open_failure(path, error)) from None
    finally:
        conn.close()


def _play_back(path: Path) -> bool:
    """Play back the hot journal beside ``path`` (SQLite does it on a connection's
    first read when it may write); False when it cannot be (a read-only file)."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return True


def _open_failure(path: Path, error: Exception) -> str:
    """The true reason a database could not be opened, for the message."""
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return t("store.folder_readonly", path=path, folder=folder, name=path.name)
    text = str(error).lower()
    if "readonly" in text or "read-only" in text or not os.access(path, os.W_OK):
        return t("store.open_readonly", path=path, error=error)
    if "unable to open" in text or "disk i/o" in text:
        return t("store.open_io", path=path, error=error)
    if "disk is full" in text:
        return t("store.open_full", path=path, error=error)
    return t("store.damaged", path=path, error=error)


def _migrate(db: Database) -> None:
    if not set(MIGRATIONS) - set(applied_migrations(db)):
        return  # the usual case: nothing to do, and sqlite-utils not needed
    from pitchroom.store.migrations import migrations

    # Two processes opening an old file at once: take the write lock first and
    # look again, so each migration runs exactly once.
    with write_transaction(db):
        migrations.ensure_migrations_table(db.utils)
        for migration in migrations.pending(db.utils):
            migration.fn(db.utils)
            db.execute(
                "insert into _sqlite_migrations (migration_set, name, applied_at) "
                "values (?, ?, strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'))",
                [MIGRATION_SET, migration.name],
            )


def schema_version(db: Database) -> int:
    return len(applied_migrations(db))


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, retried while another writer holds the lock.

    The body must be safe to run again after a failed ``BEGIN`` (it has not
    started yet then). Nested use joins the outer transaction.
    """
    if db.conn.in_transaction:
        yield db
        return
    try:
        _retry(lambda: db.conn.execute("BEGIN IMMEDIATE"))
    except sqlite3.Error as error:
        raise write_failure(error) or error from error
    with _rolled_back(db):
        yield db
    with _rolled_back(db):
        _retry(lambda: db.conn.execute("COMMIT"))


@contextlib.contextmanager
def _rolled_back(db: Database) -> Iterator[None]:
    """Roll the open transaction back on any failure inside; an SQLite error is
    raised as the :class:`WriteFailed` that says why, when the machine caused it."""
    try:
        yield
    except sqlite3.Error as error:
        _rollback(db)
        raise write_failure(error) or error from error
    except BaseException:
        _rollback(db)
        raise


def sidecars(path: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it."""
    return [
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    ]


def _rollback(db: Database) -> None:
    """Roll back what is open; a failing disk may refuse that too (nothing to add)."""
    with contextlib.suppress(sqlite3.Error):
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
