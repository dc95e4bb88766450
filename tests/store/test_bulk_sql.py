"""How the bulk score write gets its rows into SQLite (``pitchroom.store.bulk``): the
fixed fields written into the statement as literals (bound when they cannot be), the
events' indexes made again after a large insert, and the foreign keys checked once per
key instead of per row. Each must leave what the plain loop leaves
(tests/store/test_bulk.py compares the tables the same way)."""

from __future__ import annotations

import sqlite3
from fractions import Fraction
from pathlib import Path

import pytest

from pitchroom.domain.models import Session
from pitchroom.store import Store
from tests.conftest import FrozenClock, small_session
from tests.store.test_bulk import FIRST, Row, straightforward, tables

F = Fraction
CELLS = [
    (p, j, c)
    for p in ("leesplank", "waterwijs", "kompas")
    for j in ("anna", "bram", "chris")
    for c in ("feasibility", "impact")
    if (p, j) != ("kompas", "chris")  # chris's declared conflict
]
EVERY_CELL: list[Row] = [(*cell, F(n % 10 + 1)) for n, cell in enumerate(CELLS)]


def _pair(tmp_path: Path) -> tuple[Path, Path, FrozenClock]:
    clock = FrozenClock()
    paths = []
    for name in ("bulk", "plain"):
        path = tmp_path / f"{name}.db"
        session = small_session(scale={"min": 1, "max": 10, "step": "0.25"})
        Store.create(path, session, actor="test", clock=clock).close()
        paths.append(path)
    return paths[0], paths[1], clock


def _schema(path: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "select type, name, sql from sqlite_master where sql is not null order by name"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("actor", "reason"),
    [
        ("O'Brien", "it's late; drop table events; --"),  # quotes in a literal
        ("nul\x00actor", "a reason with a nul \x00 in it"),  # cannot be literals: bound
        ("cli", None),
    ],
)
def test_fixed_fields_are_stored_as_the_plain_loop_stores_them(
    tmp_path: Path, actor: str, reason: str | None
) -> None:
    bulk, plain, clock = _pair(tmp_path)
    for rows in (FIRST, [("leesplank", "anna", "impact", F(4)), *EVERY_CELL[:3]]):
        clock.advance(60)
        store = Store.open(bulk, clock=clock)
        try:
            store.set_scores(rows, actor=actor, reason=reason)
            assert store.verify().ok
        finally:
            store.close()
        now = clock().isoformat(timespec="microseconds")
        straightforward(plain, rows, actor=actor, reason=reason, action="score.imported", now=now)
    assert tables(bulk) == tables(plain)


def test_the_events_index_is_made_again_after_a_large_insert_and_used(tmp_path: Path) -> None:
    bulk, plain, clock = _pair(tmp_path)
    schema = _schema(bulk)
    store = Store.open(bulk, clock=clock)
    try:
        assert store.head()[0] < len(EVERY_CELL)  # more new events than there were
        store.set_scores(EVERY_CELL, actor="cli")
        assert store.verify().ok
    finally:
        store.close()
    straightforward(
        plain,
        EVERY_CELL,
        actor="cli",
        reason=None,
        action="score.imported",
        now=clock().isoformat(timespec="microseconds"),
    )
    assert tables(bulk) == tables(plain)
    assert _schema(bulk) == schema  # the same indexes, from the same definitions
    con = sqlite3.connect(bulk)
    try:
        assert con.execute("pragma integrity_check").fetchall() == [("ok",)]
        plan = con.execute("explain query plan select * from events where pitch = 'kompas'")
        assert "USING INDEX events_pitch" in " ".join(str(row[3]) for row in plan)
        found = con.execute("select count(*) from events where pitch = 'kompas'").fetchone()
        everyone = con.execute(
            "select count(*) from events not indexed where pitch = 'kompas'"
        ).fetchone()
        assert found == everyone and found[0] > 4  # its 4 scores, and what came before
    finally:
        con.close()


