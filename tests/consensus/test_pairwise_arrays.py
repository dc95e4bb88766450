"""The pairwise matrix in narrow integer types (totals in int16/int32, counts in
uint8/uint16/...) is the matrix of the definition, at the edges of those types."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus.pairwise import pairwise_matrix

EDGES = [-(2**31), -(2**31) + 1, -(2**15), -(2**15) + 1, -1, 0, 1, 2, 2**15 - 1, 2**15, 2**31 - 1]


def definition(totals: np.ndarray, valid: np.ndarray, weights: np.ndarray) -> np.ndarray:
    n, m = totals.shape
    want = np.zeros((n, n), dtype=np.int64)
    for j in range(m):
        for a in range(n):
            for b in range(n):
                if valid[a, j] and valid[b, j] and totals[a, j] > totals[b, j]:
                    want[a, b] += weights[j]
    return want


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_pairwise_matrix_is_the_definition(data: st.DataObject) -> None:
    n, m = data.draw(st.integers(1, 7)), data.draw(st.integers(1, 5))
    value = st.one_of(st.sampled_from(EDGES), st.integers(-3, 3))
    totals = np.array(
        data.draw(st.lists(st.lists(value, min_size=m, max_size=m), min_size=n, max_size=n)),
        dtype=np.int64,
    )
    valid = np.array(
        data.draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n))
    )
    weight = st.one_of(st.integers(0, 3), st.sampled_from([127, 128, 255, 256, 70_000]))
    weights = np.array(data.draw(st.lists(weight, min_size=m, max_size=m)), dtype=np.int64)
    assert np.array_equal(
        pairwise_matrix(totals, valid, weights), definition(totals, valid, weights)
    )
    ones = np.ones(m, dtype=np.int64)
    assert np.array_equal(pairwise_matrix(totals, valid), definition(totals, valid, ones))
