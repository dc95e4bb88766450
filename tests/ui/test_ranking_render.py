"""Rendering the ranking report: why a pitch is not eligible, the discuss flag."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from rich.console import Console

from pitchroom.domain.consensus.result import PotResult, Ranking, Row
from pitchroom.ui.widgets.ranking_funding import funding_view
from pitchroom.ui.widgets.ranking_rows import short_title
from pitchroom.ui.widgets.ranking_table import (
    ranking_head,
    ranking_table,
    ranking_view,
)
from tests.rankings import ranking
from tests.rankings import row as _row


def _plain(renderable: Any, width: int = 120) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def _ranking(rows: list[Row]) -> Ranking:
    return dataclasses.replace(REPORT, rows=tuple(rows))


REPORT = ranking(
    [
        _row(
            "a",
            "Alpha with a title far too long for its column in any table",
            "funded",
            flagged=True,
        ),
        _row("k", "Kompas", "ineligible", criteria={"feasibility": Fraction("5.2")}),
        _row("n", "Nowhere", "ineligible", pot=None),
        _row("r", "Rejected [b]bold[/b]", "ineligible", decision="reject"),
    ],
    budget=Fraction(400_000),
    left=Fraction(0),
    pots=(PotResult(key="small", budget=Fraction(400_000), left=Fraction(0), first_unfunded=None),),
)


def test_ineligible_pitches_say_why() -> None:
    text = _plain(
        funding_view(
            REPORT, "EUR", {"small": "Small projects"}, {"feasibility": ("Feasibility", "5.5")}
        )
    )
    assert "Not eligible for funding" in text
    assert "Kompas: Feasibility 5.20, below its threshold of 5.5" in text
    assert "Nowhere: its requested amount fits no pot" in text
    assert "Rejected [b]bold[/b]: rejected by the jury" in text
    assert "Alpha" not in text.split("Not eligible")[1]


def test_discuss_flag_survives_a_cut_title() -> None:
    text = _plain(ranking_table(REPORT, compact=False, width=60), width=60)
    flagged = next(line for line in text.splitlines() if "Alpha" in line)
    assert "⚑ Alpha" in flagged and "…" in flagged


def test_live_panel_shows_the_name_before_a_colon() -> None:
    assert short_title("Leesplank: reading support in every library app") == "Leesplank"
    assert short_title("No colon here") == "No colon here"
    assert short_title("A: b") == "A: b"  # too short a name to stand alone
    assert short_title("Ends with a colon:") == "Ends with a colon:"
    report = _ranking(
        [
            _row("l", "Leesplank: reading support in every library app", "funded"),
            _row("w", "Waterwijs: open flood-risk data", "reserve"),
        ]
    )
    text = _plain(ranking_view(report, compact=True, currency="EUR"), width=40)
    assert "Leesplank" in text and "Waterwijs" in text and "reading" not in text
    assert "k: the full ranking" in text


def test_live_panel_shows_the_top_and_says_how_many_more() -> None:
    rows = [_row(f"p{i}", f"Pitch {i}", "funded") for i in range(60)]
    text = _plain(ranking_view(_ranking(rows), compact=True, limit=40), width=60)
    assert "Pitch 39" in text and "Pitch 40" not in text
    assert "… and 20 more: k shows them all" in text
    short = _plain(ranking_view(_ranking(rows[:9]), compact=True, limit=40))
    assert "more:" not in short


def test_ranking_head_says_how_the_bootstrap_was_made() -> None:
    extras = dataclasses.replace(
        REPORT, agreement=0.5, rows=(_row("a", "Alpha", "funded", bootstrap=(1, 2)),)
    )
    assert "bootstrap: exact" in ranking_head(REPORT, extras).plain
    seeded = ranking_head(REPORT, dataclasses.replace(extras, seed=7)).plain
    assert "bootstrap: seeded resampling, seed 7" in seeded
    assert "bootstrap" not in ranking_head(REPORT, None, waiting=True).plain


def test_with_pots_each_pot_has_its_own_funding_line() -> None:
    """9.10: grouped by pot, each pot's line under its last funded pitch, so no funded
    pitch is below a line and no line has a pot's reserve pitch above it wrongly."""
    rows = [
        _row("a", "Alpha", "funded", rank=1, pot="large"),
        _row("b", "Bravo", "reserve", rank=2, pot="large"),
        _row("c", "Charlie", "funded", rank=3, pot="small"),
        _row("d", "Delta", "funded", rank=4, pot="small"),
        _row("e", "Echo", "reserve", rank=5, pot="small"),
    ]
    report = ranking(
        rows,
        pots=(
            PotResult("small", Fraction(200_000), Fraction(0), "e"),
            PotResult("large", Fraction(100_000), Fraction(0), "b"),
        ),
    )
    names = {"small": "Small projects", "large": "Large projects"}
    lines = _plain(ranking_table(report, compact=False, pot_names=names, width=100)).splitlines()
    marks = ("Small projects", "Large projects", "━", "Alpha", "Bravo", "Charlie", "Delta", "Echo")
    order = [next((m for m in marks if m in line), "") for line in lines]
    assert [o for o in order if o] == [
        "Small projects",
        "Charlie",
        "Delta",
        "━",
        "Echo",
        "Large projects",
        "Alpha",
        "━",
        "Bravo",
    ]
