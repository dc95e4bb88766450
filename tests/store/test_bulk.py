"""The bulk score write (``Store.set_scores``, behind ``pitchroom score --from``):
the rows and events it writes are the ones the straightforward loop writes (one
event per changed score, each hashed with :func:`audit.event_hash`), and the quick
column-wise check refuses exactly what the row-by-row check refuses."""

from __future__ import annotations

import sqlite3
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from pitchroom.store import BulkRuleError, Store
from pitchroom.store.audit import canonical, event_hash
from tests.conftest import FrozenClock, small_session

Row = tuple[str, str, str, Fraction]


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def straightforward(
    db: Path, rows: list[Row], *, actor: str, reason: str | None, action: str, now: str
) -> None:
    """What set_scores must write, the plain way: for each row that changes a score,
    the score row and one event hashed by audit.event_hash, chained to the last."""
    con = sqlite3.connect(db)
    with con:
        current = {
            (p, j, c): Fraction(repr(v))
            for p, j, c, v in con.execute("select pitch, juror, criterion, value from scores")
        }
        closed = {k for (k,) in con.execute("select key from pitches where closed")}
        last_id, last_hash = con.execute(
            "select id, hash from events order by id desc limit 1"
        ).fetchone()
        for pitch, juror, criterion, value in rows:
            old = current.get((pitch, juror, criterion))
            if old is not None and old == value:
                continue
            current[(pitch, juror, criterion)] = value
            con.execute(
                "insert into scores values (?, ?, ?, ?, ?, ?) on conflict do update set "
                "value = excluded.value, saved_at = excluded.saved_at, actor = excluded.actor",
                (pitch, juror, criterion, float(value), now, actor),
            )
            event: dict[str, Any] = {
                "id": last_id + 1,
                "at": now,
                "actor": actor,
                "action": "score.revised" if pitch in closed else action,
                "entity": "score",
                "pitch": pitch,
                "juror": juror,
                "criterion": criterion,
                "before": None if old is None else canonical({"value": _number(old)}),
                "after": canonical({"value": _number(value)}),
                "reason": reason,
                "prev_hash": last_hash,
            }
            event["hash"] = last_hash = event_hash(event)
            last_id += 1
            con.execute(
                f"insert into events ({', '.join(event)}) values ({', '.join('?' * len(event))})",
                list(event.values()),
            )
    con.close()


def tables(db: Path) -> tuple[list[Any], list[Any]]:
    con = sqlite3.connect(db)
    try:
        scores = con.execute("select * from scores order by pitch, juror, criterion").fetchall()
        events = con.execute("select * from events order by id").fetchall()
    finally:
        con.close()
    return scores, events


def both_ways(
    tmp_path: Path,
    batches: list[list[Row]],
    *,
    before: Any = None,
    reason: str | None = None,
    action: str = "score.imported",
) -> tuple[list[int], tuple[list[Any], list[Any]], tuple[list[Any], list[Any]]]:
    """The batches saved by set_scores in one database and by the plain loop in
    another, both from the same start (``before(store)`` run on each first)."""
    clock = FrozenClock()
    paths = []
    for name in ("bulk", "plain"):
        path = tmp_path / f"{name}.db"
        session = small_session(scale={"min": 1, "max": 10, "step": "0.25"})
        store = Store.create(path, session, actor="test", clock=clock)
        if before is not None:
            before(store)
        store.close()
        paths.append(path)
    bulk, plain = paths
    changed = []
    for batch in batches:
        clock.advance(60)
        store = Store.open(bulk, clock=clock)
        try:
            changed.append(store.set_scores(batch, actor="cli", reason=reason, action=action))
            assert store.verify().ok
        finally:
            store.close()
        straightforward(
            plain,
            batch,
            actor="cli",
            reason=reason,
            action=action,
            now=clock().isoformat(timespec="microseconds"),
        )
    return changed, tables(bulk), tables(plain)


F = Fraction
FIRST: list[Row] = [
    ("leesplank", "anna", "feasibility", F(8)),
    ("leesplank", "anna", "impact", F(15, 2)),
    ("leesplank", "bram", "feasibility", F(6)),
    ("waterwijs", "chris", "impact", F(3)),
    ("kompas", "anna", "impact", F(10)),
]


