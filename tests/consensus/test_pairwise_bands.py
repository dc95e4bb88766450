"""The pairwise matrix counted a band of rows at a time (``pairwise.BAND``) is the
matrix of the definition for sizes that cross bands: partial last bands, jurors
with gaps or weights, jurors who do not count."""

from __future__ import annotations

import numpy as np
import pytest

from pitchroom.domain.consensus import pairwise
from pitchroom.domain.consensus.pairwise import pairwise_matrix


def definition(totals: np.ndarray, valid: np.ndarray, weights: np.ndarray) -> np.ndarray:
    want = np.zeros((len(totals), len(totals)), dtype=np.int64)
    for j in range(totals.shape[1]):
        ok = valid[:, j]
        t = totals[:, j]
        want += weights[j] * ((t[:, None] > t[None, :]) & ok[:, None] & ok[None, :])
    return want


@pytest.mark.parametrize(
    "n", [1, pairwise.BAND - 1, pairwise.BAND, pairwise.BAND + 1, 3 * pairwise.BAND + 5]
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bands_count_every_pair(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = 9
    totals = rng.integers(-5, 6, size=(n, m)) * (seed + 1) * 4_000
    valid = rng.random((n, m)) > 0.1 * seed
    valid[:, 0] = True  # one juror complete everywhere
    weights = rng.integers(0, 3, size=m)
    weights[0] = 1
    if seed == 2:
        weights[1] = 300  # counts beyond uint8
    assert np.array_equal(
        pairwise_matrix(totals, valid, weights), definition(totals, valid, weights)
    )
    ones = np.ones(m, dtype=np.int64)
    assert np.array_equal(pairwise_matrix(totals, valid), definition(totals, valid, ones))
