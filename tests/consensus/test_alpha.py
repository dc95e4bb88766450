"""Krippendorff's alpha: the published worked example, the engine's use, properties."""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import with_extras
from pitchroom.domain.consensus.alpha import krippendorff_alpha
from tests.consensus.helpers import multi, single

NA = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# reliability data with missing values, 4 observers x 12 units (listed unit by
# unit; consensus-methods.md TV-15).
TV15 = [
    (1, 1, NA, 1),
    (2, 2, 3, 2),
    (3, 3, 3, 3),
    (3, 3, 3, 3),
    (2, 2, 2, 2),
    (1, 2, 3, 4),
    (4, 4, 4, 4),
    (1, 1, 2, 1),
    (2, 2, 2, 2),
    (NA, 5, 5, 5),
    (NA, NA, 1, 1),
    (NA, NA, 3, NA),
]


def test_published_example_nominal() -> None:
    assert round(float(krippendorff_alpha(TV15, "nominal")), 3) == 0.743


def test_published_example_interval() -> None:
    value = krippendorff_alpha(TV15, "interval")
    assert round(float(value), 3) == 0.849
    # Exactly: n = 40 pairable values (the last unit, alone, drops out).
    assert value == F(951, 1120)


def test_too_little_data_is_undefined() -> None:
    assert krippendorff_alpha([]) is None
    assert krippendorff_alpha([(1, NA, NA), (NA, 2, NA)]) is None  # nothing pairable
    assert krippendorff_alpha([(3, 3), (3, 3)]) is None  # no variation: D_e = 0
    with pytest.raises(ValueError):
        krippendorff_alpha(TV15, "ratio")  # type: ignore[arg-type]


def test_engine_alpha_on_juror_totals_ignores_incomplete_and_recused() -> None:
    # Juror totals (equal weights, 2 criteria): the engine's alpha equals the
    # definition applied to the complete eligible totals, pitch by pitch.
    inp = multi(
        {
            "a": [[8, 6], [7, 6], [9, 5]],
            "b": [[4, 4], [5, None], [3, 5]],  # j1 incomplete on b
            "c": [[6, 6], [7, 5], [2, 2]],  # j2 recused on c
            "d": [[9, 9], [None, None], [None, None]],  # one total: drops out
        },
        ineligible=frozenset({("c", "j2")}),
    )
    got = with_extras(inp).alpha
    want = krippendorff_alpha([(14, 13, 14), (8, NA, 8), (12, 12, NA)])
    assert want is not None and got == pytest.approx(float(want))
    assert with_extras(inp).to_json()["alpha"] == pytest.approx(float(want), abs=1e-6)


def test_engine_alpha_is_null_with_too_little_data() -> None:
    inp = single({"a": [5, None], "b": [None, 7]})
    result = with_extras(inp)
    assert result.alpha is None and result.to_json()["alpha"] is None


def test_withdrawn_pitches_stay_out() -> None:
    base = single({"a": [5, 6, 7], "b": [8, 8, 9]})
    more = single({"a": [5, 6, 7], "b": [8, 8, 9], "w": [1, 10, 5]})
    withdrawn = dataclasses.replace(more.pitches[2], withdrawn=True)
    more = dataclasses.replace(more, pitches=(*more.pitches[:2], withdrawn))
    assert with_extras(more).alpha == with_extras(base).alpha


@st.composite
def reliability(draw):
    m = draw(st.integers(2, 6))
    n = draw(st.integers(1, 8))
    return [[draw(st.one_of(st.none(), st.integers(0, 20))) for _ in range(m)] for _ in range(n)]


SETTINGS = settings(max_examples=80, deadline=None)


@SETTINGS
@given(st.lists(st.integers(0, 20), min_size=1, max_size=8), st.integers(2, 6), st.data())
def test_alpha_is_one_when_each_unit_agrees(levels, m, data) -> None:
    units = []
    for level in levels:
        row = [level] * m
        for j in data.draw(st.sets(st.integers(0, m - 1), max_size=m - 2)):
            row[j] = None  # missing values, at least two left per unit
        units.append(row)
    value = krippendorff_alpha(units)
    if len(set(levels)) < 2:
        assert value is None  # no variation at all: undefined
    else:
        assert value == 1


@SETTINGS
@given(reliability(), st.randoms(use_true_random=False))
def test_alpha_ignores_the_order_of_jurors_and_pitches(units, rnd: random.Random) -> None:
    value = krippendorff_alpha(units)
    order = list(range(len(units[0])))
    rnd.shuffle(order)
    shuffled = [[row[j] for j in order] for row in units]
    rnd.shuffle(shuffled)
    assert krippendorff_alpha(shuffled) == value
    assert krippendorff_alpha(shuffled, "nominal") == krippendorff_alpha(units, "nominal")


@SETTINGS
@given(reliability(), st.integers(1, 5), st.integers(-10, 10))
def test_interval_alpha_is_affine_invariant(units, scale, shift) -> None:
    value = krippendorff_alpha(units)
    moved = [[None if v is None else scale * v + shift for v in row] for row in units]
    assert krippendorff_alpha(moved) == value


@SETTINGS
@given(reliability())
def test_interval_alpha_matches_the_coincidence_matrix(units) -> None:
    """The sum-of-squares form equals the textbook coincidence-matrix form."""
    pairable = [[v for v in row if v is not None] for row in units]
    pairable = [row for row in pairable if len(row) >= 2]
    assume(pairable)
    n = sum(len(r) for r in pairable)
    observed = sum(
        F((a - b) ** 2, len(r) - 1)
        for r in pairable
        for i, a in enumerate(r)
        for j, b in enumerate(r)
        if i != j
    )
    values = [v for r in pairable for v in r]
    expected = sum((a - b) ** 2 for a in values for b in values)
    value = krippendorff_alpha(units)
    if expected == 0:
        assert value is None
    else:
        assert value == 1 - (n - 1) * observed / expected
