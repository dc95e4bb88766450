"""The early read in ranges of pitches (store/blocksql.py's EarlyRead and fetch).

The thread reads one range after another; the main thread, once it asks for the
result, takes the ranges left from the other end on a connection of its own. The
ranges must hold every score once, their answers must be joined only when they saw
the same record (the same last audit event), and the one select per pitch must
tell a complete pitch exactly, however its keys are spelled.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pitchroom.domain.models import Session
from pitchroom.store import Store, StoreError, blocksql, scoreblocks
from pitchroom.store.blocksql import EarlyRead, Fetched, fetch, joined, parts
from pitchroom.store.scorearrays import read_score_arrays
from tests.store.test_score_blocks import SETTINGS, _keys, _stored, sessions

ODD_PITCHES = ["", "0", "zzz", "p", "~", "a,b", "\u00e9t\u00e9"]
"""Pitch keys no session has, scored by hand: every range must still see them once."""


def _whole(path: Path, grades: list[float]) -> Fetched | None:
    """The one select over every pitch, in one transaction."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("begin")
        return fetch(conn.execute, grades)
    finally:
        conn.close()


def _read(store: Store, early: Fetched | None = None) -> object:
    """The scores read (their indices, and by key), or the refusal of a damaged one."""
    pitches, jurors, criteria, grades = _keys(store.session)
    try:
        got = read_score_arrays(store, pitches, jurors, criteria, grades, early=early)
    except StoreError as error:
        return str(error)
    return sorted(got.index.tolist()), got.as_dict()


def _general(store: Store) -> object:
    """The coded join over everything (no block read)."""
    real = scoreblocks.read_blocks
    from pitchroom.store import scorearrays

    scorearrays.read_blocks = lambda *a: None  # type: ignore[assignment]
    try:
        return _read(store)
    finally:
        scorearrays.read_blocks = real


@given(st.lists(st.text(max_size=4), max_size=60, unique=True), st.integers(1, 20))
def test_the_ranges_hold_every_key_once(keys: list[str], count: int) -> None:
    """In SQLite's own comparison: the keys, and values of other types and keys
    between them, each fall in exactly one range."""
    keys = sorted(keys, key=lambda k: k.encode("utf-8"))  # SQLite's order of text
    ranges = parts(keys, count)
    assert len(ranges) <= count
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (v)")
    probes: list[object] = [*keys, *(k + "x" for k in keys), 5, 2.5, b"\x00", b"zz", ""]
    conn.executemany("insert into t values (?)", [(p,) for p in probes])
    seen = [0] * len(probes)
    for low, high in ranges:
        where = " and ".join(
            w for w, b in (("v >= :low", low), ("v < :high", high)) if b is not None
        )
        sql = "select rowid from t" + (" where " + where if where else "")
        for (rowid,) in conn.execute(sql, {"low": low, "high": high}):
            seen[rowid - 1] += 1
    assert seen == [1] * len(probes)


def _with_odd_pitches(store: Store, rng: random.Random) -> None:
    """Scores on pitch keys no table has (foreign keys off by hand)."""
    ours = {k for (k,) in store.db.execute("select key from pitches")}
    jurors = [k for (k,) in store.db.execute("select key from jurors")]
    crit = [k for (k,) in store.db.execute("select key from criteria")]
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("pragma foreign_keys = off")
        conn.executemany(
            "insert into scores values (?, ?, ?, ?, '2026-01-01T00:00:00+00:00', 't')",
            [
                (p, j, c, float(rng.randint(1, 3)))
                for p in rng.sample([p for p in ODD_PITCHES if p not in ours], 3)
                for j in jurors
                for c in crit
            ],
        )
    conn.close()


@SETTINGS
@given(sessions(), st.integers(0, 2**32))
def test_the_ranges_joined_are_the_whole_select(
    made: tuple[Session, dict[str, object]], seed: int
) -> None:
    session, extra = made
    with tempfile.TemporaryDirectory() as folder:
        store = _stored(Path(folder) / "s.db", session, extra)
        try:
            _with_odd_pitches(store, random.Random(seed))
            grades = _keys(session)[3]
            early = EarlyRead(store.path, grades).result()
            whole = _whole(store.path, grades)
            assert early == whole
            assert _read(store, early) == _read(store) == _general(store)
        finally:
            store.close()


