"""Several processes writing one file, and a writer killed with SIGKILL."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pitchroom.domain.models import Session
from pitchroom.store import Store

WRITER = Path(__file__).with_name("writer.py")
REPO = Path(__file__).resolve().parents[2]


def big_session() -> Session:
    return Session.model_validate(
        {
            "session": {"title": "Load"},
            "criteria": [{"key": f"c{i}", "name": f"C{i}"} for i in range(4)],
            "jurors": [{"key": f"j{i}", "name": f"J{i}"} for i in range(8)],
            "pitches": [{"key": f"p{i}", "title": f"P{i}"} for i in range(25)],
        }
    )


@pytest.fixture
def big_db(tmp_path: Path) -> Path:
    path = tmp_path / "load.db"
    Store.create(path, big_session(), actor="test").close()
    return path


def _spawn(db: Path, index: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(index), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def test_four_processes_write_at_once_without_errors(big_db: Path) -> None:
    writers = [_spawn(big_db, i, 300) for i in range(4)]
    acknowledged: dict[tuple[str, str, str], int] = {}
    for w in writers:
        out, err = w.communicate(timeout=240)
        assert w.returncode == 0, err
        assert "locked" not in err
        lines = out.splitlines()
        assert len(lines) == 300
        for line in lines:
            _, p, j, c, v = line.split()
            acknowledged[(p, j, c)] = int(v)
    store = Store.open(big_db)
    scores = store.scores()
    assert {k: int(v) for k, v in scores.items()} == acknowledged
    assert store.verify().ok
    assert store.head()[0] == 1 + 4 * 300
    store.close()


def test_sigkill_mid_run_loses_nothing_acknowledged(big_db: Path) -> None:
    writer = _spawn(big_db, 0, 100_000)
    acknowledged: dict[tuple[str, str, str], int] = {}
    assert writer.stdout is not None
    for line in writer.stdout:
        _, p, j, c, v = line.split()
        acknowledged[(p, j, c)] = int(v)
        if len(acknowledged) >= 60:  # fewer than the 100 cells: each written once
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    conn = sqlite3.connect(big_db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = Store.open(big_db)
    scores = store.scores()
    for key, value in acknowledged.items():
        assert scores[key] == value
    assert store.verify().ok
    store.close()
