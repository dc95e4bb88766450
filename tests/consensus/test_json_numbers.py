"""``Ranking.to_json`` writes each Fraction's number once (result._Numbers): the same
number, of the same type, as :func:`num` gives it, however often a value repeats."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from pitchroom.domain.consensus.result import _Numbers, num

values = st.one_of(
    st.fractions(max_denominator=10**6),
    st.integers(min_value=-(2**60), max_value=2**60),
    st.floats(allow_nan=False, allow_infinity=False),  # a ranking holds no infinity
    st.booleans(),
    st.none(),
)


@given(st.lists(values, max_size=40), st.randoms(use_true_random=False))
def test_the_numbers_are_nums_however_they_repeat(items: list[object], rng) -> None:
    repeated = items + rng.sample(items, len(items))  # each seen again, in another order
    numbers = _Numbers()
    got = [numbers.num(v) for v in repeated]  # type: ignore[arg-type]
    want = [num(v) for v in repeated]  # type: ignore[arg-type]
    assert got == want
    assert [type(g) for g in got] == [type(w) for w in want]


def test_equal_fractions_of_other_spellings_are_one_number() -> None:
    numbers = _Numbers()
    assert numbers.num(Fraction(2, 4)) == numbers.num(Fraction(1, 2)) == 0.5
    assert numbers.num(Fraction(6, 3)) == 2 and type(numbers.num(Fraction(4, 2))) is int
    # an int and a float are never taken for a Fraction seen before
    assert type(numbers.num(Fraction(3))) is int and type(numbers.num(3.0)) is int
    assert numbers.num(True) == 1 and numbers.num(None) is None
