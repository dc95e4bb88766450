"""pitchroom.jsontext writes what json.dumps(obj, ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom import jsontext


def reference(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # control characters, quotes, backslashes, surrogates, non-ASCII
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_same_text_as_json_dumps(obj: Any) -> None:
    assert jsontext.dumps(obj) == reference(obj)


def test_the_ranking_report_shape() -> None:
    """Rows of scalars, pairs, None and a flat dict, nested two deep, as ``ranking --json``."""
    row = {
        "rank": 1,
        "pitch": "p1",
        "title": 'Quote " and \\ and \n and é and \u2028',
        "score": 6.067368,
        "flagged": True,
        "interval": [1, 1],
        "bootstrap": None,
        "pot": None,
        "ties": [],
        "criteria": {"c0": 6.22, "c1": 6, "c2": -0.0},
        "empty": {},
    }
    report = {"protocol": "ab" * 32, "ranking": [row, dict(row, rank=2)], "ties_at_line": [[]]}
    assert jsontext.dumps(report) == reference(report)


@pytest.mark.parametrize(
    "obj",
    [
        {1: "a", "b": [2]},  # a key json.dumps turns into a string
        {"a": {None: 1, 2.5: [3]}},
        {"a": [OrderedDict(b=1)]},  # a dict subclass
        [math.inf, -math.inf, math.nan],
        [True, False, None, 0, -1, 1.0, 1e300, 5e-324],
    ],
)
def test_what_the_fast_walk_leaves_to_json_dumps_is_the_same(obj: Any) -> None:
    assert jsontext.dumps(obj) == reference(obj)


def test_a_value_json_cannot_write_fails_as_json_dumps_fails() -> None:
    for obj in ({"a": Fraction(1, 3)}, [{"a": [object()]}]):
        with pytest.raises(TypeError) as ours:
            jsontext.dumps(obj)
        with pytest.raises(TypeError) as theirs:
            reference(obj)
        assert str(ours.value) == str(theirs.value)


def test_flat_containers_go_through_the_c_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The speed comes from the C encoder: without it the walk would be the slow one."""
    calls: list[int] = []
    real = jsontext._Writer.flat

    def counted(self: Any, depth: int) -> Any:
        calls.append(depth)
        return real(self, depth)

    monkeypatch.setattr(jsontext._Writer, "flat", counted)
    jsontext.dumps({"ranking": [{"interval": [1, 2], "criteria": {"c": 1}}]})
    assert calls == [4, 4]