def _generated(folder: Path, *, gaps: bool, grades: int = 2) -> Store:
    """Eleven pitches, four jurors, three criteria on a coarse scale (ties
    everywhere); with ``gaps``: a recusal, a missing score, a late juror."""
    session = Session.model_validate(
        {
            "session": {
                "title": "T",
                "budget": 10_000,
                "scale": {"min": 1, "max": grades, "step": 1},
            },
            "criteria": [{"key": k, "name": k} for k in ("q", "a-1", "b")],
            "jurors": [{"key": k, "name": k} for k in ("j10", "j2", "j1", "x")],
            "pitches": [{"key": f"p{i}", "title": f"P{i}", "requested": 10} for i in range(11)],
        }
    )
    rng = random.Random(11)
    rows = [
        (p.key, j.key, c.key, float(rng.randint(1, grades)))
        for p in session.pitches
        for j in session.jurors
        for c in session.criteria
        if not (gaps and (p.key, j.key) == ("p3", "j2"))
        and not (gaps and (p.key, j.key, c.key) == ("p7", "x", "b"))
        and not (gaps and j.key == "j1" and p.key in ("p0", "p1"))
    ]
    rng.shuffle(rows)
    recused = [("p3", "j2")] if gaps else []
    return _stored(folder / "s.db", session, {"rows": rows, "recused": recused})


@contextmanager
def _main_takes_over() -> Iterator[dict[str, list[Any]]]:
    """The thread's first range waits until the main thread has fetched one; which
    thread fetched which range is recorded."""
    real = blocksql.fetch
    helped = threading.Event()
    began = threading.Event()
    taken: dict[str, list[Any]] = {"thread": [], "main": [], "began": [began]}

    def slow(execute: Any, grades: Any, part: Any, *rest: Any, **named: Any) -> Any:
        if threading.current_thread() is threading.main_thread():
            got = real(execute, grades, part, *rest, **named)
            taken["main"].append(part)
            helped.set()
            return got
        began.set()
        helped.wait(10)
        taken["thread"].append(part)
        return real(execute, grades, part, *rest, **named)

    blocksql.fetch = slow  # type: ignore[assignment]
    try:
        yield taken
    finally:
        blocksql.fetch = real  # type: ignore[assignment]


@pytest.mark.parametrize("gaps", [False, True])
def test_the_main_thread_takes_the_ranges_left(tmp_path: Path, gaps: bool) -> None:
    store = _generated(tmp_path, gaps=gaps)
    try:
        grades = _keys(store.session)[3]
        with _main_takes_over() as taken:
            reading = EarlyRead(store.path, grades)
            assert taken["began"][0].wait(10)
            early = reading.result()
        assert taken["main"] and taken["thread"]
        assert not set(taken["main"]) & set(taken["thread"])
        assert early == _whole(store.path, grades)
        assert _read(store, early) == _read(store) == _general(store)
    finally:
        store.close()


@pytest.mark.parametrize("gaps", [False, True])
def test_ranges_of_two_records_are_not_joined(tmp_path: Path, gaps: bool) -> None:
    """A score saved after the thread began its transaction and before the main
    thread began its own: the ranges saw two records, so nothing is taken, and the
    read sees the change."""
    store = _generated(tmp_path, gaps=gaps)
    try:
        grades = _keys(store.session)[3]
        (now,) = store.db.execute(
            "select value from scores where pitch = 'p9' and juror = 'j10' and criterion = 'q'"
        ).fetchone()
        with _main_takes_over() as taken:
            reading = EarlyRead(store.path, grades)
            assert taken["began"][0].wait(10)
            store.set_score("p9", "j10", "q", 3 - int(now), actor="test")
            early = reading.result()
        assert taken["main"] and taken["thread"]
        assert early is None
        got = _read(store, early)
        assert got == _general(store)
        assert isinstance(got, tuple) and got[1][("p9", "j10", "q")] == 3 - int(now)
    finally:
        store.close()


