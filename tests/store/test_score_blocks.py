"""The read in primary-key order (store/scoreblocks.py) against StoreBase.scores.

Generated sessions: keys of different lengths and characters (SQLite's order of them
is what the read relies on), scores inserted in a shuffled order, whole pitches
scored and pitches with gaps (a recusal, a late juror, a missing score), scores of
the chair and observers (not scoring: left out), and now and then a stored value
that is no grade's float or not a number at all.
"""

from __future__ import annotations

import dataclasses
import random
import sqlite3
import tempfile
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import METHODS, rank
from pitchroom.domain.consensus.inputs import RankingInput
from pitchroom.domain.models import Session
from pitchroom.store import Store, StoreError, scorearrays, scoreblocks
from pitchroom.store.numbers import as_fraction
from pitchroom.store.scorearrays import read_score_arrays
from pitchroom.store.snapshot import _grades, ranking_input

SLUG = "-0123456789_abcz"
SCALES = [(1, 10, "1"), (0, 1, "0.1"), ("0.5", 5, "0.25"), (1, 5, "1")]


def slugs(n: int) -> st.SearchStrategy[list[str]]:
    first = st.sampled_from("0189abz")
    key = st.builds(lambda a, b: a + b, first, st.text(SLUG, max_size=4))
    return st.lists(key, min_size=n, max_size=n, unique=True)


@st.composite
def sessions(draw: st.DrawFn) -> tuple[Session, dict[str, object]]:
    n, m, c = draw(st.integers(1, 6)), draw(st.integers(1, 5)), draw(st.integers(1, 4))
    pkeys, jkeys, ckeys = draw(slugs(n)), draw(slugs(m)), draw(slugs(c))
    roles = [draw(st.sampled_from(["juror", "juror", "juror", "chair", "observer"])) for _ in jkeys]
    if "juror" not in roles:
        roles[0] = "juror"
    low, high, step = draw(st.sampled_from(SCALES))
    session = Session.model_validate(
        {
            "session": {
                "title": "Generated",
                "budget": 1_000_000,
                "scale": {"min": low, "max": high, "step": step},
            },
            "criteria": [
                {"key": k, "name": f"C {k}", "weight": draw(st.integers(1, 3))} for k in ckeys
            ],
            "jurors": [
                {"key": k, "name": f"J {k}", "role": r} for k, r in zip(jkeys, roles, strict=True)
            ],
            "pitches": [{"key": k, "title": f"P {k}", "requested": 100_000} for k in pkeys],
        }
    )
    # Per pitch and juror: every criterion, none (a recusal or a late juror), or some.
    shape = {
        (p, j): draw(st.sampled_from(["all", "all", "all", "none", "some"]))
        for p in pkeys
        for j in jkeys
    }
    late = draw(st.sampled_from([None, *jkeys]))
    grades = int((Fraction(high) - Fraction(low)) / Fraction(step))
    rows: list[tuple[str, str, str, object]] = []
    for (p, j), kind in shape.items():
        if kind == "none" or (j == late and pkeys.index(p) < n // 2):
            continue
        for ck in ckeys:
            if kind == "some" and draw(st.booleans()):
                continue
            value: object = float(Fraction(low) + Fraction(step) * draw(st.integers(0, grades)))
            rows.append((p, j, ck, value))
    odd = draw(st.sampled_from([None, None, None, "half", "text"]))
    if rows and odd:
        i = draw(st.integers(0, len(rows) - 1))
        p, j, ck, value = rows[i]
        rows[i] = (p, j, ck, float(value) + float(Fraction(step)) / 2 if odd == "half" else "7x")
    draw(st.randoms()).shuffle(rows)
    recused = [(p, j) for (p, j), kind in shape.items() if kind == "none"]
    return session, {"rows": rows, "recused": recused}


def _stored(path: Path, session: Session, extra: dict[str, object]) -> Store:
    Store.create(path, session, actor="test").close()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "insert into scores (pitch, juror, criterion, value, saved_at, actor) "
            "values (?, ?, ?, ?, '2026-01-01T00:00:00+00:00', 'test')",
            extra["rows"],  # type: ignore[arg-type]
        )
        conn.executemany(
            "insert into recusals (pitch, juror, reason, saved_at, actor) "
            "values (?, ?, '', '2026-01-01T00:00:00+00:00', 'test')",
            extra["recused"],  # type: ignore[arg-type]
        )
    conn.close()
    return Store.open(path)


def _keys(session: Session) -> tuple[list[str], list[str], list[str], list[float]]:
    scale = session.session.scale
    return (
        [p.key for p in session.pitches],
        [j.key for j in session.scoring_jurors],
        [c.key for c in session.criteria],
        _grades(scale.min, scale.max, scale.step),
    )


