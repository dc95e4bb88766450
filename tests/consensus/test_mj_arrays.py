"""Majority Judgment keys of integer tallies as arrays (majority._mj_keys_ints) are
the keys of the definitions (majority.mj_keys_exact): equal gauges, equal majority
values and equal ranks, on tie-heavy tallies (few grades, small counts, different
totals, empty grades)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import majority
from pitchroom.domain.consensus.majority import mj_keys, mj_keys_exact, mj_ranks


def tallies(grades: int, top: int) -> st.SearchStrategy[list[list[int]]]:
    row = st.lists(st.integers(0, top), min_size=grades, max_size=grades).filter(any)
    return st.lists(row, min_size=1, max_size=14)


def array_keys(rows: list[list[int]]) -> list[tuple[object, ...]]:
    return majority._mj_keys_ints(np.array(rows, dtype=np.int64))


def ranks_of(keys: list[tuple[object, ...]]) -> list[int]:
    return [1 + sum(1 for other in keys if majority._greater(other, mine)) for mine in keys]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda g: tallies(g, 4)))
def test_array_keys_are_the_exact_keys(rows: list[list[int]]) -> None:
    got, want = array_keys(rows), mj_keys_exact(rows)
    assert got == want
    assert ranks_of(got) == ranks_of(want)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 5).flatmap(lambda g: tallies(g, 9)))
def test_array_keys_past_the_bytes_limit(rows: list[list[int]]) -> None:
    """Long normalised tallies are compared lazily (_RunsKey) on both paths alike."""
    limit = majority.BYTES_LIMIT
    majority.BYTES_LIMIT = 6
    try:
        got, want = array_keys(rows), mj_keys_exact(rows)
    finally:
        majority.BYTES_LIMIT = limit
    assert got == want
    assert ranks_of(got) == ranks_of(want)


def test_tallies_that_are_not_plain_ints_take_the_exact_path() -> None:
    rows = [[F(1, 2), 1, 0], [1, F(1, 2), 0]]
    assert mj_keys(rows) == mj_keys_exact(rows)
    assert mj_ranks([[1, 1, 1], [1, 0, 2], [3, 0, 0], [2, 0, 1], [0, 3, 0]]) == [3, 1, 5, 4, 2]
    with pytest.raises(ValueError, match="empty tally"):
        mj_keys([[0, 0], [1, 0]])
