"""The bulk score write's journal (``pitchroom.store.bulk.rollback_journal``): a
rollback journal for the write when no other connection has the database open, the
WAL as for every other write when one has, WAL mode again afterwards either way, and
a write cut off rolled back when the file is next opened."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from pitchroom.store import Store, bulk
from pitchroom.store.db import BUSY_TIMEOUT_MS
from tests.conftest import FrozenClock
from tests.store.test_bulk_sql import _grid_session

F = Fraction
ROWS = [
    (f"p{p}", f"j{j}", f"c{c}", F((p + j + c) % 10 + 1))
    for p in range(8)
    for j in range(5)
    for c in range(5)
]


def _store(tmp_path: Path) -> Store:
    path = tmp_path / "s.db"
    Store.create(path, _grid_session(8, 5, 5), actor="test", clock=FrozenClock()).close()
    return Store.open(path, clock=FrozenClock())


def _journal_during_write(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The journal mode the store's connection has while it writes the scores."""
    seen: list[str] = []
    write_scores = bulk.write_scores

    def spy(db: Any, *args: Any, **kwargs: Any) -> int:
        seen.append(db.execute("pragma journal_mode").fetchone()[0])
        return write_scores(db, *args, **kwargs)

    monkeypatch.setattr(bulk, "write_scores", spy)
    return seen


def _mode(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        mode: str = con.execute("pragma journal_mode").fetchone()[0]
        return mode
    finally:
        con.close()


def test_alone_on_the_file_the_bulk_write_has_a_rollback_journal_and_wal_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _journal_during_write(monkeypatch)
    store = _store(tmp_path)
    try:
        assert store.set_scores(ROWS, actor="cli") == len(ROWS)
        assert seen == ["delete"]
        assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("pragma busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
        # its own -wal removed and made again is not taken for someone else's doing
        assert store.file_problem() is None
        store.set_score("p0", "j0", "c0", 7, actor="chair")
        assert store.set_scores([("p1", "j1", "c1", F(9))], actor="cli") == 1
        assert store.file_problem() is None
        assert store.verify().ok
    finally:
        store.close()
    assert _mode(store.path) == "wal"
    assert not Path(f"{store.path}-journal").exists()


def test_with_another_connection_open_the_bulk_write_goes_through_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _journal_during_write(monkeypatch)
    store = _store(tmp_path)
    other = Store.open(store.path)  # a chair, a station: it keeps reading while we write
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        before = other.score_count()
        assert store.set_scores(ROWS, actor="cli") == len(ROWS)
        assert seen == ["wal"]
        # the switch is tried without waiting out the busy timeout, which is set back
        at = statements.index("pragma journal_mode = delete")
        assert statements[at - 1 : at + 2] == [
            "pragma busy_timeout = 0",
            "pragma journal_mode = delete",
            f"pragma busy_timeout = {BUSY_TIMEOUT_MS}",
        ]
        assert store.db.execute("pragma busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
        assert other.score_count() == before + len(ROWS)
        assert other.file_problem() is None and store.file_problem() is None
        other.set_score("p0", "j0", "c0", 3, actor="chair")
        assert store.verify().ok
    finally:
        other.close()
        store.close()


CUT_OFF = """
import os, sys
from fractions import Fraction
from pitchroom.store import Store, bulk
rows = [(f"p{p}", f"j{j}", f"c{c}", Fraction(1 + (p + j + c) % 10))
        for p in range(8) for j in range(5) for c in range(5)]
write_scores = bulk.write_scores
def cut_off(db, *args, **kwargs):
    write_scores(db, *args, **kwargs)
    assert db.execute("pragma journal_mode").fetchone()[0] == "delete"
    os._exit(9)  # power lost before the commit
bulk.write_scores = cut_off
store = Store.open(sys.argv[1])
store.db.execute("pragma cache_size = 2")  # pages spill into the file itself
store.set_scores(rows, actor="cli")
"""


def _hot(path: Path) -> bool:
    """Whether the file holds a write cut off: a read-only connection cannot read it."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        con.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.OperationalError as error:
        return getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK"
    finally:
        con.close()
    return False


def test_a_bulk_write_cut_off_before_its_commit_is_rolled_back_when_next_opened(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path)
    path, events = store.path, store.verify().events
    store.close()
    done = subprocess.run([sys.executable, "-c", CUT_OFF, str(path)], capture_output=True)
    assert done.returncode == 9, done.stderr.decode()
    assert _hot(path)  # the file holds half a write, its journal what was there before
    store = Store.open(path)  # as verify, ranking and open do
    try:
        assert store.score_count() == 0
        check = store.verify()
        assert check.ok and check.events == events
        assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert store.set_scores(ROWS, actor="cli") == len(ROWS)
    finally:
        store.close()
