"""Competition ranks from a beatpath relation (Schulze): 1 + the number of ranked
pitches that beat the pitch, counted over the rows of the ranked pitches (a mask)
as the definition counts them pair by pair, for ranked subsets in any order."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus.methods import MethodScores
from pitchroom.domain.consensus.ranking import competition_ranks


@st.composite
def relations(draw: st.DrawFn) -> tuple[MethodScores, list[int]]:
    n = draw(st.integers(1, 12))
    bits = draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n))
    beats = np.array(bits, dtype=bool).reshape(n, n)
    np.fill_diagonal(beats, False)
    key = draw(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=n, max_size=n))
    ranked = draw(st.permutations(range(n)))[: draw(st.integers(0, n))]
    ms = MethodScores("schulze", key, key, [None] * n, [None] * n, [None] * n, beats)
    return ms, list(ranked)


@settings(max_examples=300, deadline=None)
@given(relations())
def test_ranks_from_beats_are_the_definition(drawn: tuple[MethodScores, list[int]]) -> None:
    ms, ranked = drawn
    assert ms.beats is not None
    counted = [i for i in ranked if ms.key[i] is not None]
    want = {i: 1 + sum(bool(ms.beats[j, i]) for j in counted) for i in counted}
    assert competition_ranks(ms, ranked) == want
