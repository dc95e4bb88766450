"""The score read's selects run early in a thread (store/blocksql.py's EarlyRead).

``ranking`` starts them before the engine is imported; what they fetched must give
the read exactly what it reads itself, be taken only for the grades it was made for,
and never where the read needs a coded join in its own snapshot.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given

from pitchroom.domain.models import Session
from pitchroom.store import Store, StoreError
from pitchroom.store.blocksql import EarlyRead
from pitchroom.store.ranking import ranking_report
from pitchroom.store.scorearrays import read_score_arrays
from tests.store.test_score_blocks import SETTINGS, _keys, _stored, sessions


def _read(store: Store, grades: list[float], early: object = None) -> object:
    pitches, jurors, criteria, _ = _keys(store.session)
    try:
        got = read_score_arrays(store, pitches, jurors, criteria, grades, early=early)  # type: ignore[arg-type]
    except StoreError as error:
        return str(error)
    return got.index.tolist(), got.as_dict()


@SETTINGS
@given(sessions())
def test_the_early_selects_give_the_read_what_it_reads_itself(
    made: tuple[Session, dict[str, object]],
) -> None:
    session, extra = made
    with tempfile.TemporaryDirectory() as folder:
        store = _stored(Path(folder) / "s.db", session, extra)
        try:
            grades = _keys(session)[3]
            early = EarlyRead(store.path, grades).result()
            assert _read(store, grades, early) == _read(store, grades)
        finally:
            store.close()


def _session(gap: bool) -> tuple[Session, dict[str, object]]:
    session = Session.model_validate(
        {
            "session": {"title": "T", "budget": 1000, "scale": {"min": 1, "max": 5, "step": 1}},
            "criteria": [{"key": k, "name": k} for k in ("a", "b")],
            "jurors": [{"key": k, "name": k} for k in ("j1", "j2")],
            "pitches": [{"key": k, "title": k, "requested": 10} for k in ("p1", "p2")],
        }
    )
    rows = [
        (p, j, c, 3.0)
        for p in ("p1", "p2")
        for j in ("j1", "j2")
        for c in ("a", "b")
        if not (gap and (p, j, c) == ("p2", "j2", "b"))
    ]
    return session, {"rows": rows, "recused": []}


@pytest.mark.parametrize("gap", [False, True])
def test_a_coded_join_reads_everything_in_its_own_snapshot(tmp_path: Path, gap: bool) -> None:
    """Fetched early, then a score changed: with every pitch complete the early
    snapshot is what is read (it is taken); with a gap (p2 partly scored, so the
    coded join runs) everything is read again, the change included."""
    store = _stored(tmp_path / "s.db", *_session(gap))
    try:
        grades = _keys(store.session)[3]
        early = EarlyRead(store.path, grades).result()
        store.set_score("p1", "j1", "a", 5, actor="test")
        pitches, jurors, criteria, _ = _keys(store.session)
        got = read_score_arrays(store, pitches, jurors, criteria, grades, early=early)
        assert got.as_dict()[("p1", "j1", "a")] == (5 if gap else 3)
        # grades other than the early read's: not taken (read now, the change included)
        other = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
        assert _read(store, other, early) == _read(store, other)
        assert (_read(store, other, early) == _read(store, grades, early)) is gap
    finally:
        store.close()


def test_an_unreadable_file_is_left_to_the_read(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    switch = sys.getswitchinterval()
    bad = tmp_path / "not.db"
    bad.write_text("not a database", encoding="utf-8")
    for path in (bad, tmp_path / "missing.db"):
        assert EarlyRead(path, [1.0, 2.0]).result() is None
        assert sys.getswitchinterval() == switch
    assert capfd.readouterr() == ("", "")  # no traceback from the thread
    assert not (tmp_path / "missing.db").exists()  # read-only: nothing made


def test_the_report_is_the_same_with_the_early_read(tmp_path: Path) -> None:
    session, extra = _session(gap=False)
    store = _stored(tmp_path / "s.db", session, extra)
    try:
        early = EarlyRead(store.path, _keys(session)[3])
        assert ranking_report(store, extras=True, early=early) == ranking_report(store, extras=True)
    finally:
        store.close()
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("select count(*) from scores").fetchone() == (8,)
    conn.close()
