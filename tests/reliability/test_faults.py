"""Faults under a running store and chair screen: the app keeps running, says
plainly that this was not saved and why, keeps the typed value, and notices files
removed or replaced under it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from pitchroom.store import Store, WriteFailed
from pitchroom.store import db as dbmod
from pitchroom.ui.app import PitchroomApp
from pitchroom.ui.widgets.score_grid import ScoreGrid
from tests.reliability.faults import fail_writes
from tests.ui.conftest import notes

FAULTS = {
    "disk full": ("database or disk is full", "full"),
    "read-only file": ("attempt to write a readonly database", "cannot be written"),
    "I/O error": ("disk I/O error", "disk reported an error"),
}


@pytest.mark.parametrize("fail_on", ["begin immediate", "insert", "commit"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failed_write_is_not_saved_and_says_why(store: Store, fault: str, fail_on: str) -> None:
    message, why = FAULTS[fault]
    wrapper = fail_writes(store, message, fail_on)
    with pytest.raises(WriteFailed) as caught:
        store.set_score("leesplank", "anna", "impact", 7, actor="test")
    assert caught.value.message.startswith("not saved: ")
    assert why in caught.value.message
    wrapper.failing = False
    assert store.scores() == {}  # nothing half-written
    assert not store.db.conn.in_transaction
    store.set_score("leesplank", "anna", "impact", 7, actor="test")  # the retry works
    assert store.verify().ok


def test_a_programming_error_is_not_dressed_up_as_a_fault(store: Store) -> None:
    fail = fail_writes(store, "no such table: nowhere", "insert")
    with pytest.raises(sqlite3.OperationalError):
        store.set_score("leesplank", "anna", "impact", 7, actor="test")
    fail.failing = False


async def test_the_chair_keeps_running_and_keeps_the_typed_value(
    app: PitchroomApp, ui_db: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        wrapper = fail_writes(app.store, "database or disk is full")
        await pilot.press("7", "enter")
        await pilot.pause()
        grid = app.screen.query_one(ScoreGrid)
        assert grid.buffer == "7"  # kept for a retry
        said = " ".join(notes(app))
        assert "not saved" in said and "full" in said and "press enter to try again" in said
        wrapper.failing = False
        await pilot.press("enter")
        await pilot.pause()
        assert grid.buffer == ""
        assert app.is_running
    with _opened(ui_db) as store:
        assert list(store.scores().values()) == [7]


class _opened:
    def __init__(self, path: Path) -> None:
        self.store = Store.open(path)

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def test_the_wal_removed_under_a_running_store_is_refused(db_path: Path) -> None:
    store = Store.open(db_path)
    store.set_score("leesplank", "anna", "impact", 6, actor="test")
    os.remove(f"{db_path}-wal")
    assert store.file_problem() is not None
    with pytest.raises(WriteFailed) as caught:
        store.set_score("leesplank", "anna", "impact", 8, actor="test")
    assert "session.db-wal" in caught.value.message and "not saved" in caught.value.message
    store.checkpoint()  # a clean quit folds what was saved into the file
    store.close()
    with _opened(db_path) as again:
        assert list(again.scores().values()) == [6]
        assert again.verify().ok


def test_the_database_replaced_under_a_running_store_is_refused(
    db_path: Path, tmp_path: Path
) -> None:
    store = Store.open(db_path)
    other = tmp_path / "other.db"
    shutil.copy(db_path, other)
    os.replace(other, db_path)
    with pytest.raises(WriteFailed) as caught:
        store.set_score("leesplank", "anna", "impact", 8, actor="test")
    assert "replaced" in caught.value.message
    store.close()


def test_the_database_removed_under_a_running_store_is_refused(db_path: Path) -> None:
    store = Store.open(db_path)
    os.remove(db_path)
    with pytest.raises(WriteFailed) as caught:
        store.set_score("leesplank", "anna", "impact", 8, actor="test")
    assert "removed" in caught.value.message
    store.close()


async def test_the_chair_says_when_its_files_were_replaced(app: PitchroomApp, ui_db: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "enter")
        await pilot.pause()
        os.remove(f"{ui_db}-wal")
        app.poll_store()
        await pilot.pause()
        assert any("-wal" in note for note in notes(app))
        await pilot.press("6", "enter")
        await pilot.pause()
        assert app.screen.query_one(ScoreGrid).buffer == "6"
        assert app.is_running


def test_a_backup_that_fails_leaves_nothing_behind(store: Store, tmp_path: Path) -> None:
    from pitchroom.store import StoreError

    fail_writes(store, "database or disk is full", "backup")
    target = tmp_path / "copy.db"
    with pytest.raises(StoreError) as caught:
        store.backup(target)
    assert "nothing was left behind" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert not target.exists()


def test_a_read_only_folder_is_named_as_such(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.access
    folder = db_path.resolve().parent
    monkeypatch.setattr(
        dbmod.os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode)
    )
    message = dbmod._open_failure(db_path, sqlite3.OperationalError("unable to open database file"))
    assert "cannot be written" in message and str(folder) in message
    assert "restore" not in message.lower() and "backup" not in message.lower()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_really(db_path: Path) -> None:
    from pitchroom.store import StoreError

    Store.open(db_path).close()  # the WAL is folded in and the -wal/-shm are gone
    for side in ("-wal", "-shm"):
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    db_path.parent.chmod(0o555)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(db_path).set_score("leesplank", "anna", "impact", 7, actor="t")
        assert "cannot be written" in str(caught.value)
    finally:
        db_path.parent.chmod(0o755)
