"""Kendall's W from every juror's ranks at once (``pairwise.row_ranks``) is the W of
the ranks juror by juror (``pairwise.average_ranks``), to the bit, on tie-heavy scores."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pitchroom.domain.consensus.pairwise import average_ranks, kendalls_w, row_ranks


def w_row_by_row(scores: np.ndarray) -> float | None:
    """Kendall's W as it was computed: one juror's average ranks at a time."""
    m, n = scores.shape
    if m < 2 or n < 2:
        return None
    r = np.zeros(n)
    tie_total = 0
    for row in scores:
        ranks, ties = average_ranks(np.asarray(row))
        r += ranks
        tie_total += ties
    s = float(((r - r.mean()) ** 2).sum())
    denom = m * m * (n**3 - n) - m * tie_total
    if denom <= 0:
        return None
    return float(12 * s / denom)


scores = st.tuples(st.integers(1, 7), st.integers(1, 30), st.integers(0, 4)).flatmap(
    lambda s: arrays(np.int64, (s[0], s[1]), elements=st.integers(0, s[2]) if s[2] else st.just(3))
)


@settings(max_examples=300, deadline=None)
@given(scores)
def test_rows_at_once_are_row_by_row(values: np.ndarray) -> None:
    ranks, ties = row_ranks(values)
    want = [average_ranks(row) for row in values]
    assert np.array_equal(ranks, np.array([r for r, _ in want]).reshape(values.shape))
    assert ties == sum(t for _, t in want)
    assert kendalls_w(values) == w_row_by_row(values)


def test_large_totals_with_ties() -> None:
    rng = np.random.default_rng(5)
    values = rng.integers(0, 40, size=(50, 1000)) * 1_000_003
    assert kendalls_w(values) == w_row_by_row(values)
    assert kendalls_w(values[:, :1]) is None
    assert kendalls_w(np.full((4, 6), 2)) is None  # every juror ties every pitch
