"""pitchroom.i18n.formats: the one home of numbers, money and dates shown to people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from pitchroom import i18n
from pitchroom.i18n import formats


@pytest.fixture(params=["en", "nl"])
def lang(request: pytest.FixtureRequest) -> str:
    i18n.set_language(request.param)
    return str(request.param)


CASES = {
    "en": {
        "money": "EUR 4,000,000",
        "cents": "EUR 1,250.50",
        "score": "7.5",
        "whole": "7",
        "total": "7.25",
        "total2": "8.00",
        "big": "4,000,000",
        "percent": "12.5%",
        "date": "12 June 2024",
        "signed": "-0.08",
        "list": "a, b or c",
    },
    "nl": {
        "money": "€ 4.000.000",
        "cents": "€ 1.250,50",
        "score": "7,5",
        "whole": "7",
        "total": "7,25",
        "total2": "8,00",
        "big": "4.000.000",
        "percent": "12,5%",
        "date": "12 juni 2024",
        "signed": "-0,08",
        "list": "a, b of c",
    },
}


def test_formats_follow_the_language(lang: str) -> None:
    want = CASES[lang]
    assert formats.money(Decimal("4000000"), "EUR") == want["money"]
    assert formats.money(Decimal("1250.50"), "EUR") == want["cents"]
    assert formats.score(Fraction(15, 2), Decimal("0.5")) == want["score"]
    assert formats.score(7, 1) == want["whole"]
    assert formats.total(Fraction(29, 4)) == want["total"]
    assert formats.total(8) == want["total2"]
    assert formats.number(4_000_000) == want["big"]
    assert formats.percent(0.125) == want["percent"]
    assert formats.date(dt.date(2024, 6, 12)) == want["date"]
    assert formats.signed(-0.08) == want["signed"]
    assert formats.signed(0.42).startswith("+")
    assert formats.listing(["a", "b", "c"], style="or") == want["list"]


def test_scores_keep_the_decimals_the_scale_allows() -> None:
    assert formats.places_of(1) == 0
    assert formats.places_of(Decimal("0.5")) == 1
    assert formats.places_of(Decimal("0.25")) == 2
    assert formats.score(Fraction(29, 4), 1) == "7"  # a whole-step scale shows whole scores
    assert formats.score(Fraction(29, 4), Decimal("0.25")) == "7.25"


def test_no_formatter_outside_the_module() -> None:
    """Thousands separators and fixed decimals for people come from formats only."""
    import re
    from pathlib import Path

    package = Path(formats.__file__).resolve().parents[1]
    pattern = re.compile(r"""\{[^{}]*:[+]?,?\.?\d*[,]?[fg%]\}|:,\.|\{[^{}]*:,\}""")
    found = []
    for source in package.rglob("*.py"):
        if source.name == "formats.py" or "consensus" in source.relative_to(package).parts:
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{source.relative_to(package)}:{number}: {line.strip()}")
    assert found == []
