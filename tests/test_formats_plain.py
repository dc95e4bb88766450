"""Numbers are written without Babel's locale data (pitchroom.i18n.formats._grouped)
exactly as Babel writes them with the same patterns, in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom.i18n import formats, set_language

values = st.one_of(
    st.integers(-(10**15), 10**15).map(Decimal),
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("-0"), Decimal("-0.001"), Decimal("0.005"), Decimal("-0.5")]),
)


@pytest.mark.parametrize("lang", ["en", "nl"])
@settings(max_examples=200, deadline=None)
@given(value=values, places=st.integers(0, 4))
def test_numbers_are_written_as_babel_writes_them(lang: str, value: Decimal, places: int) -> None:
    set_language(lang)
    try:
        locale = formats.locale()
        rounded = value.quantize(Decimal(1).scaleb(-places))
        fixed = "#,##0" + ("." + "0" * places if places else "")
        loose = "#,##0" + ("." + "#" * places if places else "")
        assert formats.fixed(value, places) == format_decimal(rounded, fixed, locale=locale)
        assert formats.number(value, places) == format_decimal(rounded, loose, locale=locale)
    finally:
        set_language("en")


def test_what_is_not_a_finite_number_is_left_to_babel() -> None:
    assert formats._grouped(Decimal("NaN"), keep_zeros=True) is None
    assert formats._grouped(Decimal("Infinity"), keep_zeros=False) is None
