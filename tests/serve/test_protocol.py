"""What a page may send, read strictly; what the server tells a page fits a close frame."""

from __future__ import annotations

import pytest

from pitchroom.i18n import speaking, t
from pitchroom.serve.protocol import (
    Focus,
    Ignored,
    Ping,
    Refused,
    Resize,
    Stdin,
    read_message,
    terminal_size,
)
from pitchroom.serve.stations import CLOSE_REASON_BYTES, close_reason


def test_the_pages_messages_are_read() -> None:
    assert read_message('["stdin", "8\\r"]') == Stdin(b"8\r")
    assert read_message('["resize", {"width": 120, "height": 40}]') == Resize(120, 40)
    assert read_message('["ping", "1733050000000"]') == Ping("1733050000000")
    assert read_message('["focus"]') == Focus(True) and read_message('["blur"]') == Focus(False)
    assert read_message('["something", 1]') == Ignored("something")


@pytest.mark.parametrize(
    ("size", "clamped"),
    [
        ({"width": -5, "height": 0}, (10, 5)),
        ({"width": 10**12, "height": 10**12}, (500, 200)),
        ({"width": 80.9, "height": 24.2}, (80, 24)),
    ],
)
def test_sizes_are_clamped(size: dict[str, object], clamped: tuple[int, int]) -> None:
    import json

    assert read_message(json.dumps(["resize", size])) == Resize(*clamped)


def test_the_size_in_the_address_is_clamped_or_the_default() -> None:
    assert terminal_size("-1", "999999") == (10, 200)
    assert terminal_size("abc", "9" * 5000) == (80, 24)
    assert terminal_size(None, None) == (80, 24)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x",
        "[]",
        "[1]",
        '["stdin", 1]',
        '["resize", {"width": null, "height": 1}]',
        '["resize", {"width": NaN, "height": 1}]',
        '["ping", {}]',
        "[" * 5000,
    ],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(Refused):
        read_message(text)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_reason_shown_to_a_page_fits_a_close_frame(language: str) -> None:
    with speaking(language):
        for key in ("closed", "taken_over", "refused", "stopped"):
            text = t(f"station.serve_{key}")
            assert len(text.encode("utf-8")) <= CLOSE_REASON_BYTES, (language, key)
            assert close_reason(text) == text.encode("utf-8")
    assert close_reason("é" * 100).decode("utf-8") == "é" * 61  # whole characters only
