"""cli.jsontext.dumps writes exactly the text of json.dumps(..., ensure_ascii=False, indent=2)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom.cli import jsontext

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=30,
)


def _stdlib(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


@settings(max_examples=500, deadline=None)
@given(values)
def test_the_same_text_as_json_dumps(obj: Any) -> None:
    assert jsontext.dumps(obj) == _stdlib(obj)


def test_unusual_keys_and_values_are_left_to_json_dumps() -> None:
    class Text(str):
        pass

    for obj in ({1: "a", None: [1.5]}, {"a": Text("b")}, [{"é\n": (1, True)}], {"x": 10**30}):
        assert jsontext.dumps(obj) == _stdlib(obj)


def test_a_container_inside_itself_raises_as_json_dumps_does() -> None:
    loop: list[Any] = [1]
    loop.append(loop)
    try:
        jsontext.dumps(loop)
    except ValueError as err:
        assert "Circular" in str(err)
    else:
        raise AssertionError("no error")
