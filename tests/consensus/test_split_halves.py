"""``with_extras(split=True)`` forks before the official ranking: the child finds that
ranking's ranked pitches from the keys of its outcome (``ranking.ranked_order``),
resamples them and ranks some other methods (``extras.child_methods``), while this
process builds the official rows and ranks the rest. The result is the one computed
in one process, and where the child's ranked pitches were not the rows', this process
resamples the rows' instead."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import RankingInput, extras
from pitchroom.domain.consensus.methods import METHODS
from pitchroom.domain.consensus.prepare import aggregate, prepare
from pitchroom.domain.consensus.ranking import rank_prepared, ranked_order

from .helpers import multi
from .test_fastkeys import tie_heavy
from .test_loo import sessions


def rows_ranked(inp: RankingInput, method: str) -> list[int]:
    prep = prepare(inp)
    ranking = rank_prepared(prep, aggregate(prep), method, {})
    return [prep.pidx[r.pitch] for r in ranking.rows if r.rank is not None]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(sessions(), st.sampled_from(METHODS))
def test_ranked_order_is_the_rows_order(inp: RankingInput, method: str) -> None:
    prep = prepare(inp)
    assert ranked_order(prep, aggregate(prep), method, {}) == rows_ranked(inp, method)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(tie_heavy(), st.sampled_from(METHODS))
def test_ranked_order_on_tie_heavy_sessions(
    drawn: tuple[RankingInput, np.ndarray], method: str
) -> None:
    inp, _ = drawn
    prep = prepare(inp)
    assert ranked_order(prep, aggregate(prep), method, {}) == rows_ranked(inp, method)


def session() -> RankingInput:
    """Ties everywhere, one pitch that a late juror never scored, a budget line."""
    scores = {
        f"p{i}": [[(i * 7 + j * 3 + c) % 3 + 1 for c in range(2)] for j in range(6)]
        for i in range(9)
    }
    scores["p8"][5] = [None, None]
    return multi(scores, budget=F(450), quorum=5)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split as where a fork is safe (the child, when the runner's threads forbid
    the fork, computes in this process when its result is asked for)."""
    monkeypatch.setattr(extras, "can_fork", lambda: True)


@pytest.mark.parametrize("method", METHODS)
def test_split_halves_give_the_one_process_result(forking: None, method: str) -> None:
    inp = session()
    assert extras.with_extras(inp, method, split=True) == extras.with_extras(inp, method)


def test_child_methods_are_some_of_the_others() -> None:
    for method in METHODS:
        theirs = extras.child_methods(method)
        assert method not in theirs and set(theirs) <= set(METHODS)
    assert extras.child_methods("mean")  # the costly resampling is mean's alone


def test_a_child_that_ranked_other_pitches_is_not_used(
    forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    inp = session()
    alone = extras.with_extras(inp, "mean")
    assert alone.rows[0].interval is not None
    monkeypatch.setattr(extras, "ranked_order", lambda *args: rows_ranked(inp, "mean")[1:])
    assert extras.with_extras(inp, "mean", split=True) == alone


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(sessions(), st.booleans())
def test_split_halves_on_sessions_with_lines(inp: RankingInput, all_there: bool) -> None:
    """Budgets, caps, pots and decisions: other methods fund other pitches (fragile);
    the child ranks its share of the other methods, or all of them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extras, "can_fork", lambda: True)
        if all_there:
            others = tuple(m for m in METHODS if m != "mean")
            patch.setattr(extras, "child_methods", lambda method: others)
        split = extras.with_extras(inp, "mean", split=True)
    assert split == extras.with_extras(inp, "mean")


@pytest.mark.parametrize("share", ["measured", "all"])
def test_fragile_from_the_childs_methods(
    forking: None, monkeypatch: pytest.MonkeyPatch, share: str
) -> None:
    """Mean funds b with or without any one juror; median and majority fund a: both
    are fragile only by the other methods' outcomes."""
    inp = multi(
        {"a": [[10]] * 5 + [[1]] * 4, "b": [[7]] * 9},
        requested={"a": 100, "b": 100},
        budget=F(100),
    )
    if share == "all":
        others = tuple(m for m in METHODS if m != "mean")
        monkeypatch.setattr(extras, "child_methods", lambda method: others)
    split = extras.with_extras(inp, "mean", split=True)
    assert split == extras.with_extras(inp, "mean")
    assert [(r.pitch, r.status, r.fragile) for r in split.rows] == [
        ("b", "funded", True),
        ("a", "reserve", True),
    ]
