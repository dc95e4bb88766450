"""``aggregate``'s grade tally counted from one bin per score (the uncounted in a bin
past the end) and its lowest and highest unit read off that tally are the tally and
the bounds of the definition: the counted scores found one by one, the bounds the
least and greatest counted unit. Random sessions with gaps, recusals, withdrawn and
held-back pitches, narrow scales (many ties) and juror weights, zero included."""

from __future__ import annotations

import numpy as np
import pytest

from pitchroom.domain.consensus.prepare import Prepared, aggregate, prepare
from tests.consensus.test_fast_paths import random_input


def definition(
    prep: Prepared, weights: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n, m, c, g = prep.n, prep.m, prep.c, prep.grades
    eligible = prep.elig & ~prep.held[:, None]
    if weights is not None:
        eligible = eligible & (weights > 0)[None, :]
    pres = prep.present & eligible[:, :, None]
    lo = np.where(pres, prep.units, g).min(axis=1, initial=g) if m else np.zeros((n, c), int)
    hi = np.where(pres, prep.units, -1).max(axis=1, initial=-1) if m else np.zeros((n, c), int)
    tally = np.zeros((n, c, g), dtype=np.int64)
    for i, j, k in zip(*np.nonzero(pres), strict=True):
        tally[i, k, prep.units[i, j, k]] += 1 if weights is None else int(weights[j])
    return tally, lo, hi


@pytest.mark.parametrize("seed", range(60))
def test_tally_and_bounds_are_the_definitions(seed: int) -> None:
    prep = prepare(random_input(seed))
    rng = np.random.default_rng(seed)
    for weights in (None, np.ones(prep.m, dtype=np.int64), rng.integers(0, 4, prep.m)):
        got = aggregate(prep, weights)
        tally, lo, hi = definition(prep, weights)
        assert got.tally.dtype == tally.dtype and np.array_equal(got.tally, tally)
        assert got.lo.dtype == lo.dtype and np.array_equal(got.lo, lo)
        assert got.hi.dtype == hi.dtype and np.array_equal(got.hi, hi)
