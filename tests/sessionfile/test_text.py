"""Control characters: refused in stored text, stripped from shown text."""

from __future__ import annotations

from pitchroom.domain.text import find_control_chars, first_control_char, strip_control


def test_find_control_chars() -> None:
    assert find_control_chars("Pitch \x1b[2J")
    assert find_control_chars("CSI \x9b")
    assert find_control_chars("DEL \x7f")
    assert find_control_chars("line\nbreak")
    assert not find_control_chars("line\nbreak\twith tab\r\n", allow_newlines=True)
    assert find_control_chars("bell\x07", allow_newlines=True)
    assert find_control_chars("lone \r return", allow_newlines=True)
    assert not find_control_chars("Café — ünïcode \u200fRTL mark")
    assert find_control_chars("an override \u202eRTL")  # refused: it can spoof text
    assert find_control_chars("an isolate \u2067RTL\u2069")
    assert first_control_char("a\x1bb\x07") == "\x1b"


def test_strip_control() -> None:
    assert strip_control("\x1b[31mred\x1b[0m") == "[31mred[0m"
    assert strip_control("a\x9bb\x7fc") == "abc"
    assert strip_control("two\nlines\tand tab") == "two lines and tab"
    assert strip_control("two\r\nlines\x00", allow_newlines=True) == "two\nlines"
    assert strip_control("bidi \u202e gone \u2067x\u2069") == "bidi  gone x"
    assert strip_control("zero\u200bwidth\ufeff") == "zerowidth"
    assert (
        strip_control("emoji \U0001f469\u200d\U0001f4bb kept")
        == "emoji \U0001f469\u200d\U0001f4bb kept"
    )
