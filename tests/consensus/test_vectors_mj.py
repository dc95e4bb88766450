"""Majority Judgment and usual-judgment vectors (research doc TV-05..TV-11, TV-20)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from pitchroom.domain.consensus import rank
from pitchroom.domain.consensus.majority import (
    gauge,
    majority_value,
    mj_ranks,
    usual_judgment,
)

from .helpers import ranks, single


def tally_of(grades: list[int], size: int) -> list[int]:
    t = [0] * size
    for g in grades:
        t[g] += 1
    return t


def test_tv05_majority_values() -> None:
    a = tally_of([7, 11, 9, 9, 11], 12)
    b = tally_of([8, 11, 9, 9, 10], 12)
    assert majority_value(a) == [9, 9, 11, 7, 11]
    assert majority_value(b) == [9, 9, 10, 8, 11]
    assert mj_ranks([a, b]) == [1, 2]


def test_tv05_doctest_b_first() -> None:
    a = tally_of([3, 3, 3, 0, 0, 0, 1, 1, 2, 2], 4)
    b = tally_of([0, 0, 1, 1, 2, 2, 2, 2, 3, 3], 4)
    assert mj_ranks([a, b]) == [2, 1]


def test_tv06_gauge_tie_falls_back_to_majority_value() -> None:
    a = [4, 5, 2, 1, 3, 1, 2]
    b = [3, 6, 2, 1, 3, 1, 2]
    ga, gb = gauge(a), gauge(b)
    assert (ga.grade, ga.p) == (gb.grade, gb.p) == (1, F(1, 2))
    assert (ga.q, gb.q) == (F(2, 9), F(1, 6))
    assert ga.key() == gb.key()  # both 1+ with equal p: the gauge ties
    mva, mvb = majority_value(a), majority_value(b)
    assert mva[:10] == mvb[:10] and (mva[10], mvb[10]) == (0, 1)
    assert mj_ranks([a, b]) == [2, 1]


def test_tv07_few_judgments_and_collect_demo() -> None:
    assert mj_ranks([[1, 1, 1], [1, 0, 2], [3, 0, 0], [2, 0, 1], [0, 3, 0]]) == [3, 1, 5, 4, 2]
    assert mj_ranks([[2, 3, 0, 3], [2, 0, 4, 2], [2, 1, 3, 2]]) == [3, 1, 2]


TV08 = {  # grades poor=0, fair=1, good=2, excellent=3
    "a": [3] * 35 + [0] * 34 + [1] * 31,
    "b": [1] * 35 + [1] * 34 + [3] * 31,
    "cc": [0] * 35 + [3] * 34 + [2] * 31,
}


def test_tv08_mj_is_not_condorcet() -> None:
    tallies = [tally_of(v, 4) for v in TV08.values()]
    gauges = [gauge(t) for t in tallies]
    assert [(g.grade, g.p, g.q) for g in gauges] == [
        (1, F(35, 100), F(34, 100)),
        (1, F(31, 100), F(0)),
        (2, F(34, 100), F(35, 100)),
    ]
    assert mj_ranks(tallies) == [2, 3, 1]
    inp = single({k: [g + 1 for g in v] for k, v in TV08.items()}, scale=(1, 4))
    assert ranks(rank(inp, "majority")) == {"cc": 1, "a": 2, "b": 3}
    assert ranks(rank(inp, "schulze"))["b"] == 1  # the Condorcet winner


def test_tv09_tennessee_gauges() -> None:
    # Poor, Fair, Good, Excellent shares in percent.
    cities = {
        "nashville": [0, 32, 42, 26],
        "chattanooga": [0, 42, 43, 15],
        "knoxville": [42, 26, 15, 17],
        "memphis": [58, 0, 0, 42],
    }
    got = {k: gauge(t) for k, t in cities.items()}
    assert (got["nashville"].grade, got["nashville"].p, got["nashville"].q) == (
        2,
        F(26, 100),
        F(32, 100),
    )
    assert (got["chattanooga"].p, got["chattanooga"].q) == (F(15, 100), F(42, 100))
    assert (got["knoxville"].grade, got["knoxville"].plus) == (1, False)
    assert (got["memphis"].grade, got["memphis"].p, got["memphis"].plus) == (0, F(42, 100), True)
    assert mj_ranks(list(cities.values())) == [1, 2, 3, 4]


ORSAY = {  # lowest grade (-2, To reject) first; shares in 1/10000
    "Hollande": [1424, 1425, 1479, 1167, 1642, 1615, 1248],
    "Bayrou": [869, 1194, 2008, 2524, 2171, 977, 258],
    "Sarkozy": [3175, 787, 1113, 1099, 1628, 1235, 963],
    "Melenchon": [2537, 1506, 1710, 1465, 1290, 950, 543],
    "Dupont-Aignan": [3392, 2551, 2022, 1126, 597, 258, 54],
    "Joly": [3853, 2469, 1465, 1180, 651, 299, 81],
    "Poutou": [4573, 2809, 1248, 773, 448, 136, 14],
    "Le Pen": [4763, 624, 1398, 936, 950, 733, 597],
    "Arthaud": [4993, 2524, 1316, 651, 380, 136, 0],
    "Cheminade": [5197, 2687, 1167, 583, 244, 81, 41],
}
# majority grade, sign, mj key, usual judgment (Fabre's table, 3 d.p.)
ORSAY_EXPECTED = {
    "Hollande": (1, "+", 1.450, 1.076),
    "Bayrou": (1, "-", 0.593, 0.868),
    "Sarkozy": (0, "+", 0.493, 0.433),
    "Melenchon": (0, "+", 0.425, 0.060),
    "Dupont-Aignan": (-1, "+", -0.594, -0.870),
    "Joly": (-1, "-", -1.385, -1.036),
    "Poutou": (-1, "-", -1.457, -1.348),
    "Le Pen": (-1, "-", -1.476, -1.119),
    "Arthaud": (-1, "-", -1.499, -1.497),
    "Cheminade": (-2, "+", -1.520, -1.538),
}


@pytest.mark.parametrize("name", list(ORSAY))
def test_tv10_orsay_gauges_and_usual_judgment(name: str) -> None:
    grade, sign, mj, usual = ORSAY_EXPECTED[name]
    g = gauge(ORSAY[name])
    assert g.grade - 2 == grade
    assert ("+" if g.plus else "-") == sign
    assert float(g.number()) - 2 == pytest.approx(mj, abs=6e-4)
    assert float(usual_judgment(ORSAY[name])) - 2 == pytest.approx(usual, abs=6e-4)


def test_tv10_orsay_orders() -> None:
    names = list(ORSAY)
    mj = mj_ranks(list(ORSAY.values()))
    assert [n for _, n in sorted(zip(mj, names, strict=True))] == names
    usual = sorted(names, key=lambda n: -usual_judgment(ORSAY[n]))
    assert usual[4:] == ["Dupont-Aignan", "Joly", "Le Pen", "Poutou", "Arthaud", "Cheminade"]
    mean = sorted(names, key=lambda n: -sum(i * x for i, x in enumerate(ORSAY[n])) / sum(ORSAY[n]))
    assert mean[4] == "Le Pen"


def test_tv11_mj_and_usual_judgment_disagree() -> None:
    a = [0, 8, 3, 9, 0]
    b = [0, 2, 10, 8, 0]
    assert mj_ranks([a, b]) == [1, 2]
    assert usual_judgment(a) == F(13, 6)
    assert usual_judgment(b) == F(23, 10)
    inp = single(
        {"a": [1] * 8 + [2] * 3 + [3] * 9, "b": [1] * 2 + [2] * 10 + [3] * 8}, scale=(0, 4)
    )
    assert ranks(rank(inp, "majority")) == {"a": 1, "b": 2}
    r = rank(inp, "median")
    assert ranks(r) == {"b": 1, "a": 2}
    assert r.row("a").score == F(13, 6) and r.row("b").score == F(23, 10)


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([3, 4, 5], F(4)),
        ([1, 4, 5], F(4)),
        ([3, 4, 4], F(15, 4)),
        ([4, 4, 5], F(17, 4)),
        ([2, 3], F(5, 2)),
        ([3, 4], F(7, 2)),
        ([4, 4], F(4)),
    ],
)
def test_tv20_usual_judgment(grades: list[int], expected: F) -> None:
    assert usual_judgment(tally_of([g - 1 for g in grades], 5)) + 1 == expected
    r = rank(single({"p": grades}, scale=(1, 5)), "median")
    assert r.row("p").score == expected
    assert r.row("p").criteria == {"c": expected}


def test_usual_judgment_half_point_scale() -> None:
    # 0..5 step 0.5: grades 3, 3.5, 3.5 -> units 6, 7, 7 -> 6.75 units -> 3.375
    inp = single({"p": [F(3), F(7, 2), F(7, 2)]}, scale=(0, 5), scale_step=F(1, 2))
    assert rank(inp, "median").row("p").score == F(27, 8)
