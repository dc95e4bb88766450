"""Schulze's beatpath relation from the components of the link graph level by
level (consensus.beatpath) is the widest paths' relation
(:func:`pairwise.schulze_beats`): on pairwise matrices of generated juror totals
(few jurors and grades, so that ties, equal links and cycles are common, and
invalid pitches), on arbitrary count matrices, and on the stress session's shape."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pitchroom.domain.consensus.beatpath import beats_by_levels
from pitchroom.domain.consensus.pairwise import pairwise_matrix, schulze_beats


@st.composite
def juries(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(1, 24))
    m = draw(st.integers(1, 9))
    top = draw(st.integers(1, 5))
    totals = draw(arrays(np.int64, (n, m), elements=st.integers(0, top)))
    valid = draw(arrays(np.bool_, (n, m), elements=st.booleans()))
    if draw(st.booleans()):
        valid[:] = True
    weights = None
    if draw(st.booleans()):
        weights = draw(arrays(np.int64, (m,), elements=st.integers(0, 3)))
    return pairwise_matrix(totals, valid, weights)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(juries())
def test_same_relation_on_juries(d: np.ndarray) -> None:
    assert (beats_by_levels(d) == schulze_beats(d)).all()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 30).flatmap(lambda n: arrays(np.int64, (n, n), elements=st.integers(0, 6))))
def test_same_relation_on_any_counts(d: np.ndarray) -> None:
    np.fill_diagonal(d, 0)
    assert (beats_by_levels(d) == schulze_beats(d)).all()


def test_same_relation_on_a_large_noisy_jury() -> None:
    """200 pitches of close quality and 25 noisy jurors: one strongly connected
    component at the weakest links that comes apart over several strengths."""
    rng = np.random.default_rng(7)
    quality = rng.normal(size=200)
    totals = np.rint(5 * (quality[:, None] + rng.normal(scale=2.0, size=(200, 25))))
    d = pairwise_matrix(totals.astype(np.int64), np.ones((200, 25), dtype=bool))
    assert (beats_by_levels(d) == schulze_beats(d)).all()
