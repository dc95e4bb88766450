"""The incremental engine gives what a full recomputation gives."""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import pytest

from pitchroom.domain.consensus import METHODS, LiveRanking, rank

from .helpers import multi


def session(seed: int = 1):
    rng = random.Random(seed)
    scores = {f"p{i}": [[rng.randint(1, 10) for _ in range(3)] for _ in range(5)] for i in range(8)}
    return multi(
        scores,
        weights=[2, 1, 1],
        requested={f"p{i}": 100 for i in range(8)},
        budget=F(350),
        ineligible=frozenset({("p1", "j2")}),
    )


@pytest.mark.parametrize("method", METHODS)
def test_live_updates_match_a_full_recomputation(method: str) -> None:
    inp = session()
    live = LiveRanking(inp)
    assert live.rank(method).to_json() == rank(inp, method).to_json()
    live.set_score("p3", "j0", "c0", F(10))
    live.set_score("p5", "j4", "c2", None)  # cleared: p5 becomes pending
    scores = dict(inp.scores)
    scores[("p3", "j0", "c0")] = F(10)
    del scores[("p5", "j4", "c2")]
    expected = rank(dataclasses.replace(inp, scores=scores), method)
    assert live.rank(method).to_json() == expected.to_json()
    assert live.rank(method).row("p5").status == "pending"
    assert dict(live.input.scores) == scores


def test_replace_input_and_update_scores() -> None:
    inp = session(2)
    live = LiveRanking(inp)
    live.rank("mean")
    new = {(f"j{j}", f"c{c}"): F(1) for j in range(5) for c in range(3)}
    live.update_scores("p0", new)
    assert live.rank("mean").row("p0").score == F(1)
    recused = dataclasses.replace(live.input, ineligible=frozenset({("p0", "j0")}))
    live.replace_input(recused)
    assert live.rank("mean").to_json() == rank(recused, "mean").to_json()
    assert live.with_extras("mean").extras
