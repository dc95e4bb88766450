"""The bootstrap's histogram of codes and its products, against the plain ways.

:meth:`RankHistogram.add_codes` (codes packed with their columns, the columns in
index order, draws of weight one counted at once when the histogram is read)
against :meth:`RankHistogram.add_keys` and :func:`float_rank_arrays` per draw,
batch after batch, for ranked pitches in any order; :func:`whole_product`
(``einsum``, float32 below 2**24) against ``@`` on whole numbers on both sides
of that bound.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus.bootstrap import RankHistogram
from pitchroom.domain.consensus.meandraws import EXACT32, whole_product
from pitchroom.domain.consensus.resample import float_rank_arrays


def per_draw(
    n: int, batches: list[tuple[np.ndarray, np.ndarray]], ranked: np.ndarray
) -> RankHistogram:
    hist = RankHistogram(n, len(ranked))
    for codes, weights in batches:
        for row, weight in zip(codes, weights, strict=True):
            hist.add(*float_rank_arrays(row, ranked), weight)
    return hist


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_batches_of_codes_count_as_each_draw(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 12))
    far = data.draw(st.sampled_from([7.0, 3.0 * 2**33, 2.0**60]))
    gaps = data.draw(st.booleans())
    pool = [0.0, 1.0, 2.0, 5.0, far] + ([float("nan")] * gaps)
    how = data.draw(st.sampled_from(["all, shuffled", "all", "some"]))
    if how == "some":
        ranked = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n))
    else:
        ranked = data.draw(st.permutations(range(n))) if how == "all, shuffled" else range(n)
    ranked_ = np.array(list(ranked), dtype=np.int64)
    batches = []
    for _ in range(data.draw(st.integers(1, 3))):
        b = data.draw(st.integers(1, 5))
        rows = st.lists(
            st.lists(st.sampled_from(pool), min_size=n, max_size=n), min_size=b, max_size=b
        )
        top = data.draw(st.sampled_from([1, 1, 9]))
        weights = data.draw(st.lists(st.integers(1, top), min_size=b, max_size=b))
        batches.append((np.array(data.draw(rows)), np.array(weights, dtype=np.float64)))
    got = RankHistogram(n, len(ranked_))
    for codes, weights in batches:
        got.add_codes(codes, ranked_, weights)
    want = per_draw(n, batches, ranked_)
    assert np.array_equal(got.hist, want.hist)
    assert got.percentiles(5, 95) == want.percentiles(5, 95)
    keyed = RankHistogram(n, len(ranked_))
    for codes, weights in batches:
        keyed.add_keys(codes, ranked_, weights)
    assert np.array_equal(got.hist, keyed.hist)


def test_codes_of_a_shuffled_full_ranking_count_by_pitch() -> None:
    """Every pitch ranked, listed best first (as the extras pass them): the
    columns are the pitches themselves, whatever the order of ``ranked``."""
    codes = np.array([[3.0, 1.0, 2.0, 2.0], [1.0, 3.0, 2.0, 0.0]])
    ranked = np.array([0, 2, 3, 1], dtype=np.int64)
    got = RankHistogram(4, 4)
    got.add_codes(codes, ranked, np.ones(2))
    hist = got.hist.reshape(4, 5)
    # pitch 0: ranks 1 and 3; pitch 1: 4 and 1; pitches 2, 3: 2 (tied) and 2, 4.
    assert hist[0, 1] == hist[0, 3] == 1
    assert hist[1, 4] == hist[1, 1] == 1
    assert hist[2, 2] == 2
    assert hist[3, 2] == hist[3, 4] == 1
    assert got.hist.sum() == 8


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_whole_product_is_the_matrix_product(data: st.DataObject) -> None:
    b, m, n = (data.draw(st.integers(1, 6)) for _ in range(3))
    big = data.draw(st.sampled_from([3, 2**11, 2**13 + 1, 2**25]))
    w = np.array(data.draw(st.lists(st.integers(0, big), min_size=b * m, max_size=b * m)))
    mat = np.array(data.draw(st.lists(st.integers(0, big), min_size=m * n, max_size=m * n)))
    w, mat = w.reshape(b, m).astype(np.float64), mat.reshape(m, n).astype(np.float64)
    bound = float(w.sum(axis=1).max()) * float(mat.max())
    got = whole_product(w, mat, bound)
    assert got.dtype == np.float64
    assert np.array_equal(got, w @ mat)


def test_whole_product_above_float32s_whole_numbers() -> None:
    """2**24 + 1 is no float32: a product that reaches it takes float64."""
    w = np.array([[1.0, 1.0]])
    mat = np.array([[2.0**24], [1.0]])
    assert whole_product(w, mat, 2.0**24 + 1)[0, 0] == 2.0**24 + 1
    assert EXACT32 == 2.0**24