def test_a_first_import_writes_what_the_plain_loop_writes(tmp_path: Path) -> None:
    changed, bulk, plain = both_ways(tmp_path, [FIRST])
    assert changed == [5]
    assert bulk == plain
    assert [e[3] for e in bulk[1][-5:]] == ["score.imported"] * 5


def test_a_second_import_logs_only_changes_with_the_value_before(tmp_path: Path) -> None:
    second = [
        ("leesplank", "anna", "feasibility", F(8)),  # unchanged: no event
        ("leesplank", "anna", "impact", F(7)),  # changed: before 7.5
        ("kompas", "bram", "impact", F(4)),  # new
    ]
    changed, bulk, plain = both_ways(tmp_path, [FIRST, second, second])
    assert changed == [5, 2, 0]
    assert bulk == plain
    assert bulk[1][-2][8] == '{"value":7.5}'


def test_a_cell_given_twice_is_two_changes_in_order(tmp_path: Path) -> None:
    twice = [*FIRST, ("leesplank", "anna", "impact", F(6)), ("leesplank", "anna", "impact", F(6))]
    changed, bulk, plain = both_ways(tmp_path, [twice])
    assert changed == [6]
    assert bulk == plain
    assert len(bulk[0]) == 5


def test_a_closed_pitch_is_revised_with_the_reason(tmp_path: Path) -> None:
    def close(store: Store) -> None:
        store.set_closed("kompas", True, actor="chair")

    changed, bulk, plain = both_ways(tmp_path, [FIRST], before=close, reason="paper form late")
    assert changed == [5]
    assert bulk == plain
    assert {e[3] for e in bulk[1] if e[5] == "kompas" and e[4] == "score"} == {"score.revised"}


def test_a_reason_outside_ascii_is_hashed_as_text(tmp_path: Path) -> None:
    rows = [("leesplank", "bram", "feasibility", F(9, 4))]
    changed, bulk, plain = both_ways(tmp_path, [rows], reason="naïve café ✓", action="score.set")
    assert changed == [1]
    assert bulk == plain


def test_nothing_given_changes_nothing(store: Store) -> None:
    assert store.set_scores([], actor="cli") == 0
    assert not store.protocol_frozen()


GOOD: list[Row] = [
    ("kompas", "anna", "feasibility", F(8)),
    ("kompas", "bram", "impact", F(7)),
    ("kompas", "anna", "impact", F(5)),
]


@pytest.mark.parametrize(
    ("setup", "row", "field"),
    [
        (None, ("nowhere", "anna", "impact", F(5)), "pitch"),
        (None, ("leesplank", "olga", "impact", F(5)), "juror"),  # an observer
        (None, ("leesplank", "anna", "nothing", F(5)), "criterion"),
        (None, ("leesplank", "anna", "impact", F(11)), "value"),
        (None, ("kompas", "chris", "impact", F(5)), "juror"),  # a declared conflict
        ("absent", ("waterwijs", "bram", "impact", F(5)), "juror"),
        ("withdrawn", ("waterwijs", "anna", "impact", F(5)), "pitch"),
        ("closed", ("leesplank", "anna", "impact", F(5)), "reason"),
    ],
)
def test_one_refused_row_among_good_ones_is_named_and_nothing_is_written(
    store: Store, setup: str | None, row: Row, field: str
) -> None:
    if setup == "absent":
        store.set_absent("waterwijs", "bram", True, actor="chair")
    elif setup == "withdrawn":
        store.set_withdrawn("waterwijs", True, actor="chair", reason="gone")
    elif setup == "closed":
        store.set_closed("leesplank", True, actor="chair")
    head = store.head()
    rows = [*GOOD[:2], row, GOOD[2]]
    assert [(i, e.field) for i, e in store.check_scores(rows)] == [(2, field)]
    with pytest.raises(BulkRuleError) as caught:
        store.set_scores(rows, actor="cli")
    assert [(index, error.field) for index, error in caught.value.problems] == [(2, field)]
    assert store.scores() == {} and store.head() == head
    assert store.set_scores(GOOD, actor="cli") == 3  # the good ones alone pass