def _foreign_keys(store: Store) -> int:
    return int(store.db.execute("pragma foreign_keys").fetchone()[0])


@pytest.mark.parametrize("existing", [False, True])
def test_a_score_without_its_parent_row_is_refused_as_sqlite_refuses_it(
    tmp_path: Path, existing: bool
) -> None:
    """The session definition still names juror bram, but the jurors table lost him:
    only the foreign key can see it, and the whole write is refused as before."""
    path = tmp_path / "s.db"
    Store.create(path, small_session(), actor="test").close()
    if existing:  # the general path (a score saved before), not the first import's
        store = Store.open(path)
        store.set_scores([("kompas", "anna", "impact", F(3))], actor="cli")
        store.close()
    con = sqlite3.connect(path)
    with con:
        con.execute("delete from jurors where key = 'bram'")  # foreign keys off here
    con.close()
    store = Store.open(path)
    try:
        head, scores = store.head(), store.scores()
        rows = [("leesplank", "anna", "impact", F(5)), ("leesplank", "bram", "impact", F(5))]
        with pytest.raises(sqlite3.IntegrityError, match="^FOREIGN KEY constraint failed$"):
            store.set_scores(rows, actor="cli")
        assert store.head() == head and store.scores() == scores
        assert _foreign_keys(store) == 1  # back on for every other write
        store.set_scores(rows[:1], actor="cli")
        assert _foreign_keys(store) == 1
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            store.db.execute(  # the connection's own check is really on again
                "insert into scores values ('leesplank', 'bram', 'impact', 5, 'now', 'x')"
            )
    finally:
        store.close()


def _grid_session(pitches: int, jurors: int, criteria: int) -> Session:
    return Session.model_validate(
        {
            "session": {"title": "Grid"},
            "criteria": [{"key": f"c{i}", "name": f"C{i}"} for i in range(criteria)],
            "jurors": [{"key": f"j{i}", "name": f"J{i}"} for i in range(jurors)],
            "pitches": [{"key": f"p{i}", "title": f"P{i}"} for i in range(pitches)],
        }
    )


def test_many_rows_go_in_statements_of_many_rows_as_the_plain_loop_writes_them(
    tmp_path: Path,
) -> None:
    """250 cells: two full statements of 100 rows and one of 50, on the first import's
    path and on the changes' (upsert, a cell given twice inside one statement, a closed
    pitch revised)."""
    clock = FrozenClock()
    session = _grid_session(10, 5, 5)
    cells = [(f"p{p}", f"j{j}", f"c{c}") for p in range(10) for j in range(5) for c in range(5)]
    first = [(*cell, F(n % 10 + 1)) for n, cell in enumerate(cells)]
    second = [(*cell, F((n * 7) % 10 + 1)) for n, cell in enumerate(cells)]
    second[120:120] = [(*cells[3], F(2)), (*cells[3], F(9))]  # a cell thrice, one statement
    paths = [tmp_path / "bulk.db", tmp_path / "plain.db"]
    for path in paths:
        Store.create(path, session, actor="test", clock=clock).close()
        store = Store.open(path, clock=clock)
        store.set_closed("p4", True, actor="chair")
        store.close()
    for rows in (first, second):
        clock.advance(60)
        store = Store.open(paths[0], clock=clock)
        try:
            store.set_scores(rows, actor="cli", reason="forms")
            assert store.verify().ok
        finally:
            store.close()
        now = clock().isoformat(timespec="microseconds")
        straightforward(
            paths[1], rows, actor="cli", reason="forms", action="score.imported", now=now
        )
    bulk, plain = tables(paths[0]), tables(paths[1])
    assert bulk == plain
    assert len(bulk[0]) == 250 and len(bulk[1]) == 2 + 250 + 200 + 1  # 50 unchanged
    assert {e[3] for e in bulk[1] if e[5] == "p4" and e[4] == "score"} == {"score.revised"}
