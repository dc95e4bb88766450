"""alpha_of_totals (integer sums) gives exactly what krippendorff_alpha (Fractions) gives."""

from __future__ import annotations

import numpy as np

from pitchroom.domain.consensus.alpha import alpha_of_totals, krippendorff_alpha


def _by_fractions(totals: np.ndarray, valid: np.ndarray) -> float | None:
    units = [[int(v) for v in row[mask]] for row, mask in zip(totals, valid, strict=True)]
    value = krippendorff_alpha(units, "interval")
    return None if value is None else float(value)


def test_integer_sums_equal_the_fraction_path() -> None:
    rng = np.random.default_rng(1)
    for trial in range(300):
        n, m = int(rng.integers(0, 30)), int(rng.integers(0, 8))
        high = 3 if trial % 5 == 0 else 400  # few distinct totals: ties, no variation
        totals = rng.integers(-5, high, size=(n, m))
        valid = rng.random((n, m)) < rng.random()
        assert alpha_of_totals(totals, valid) == _by_fractions(totals, valid), trial


def test_huge_totals_take_the_exact_path() -> None:
    rng = np.random.default_rng(2)
    totals = rng.integers(0, 2**40, size=(20, 5))
    valid = rng.random((20, 5)) < 0.8
    assert alpha_of_totals(totals, valid) == _by_fractions(totals, valid)


def test_no_pairable_unit() -> None:
    assert alpha_of_totals(np.zeros((3, 1), dtype=np.int64), np.ones((3, 1), dtype=bool)) is None
    assert alpha_of_totals(np.zeros((0, 4), dtype=np.int64), np.zeros((0, 4), dtype=bool)) is None
