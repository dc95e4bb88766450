"""The scores read as arrays give the engine exactly what the dict of Fractions gave."""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction
from pathlib import Path

import pytest

from pitchroom.domain.consensus import METHODS, LiveRanking, rank, with_extras
from pitchroom.domain.consensus.prepare import prepare
from pitchroom.domain.consensus.scorearrays import ScoreArrays
from pitchroom.store import Store
from pitchroom.store.snapshot import ranking_input
from tests.conftest import small_session


@pytest.fixture(params=[(1, 10, "1"), (0, 1, "0.1"), ("0.5", 5, "0.25")])
def scored(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    low, high, step = request.param
    session = small_session(scale={"min": low, "max": high, "step": step}, threshold=None)
    path = tmp_path / "s.db"
    Store.create(path, session, actor="test").close()
    store = Store.open(path)
    rng = random.Random(3)
    grades = int((Fraction(high) - Fraction(low)) / Fraction(step))
    rows = [
        (p.key, j.key, c.key, Fraction(low) + Fraction(step) * rng.randint(0, grades))
        for p in session.pitches
        for j in session.scoring_jurors
        for c in session.criteria
        if (p.key, j.key) != ("kompas", "chris") and rng.random() < 0.9
    ]
    store.set_scores(rows, actor="test")
    return store


def test_the_arrays_hold_the_stored_scores_exactly(scored: Store) -> None:
    inp = ranking_input(scored)
    assert isinstance(inp.scores, ScoreArrays)
    scoring = {j.key for j in scored.session.scoring_jurors}
    expected = {k: v for k, v in scored.scores().items() if k[1] in scoring}
    assert inp.scores == expected and len(inp.scores) == len(expected)
    assert all(type(v) is Fraction for v in inp.scores.values())
    old = dataclasses.replace(inp, scores=expected)
    a, b = prepare(inp), prepare(old)
    assert (a.units == b.units).all() and (a.present == b.present).all()
    for method in METHODS:
        assert rank(inp, method).to_json() == rank(old, method).to_json(), method
    assert with_extras(inp, "mean").to_json() == with_extras(old, "mean").to_json()
    scored.close()


def test_the_live_engine_keeps_no_copy_and_follows_updates(scored: Store) -> None:
    inp = ranking_input(scored)
    live = LiveRanking(inp)
    assert dict(live.input.scores) == dict(inp.scores)
    pitch = scored.session.pitches[0].key
    juror = scored.session.scoring_jurors[0].key
    crit = scored.session.criteria[0].key
    top = scored.session.session.scale.max
    live.set_score(pitch, juror, crit, Fraction(top))
    changed = {**dict(inp.scores), (pitch, juror, crit): Fraction(top)}
    assert dict(live.input.scores) == changed
    assert (
        live.rank("median").to_json()
        == rank(dataclasses.replace(inp, scores=changed), "median").to_json()
    )
    scored.close()


def test_no_scores_at_all(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    Store.create(path, small_session(), actor="test").close()
    store = Store.open(path)
    inp = ranking_input(store)
    assert len(inp.scores) == 0 and dict(inp.scores) == {}
    assert rank(inp).to_json() == rank(dataclasses.replace(inp, scores={})).to_json()
    store.close()


def test_the_coded_and_the_general_read_agree(scored: Store) -> None:
    from pitchroom.store.scorearrays import read_score_arrays
    from pitchroom.store.snapshot import _grades

    session = scored.session
    keys = (
        [p.key for p in session.pitches],
        [j.key for j in session.scoring_jurors],
        [c.key for c in session.criteria],
    )
    scale = session.session.scale
    grades = _grades(scale.min, scale.max, scale.step)
    assert grades
    coded = read_score_arrays(scored, *keys, grades)
    general = read_score_arrays(scored, *keys)
    assert (
        coded.as_dict()
        == general.as_dict()
        == {k: v for k, v in scored.scores().items() if k[1] in set(keys[1])}
    )
    # one grade missing from the list: that score's value sends it down the general read
    fallback = read_score_arrays(scored, *keys, grades[1:])
    assert fallback.as_dict() == general.as_dict()
    scored.close()
