"""Schulze, Borda and Kendall's W vectors (research doc TV-01..TV-04, TV-12, TV-13)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from pitchroom.domain.consensus import rank, with_extras
from pitchroom.domain.consensus.pairwise import kendalls_w, pairwise_matrix, strongest_paths
from pitchroom.domain.consensus.prepare import aggregate, prepare

from .helpers import ballots_input, ranks, single

TV01 = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]
D01 = [
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
]
P01 = [
    [0, 28, 28, 30, 24],
    [25, 0, 28, 33, 24],
    [25, 29, 0, 29, 24],
    [25, 28, 28, 0, 24],
    [25, 28, 28, 31, 0],
]


def test_tv01_schulze_matrices_and_order() -> None:
    inp = ballots_input(TV01, "ABCDE")
    prep = prepare(inp)
    agg = aggregate(prep)
    d = pairwise_matrix(agg.totals, agg.complete)
    assert d.tolist() == D01
    assert strongest_paths(d).tolist() == P01
    r = rank(inp, "schulze")
    assert [row.pitch for row in r.rows] == list("EACBD")
    assert ranks(r) == {"E": 1, "A": 2, "C": 3, "B": 4, "D": 5}
    assert {row.pitch: row.score for row in r.rows} == {"E": 4, "A": 3, "C": 2, "B": 1, "D": 0}


def test_tv04_borda_on_the_same_ballots() -> None:
    r = rank(ballots_input(TV01, "ABCDE"), "borda")
    points = {"E": 102, "A": 98, "B": 92, "C": 89, "D": 69}
    assert {row.pitch: row.score for row in r.rows} == {k: F(v, 4 * 45) for k, v in points.items()}
    assert [row.pitch for row in r.rows] == list("EABCD")


TENNESSEE = [(42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM")]


def test_tv02_tennessee_borda_and_schulze() -> None:
    inp = ballots_input(TENNESSEE, "MNCK")
    r = rank(inp, "borda")
    points = {"N": 194, "C": 173, "M": 126, "K": 107}
    assert {row.pitch: row.score for row in r.rows} == {k: F(v, 300) for k, v in points.items()}
    assert [row.pitch for row in r.rows] == list("NCMK")
    assert [row.pitch for row in rank(inp, "schulze").rows] == list("NCKM")


def test_tv03_cycle_schulze() -> None:
    inp = ballots_input([(25, "ABC"), (40, "BCA"), (35, "CAB")], "ABC")
    assert [row.pitch for row in rank(inp, "schulze").rows] == list("BCA")


WINE_9 = [
    [2, 3, 9, 7, 5, 6, 1, 8, 4],
    [6, 3, 8, 5, 9, 1, 2, 4, 7],
    [5, 1, 7, 4, 8, 2, 3, 6, 9],
    [3, 6, 9, 4, 7, 1, 2, 8, 5],
    [2, 4, 9, 5, 3, 8, 1, 6, 7],
    [5, 1, 7, 4, 8, 2, 3, 6, 9],
    [2, 6, 9, 3, 5, 7, 4, 8, 1],
    [2, 7, 9, 1, 3, 8, 4, 5, 6],
    [4, 6, 9, 5, 8, 2, 1, 7, 3],
]
WINE_7 = [
    [4, 2, 1, 3, 5, 7, 6],
    [3, 6, 5, 1, 2, 7, 4],
    [5, 1, 7, 4, 6, 3, 2],
    [4, 3, 7, 1, 2, 6, 5],
    [6, 4, 1, 5, 3, 2, 7],
    [6, 3, 2, 1, 4, 7, 5],
    [3, 6, 1, 4, 5, 7, 2],
]


def test_tv12_kendalls_w() -> None:
    ranks9 = np.array(WINE_9)
    assert ranks9.sum(axis=0).tolist() == [31, 37, 76, 38, 56, 37, 21, 58, 51]
    assert kendalls_w(-ranks9) == pytest.approx(0.4601, abs=5e-5)
    ranks7 = np.array(WINE_7)
    assert ranks7.sum(axis=0).tolist() == [31, 25, 24, 19, 27, 39, 31]
    assert kendalls_w(-ranks7) == pytest.approx(0.1793, abs=5e-5)


def test_tv12_through_the_engine() -> None:
    # Scores = 10 - rank: the engine's agreement is the same W.
    scores = {f"w{i}": [10 - row[i] for row in WINE_9] for i in range(9)}
    r = with_extras(single(scores), "mean")
    assert r.agreement == pytest.approx(0.4601, abs=5e-5)


def test_tv13_tie_correction() -> None:
    s = np.array([[8, 7, 7, 5], [9, 6, 7, 6], [7, 7, 8, 4]])
    assert kendalls_w(s) == pytest.approx(360 / 486, abs=1e-9)
    inp = single({f"p{i}": list(s[:, i]) for i in range(4)})
    assert with_extras(inp, "mean").agreement == pytest.approx(0.740741, abs=1e-6)


def test_w_null_with_one_juror() -> None:
    assert kendalls_w(np.array([[1, 2, 3]])) is None
    assert with_extras(single({"a": [5], "b": [6]}), "mean").agreement is None