def _check(store: Store) -> None:
    pitches, jurors, criteria, grades = _keys(store.session)
    scoring = set(jurors)
    raw = store.db.execute("select pitch, juror, criterion, value from scores").fetchall()
    if any(type(v) not in (int, float) for _, j, _, v in raw if j in scoring):
        with pytest.raises(StoreError):  # as StoreBase.scores says it
            read_score_arrays(store, pitches, jurors, criteria, grades)
        return
    try:
        everything = store.scores()
    except StoreError:  # a damaged value of a juror who does not score: left out
        everything = {(p, j, c): as_fraction(v) for p, j, c, v in raw if j in scoring}
    wanted = set(pitches), scoring, set(criteria)  # a key no table has is left out
    expected = {k: v for k, v in everything.items() if all(map(set.__contains__, wanted, k))}
    got = read_score_arrays(store, pitches, jurors, criteria, grades)
    assert got.as_dict() == expected
    assert len(got) == len(expected) == len(set(got.index.tolist()))
    inp = ranking_input(store)
    old = dataclasses.replace(inp, scores=expected)
    for method in METHODS:
        assert _outcome(inp, method) == _outcome(old, method), method


def _outcome(inp: RankingInput, method: str) -> object:
    """The ranking's JSON, or the refusal (a value off the scale) as text."""
    try:
        return rank(inp, method).to_json()
    except ValueError as error:
        return str(error)


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(sessions())
def test_the_block_read_gives_what_the_store_holds(made: tuple[Session, dict[str, object]]) -> None:
    session, extra = made
    with tempfile.TemporaryDirectory() as folder:
        store = _stored(Path(folder) / "s.db", session, extra)
        try:
            _check(store)
        finally:
            store.close()


@SETTINGS
@given(sessions())
def test_the_blocks_alone_agree_with_the_coded_join(
    made: tuple[Session, dict[str, object]],
) -> None:
    """The block read with its restricted join, compared pair for pair with the
    coded join over everything (whenever the block read takes the case)."""
    session, extra = made
    with tempfile.TemporaryDirectory() as folder:
        store = _stored(Path(folder) / "s.db", session, extra)
        try:
            pitches, jurors, criteria, grades = _keys(session)
            taken: list[object] = []
            real = scoreblocks.read_blocks

            def spy(*args: object) -> object:
                taken.append(result := real(*args))  # type: ignore[arg-type]
                return result

            def pairs(use_blocks: bool) -> dict[int, int] | None:
                scorearrays.read_blocks = spy if use_blocks else (lambda *a: None)  # type: ignore[assignment]
                try:
                    got = read_score_arrays(store, pitches, jurors, criteria, grades)
                except StoreError:
                    return None
                finally:
                    scorearrays.read_blocks = real
                return dict(zip(got.index.tolist(), got.as_dict().values(), strict=True))

            assert pairs(True) == pairs(False)
        finally:
            store.close()


def test_the_block_read_is_taken_and_checks_the_keys(tmp_path: Path) -> None:
    """A scored session goes the block way; a pitch whose count is right but which
    holds a key no table has (foreign keys off by hand) is read by the join."""
    session = Session.model_validate(
        {
            "session": {"title": "T", "budget": 1000, "scale": {"min": 1, "max": 5, "step": 1}},
            "criteria": [{"key": k, "name": k} for k in ("b", "a-1", "a")],
            "jurors": [{"key": k, "name": k} for k in ("j10", "j2", "j1", "x")],
            "pitches": [{"key": k, "title": k, "requested": 10} for k in ("p2", "p10", "p1")],
        }
    )
    rng = random.Random(7)
    rows = [
        (p.key, j.key, c.key, float(rng.randint(1, 5)))
        for p in session.pitches
        for j in session.jurors
        for c in session.criteria
    ]
    rng.shuffle(rows)
    store = _stored(tmp_path / "s.db", session, {"rows": rows, "recused": []})
    taken: list[object] = []
    real = scoreblocks.read_blocks
    scorearrays.read_blocks = lambda *a: taken.append(real(*a)) or taken[-1]  # type: ignore[assignment,func-returns-value]
    try:
        _check(store)
        assert taken and taken[-1] is not None  # the block read was used
        conn = sqlite3.connect(tmp_path / "s.db")
        with conn:  # p1's scores of j1 given to a juror no table has: as many jurors
            conn.execute("pragma foreign_keys = off")
            conn.execute("update scores set juror = 'zz' where pitch = 'p1' and juror = 'j1'")
            # and a whole pitch that no table has: left out, as by the join
            conn.executemany(
                "insert into scores values ('p0', ?, ?, 2.0, '2026-01-01T00:00:00+00:00', 't')",
                [(j.key, c.key) for j in session.jurors for c in session.criteria],
            )
        conn.close()
        _check(store)
        assert taken[-1] is not None
    finally:
        scorearrays.read_blocks = real
        store.close()
