"""9.9: the leave-one-out interval as SPEC.md defines it: the range of ranks over the
full jury and each jury with one juror left out, the quorum lowered by one for those."""

from __future__ import annotations

import random

import pytest

from pitchroom.domain.consensus import with_extras
from pitchroom.domain.models import METHODS
from tests.consensus.helpers import single


def _generated(seed: int):
    """12 pitches, 6 jurors, quorum 4; a third of the pitches rest on exactly 4 jurors."""
    rng = random.Random(seed)
    scores = {}
    for p in range(12):
        row: list[int | None] = [rng.randint(3, 9) for _ in range(6)]
        if p % 3 == 0:
            for j in rng.sample(range(6), 2):
                row[j] = None
        scores[f"p{p:02d}"] = row
    return single(scores, quorum=4)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_interval_always_contains_the_rank(method: str, seed: int) -> None:
    result = with_extras(_generated(seed), method, resamples=50)
    ranked = [row for row in result.rows if row.rank is not None]
    assert len(ranked) == 12  # every pitch meets the quorum of 4
    for row in ranked:
        assert row.interval is not None
        low, high = row.interval
        assert low <= row.rank <= high, (method, row.pitch, row.rank, row.interval)


def test_a_pitch_on_exactly_the_quorum_stays_ranked_when_one_of_them_is_left_out() -> None:
    # b rests on exactly 2 jurors (quorum 2); leaving either out keeps it ranked, so
    # the others' ranks are not shifted by b dropping out of the ranking.
    inp = single({"a": [9, 9, 9], "b": [8, 8, None], "c": [5, 6, 7]}, quorum=2)
    result = with_extras(inp, "mean")
    got = {row.pitch: (row.rank, row.interval) for row in result.rows}
    assert got == {"a": (1, (1, 1)), "b": (2, (2, 2)), "c": (3, (3, 3))}
