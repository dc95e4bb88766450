"""Median and majority of many pitches at once (consensus.pitcharrays) are what the
per-pitch definitions (methods._pitch_median, _pitch_majority) give, on tie-heavy
sessions (few grades, gaps, recusals, fractional weights, juror weights 0-3)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import methods
from pitchroom.domain.consensus.pitcharrays import majority_rows, median_rows
from pitchroom.domain.consensus.prepare import aggregate, prepare
from tests.consensus.test_boot_arrays import sessions

ROWS = {
    "median": (median_rows, methods._pitch_median),
    "majority": (majority_rows, methods._pitch_majority),
}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.data())
@pytest.mark.parametrize("method", sorted(ROWS))
def test_rows_are_the_per_pitch_results(method: str, inp: object, data: st.DataObject) -> None:
    prep = prepare(inp)  # type: ignore[arg-type]  # hypothesis gives a RankingInput
    w = np.array(data.draw(st.lists(st.integers(0, 3), min_size=prep.m, max_size=prep.m)))
    rows_of, one = ROWS[method]
    for agg in (aggregate(prep), aggregate(prep, w)):
        scored = np.nonzero(agg.count.sum(axis=1) > 0)[0]
        got = rows_of(prep, agg, scored)
        done = 0
        for i, row in zip(scored.tolist(), got, strict=True):
            if row is not None:
                assert row == one(prep, agg, i)
                done += 1
        if method == "median" or bool((agg.count[scored] == agg.count[scored][:, :1]).all()):
            assert done == len(scored)  # nothing left to the per-pitch path here


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.data())
@pytest.mark.parametrize("method", sorted(ROWS))
def test_per_pitch_is_the_same_through_either_path(
    method: str, inp: object, data: st.DataObject
) -> None:
    prep = prepare(inp)  # type: ignore[arg-type]
    w = np.array(data.draw(st.lists(st.integers(0, 3), min_size=prep.m, max_size=prep.m)))
    agg = aggregate(prep, w)
    limit = methods.ARRAY_ROWS
    try:
        methods.ARRAY_ROWS = 1
        arrays = methods.per_pitch(prep, agg, method, {})
        methods.ARRAY_ROWS = 10**9
        plain = methods.per_pitch(prep, agg, method, {})
    finally:
        methods.ARRAY_ROWS = limit
    assert arrays == plain