def test_a_gap_is_read_in_a_record_that_ends_at_the_same_event(tmp_path: Path) -> None:
    """With a recusal, a missing score and a late juror, the early ranges are taken
    with the coded join of the incomplete pitches when the read's own transaction
    ends at the same audit event (no second select over every pitch)."""
    store = _generated(tmp_path, gaps=True)
    try:
        grades = _keys(store.session)[3]
        early = EarlyRead(store.path, grades).result()
        assert early is not None
        assert {p for p, same, _ in early.blocks if same != 1} == {"p0", "p1", "p3", "p7"}
        calls: list[object] = []
        real = scoreblocks.fetch
        scoreblocks.fetch = lambda *a: calls.append(a) or real(*a)  # type: ignore[assignment,func-returns-value]
        try:
            got = _read(store, early)
        finally:
            scoreblocks.fetch = real  # type: ignore[assignment]
        assert calls == []
        assert got == _read(store) == _general(store)
    finally:
        store.close()


def test_joined_needs_one_record() -> None:
    one = Fetched(["j"], ["c"], (1.0,), [("p1", 1, "0")], (3, "h"))
    other = Fetched(["j"], ["c"], (1.0,), [("p2", 1, "0")], (3, "h"))
    assert joined([one, other]) == Fetched(
        ["j"], ["c"], (1.0,), [("p1", 1, "0"), ("p2", 1, "0")], (3, "h")
    )
    later = Fetched(["j"], ["c"], (1.0,), [("p2", 1, "0")], (4, "i"))
    assert joined([one, later]) is None
    assert joined([one, Fetched(["j", "k"], ["c"], (1.0,), [], (3, "h"))]) is None
    assert joined([one, None]) is None
    no_event = Fetched(["j"], ["c"], (1.0,), [], None)
    assert joined([no_event, no_event]) is None  # nothing tells the records apart
    assert joined([no_event]) == no_event


@pytest.mark.parametrize(
    "rows",
    [
        # a juror key with the separator in it, as many scores as the grid
        [("p1", "a,b", "x"), ("p1", "c", "x")],
        [("p1", "a", "x"), ("p1", "a", "x,a")],
        # the right jurors, a criterion twice and one missing
        [("p1", "a", "x"), ("p1", "b", "y")],
        # keys the tables do not have, in the grid's place
        [("p1", "a", "x"), ("p1", "b,", "x")],
        [("p1", "a", "x"), ("p1", "bb", "x")],
    ],
)
def test_a_pitch_is_complete_only_with_the_grids_keys(
    tmp_path: Path, rows: list[tuple[str, str, str]]
) -> None:
    """Tables of jurors a, b and criteria x (one criterion): a pitch of two scores
    is complete only with (a, x) and (b, x); p2 is."""
    session = Session.model_validate(
        {
            "session": {"title": "T", "budget": 1000, "scale": {"min": 1, "max": 3, "step": 1}},
            "criteria": [{"key": "x", "name": "x"}],
            "jurors": [{"key": k, "name": k} for k in ("a", "b")],
            "pitches": [{"key": k, "title": k, "requested": 10} for k in ("p1", "p2")],
        }
    )
    store = _stored(tmp_path / "s.db", session, {"rows": [], "recused": []})
    try:
        conn = sqlite3.connect(store.path)
        with conn:
            conn.execute("pragma foreign_keys = off")
            conn.executemany(
                "insert into scores values (?, ?, ?, 2.0, '2026-01-01T00:00:00+00:00', 't')",
                [*rows, ("p2", "a", "x"), ("p2", "b", "x")],
            )
        conn.close()
        grades = _keys(store.session)[3]
        whole = _whole(store.path, grades)
        assert whole is not None
        assert [(p, same) for p, same, _ in whole.blocks] == [("p1", 0), ("p2", 1)]
        early = EarlyRead(store.path, grades).result()
        assert early == whole
        assert _read(store, early) == _read(store) == _general(store)
    finally:
        store.close()


def test_a_table_key_with_the_separator_is_read_by_the_join(tmp_path: Path) -> None:
    """A juror key holding a comma (written by hand: no session allows it) leaves the
    strings unable to tell the pairs: the coded join reads everything."""
    store = _generated(tmp_path, gaps=False)
    try:
        conn = sqlite3.connect(store.path)
        with conn:
            conn.execute("pragma foreign_keys = off")
            conn.execute("update jurors set key = 'x,y' where key = 'x'")
        conn.close()
        grades = _keys(store.session)[3]
        assert _whole(store.path, grades) is None
        assert EarlyRead(store.path, grades).result() is None
        assert _read(store) == _general(store)
    finally:
        store.close()
