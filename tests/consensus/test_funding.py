"""The funding line: rules, pots, cap, ties at the line, decisions, transfers."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

from pitchroom.domain.consensus import PotIn, PotTransfer, TieDecision, rank

from .helpers import multi, ranks, single, statuses


def with_decisions(inp, **decisions):
    pitches = []
    for p in inp.pitches:
        d = decisions.get(p.key)
        if d == "withdrawn":
            pitches.append(dataclasses.replace(p, withdrawn=True))
        elif isinstance(d, tuple):
            pitches.append(dataclasses.replace(p, decision=d[0], granted=F(d[1])))
        elif d:
            pitches.append(dataclasses.replace(p, decision=d))
        else:
            pitches.append(p)
    return dataclasses.replace(inp, pitches=tuple(pitches))


THREE = {"a": [9, 9], "b": [8, 8], "c": [7, 7], "d": [6, 6]}
AMOUNTS = {"a": 60, "b": 60, "c": 30, "d": 10}


def test_skip_and_strict_fund_different_sets() -> None:
    skip = rank(single(THREE, requested=AMOUNTS, budget=F(100)), "mean")
    strict = rank(single(THREE, requested=AMOUNTS, budget=F(100), funding_rule="strict"), "mean")
    assert skip.funded == ("a", "c", "d")
    assert strict.funded == ("a",)
    assert skip.first_unfunded == strict.first_unfunded == "b"
    assert skip.left == F(0) and strict.left == F(40)
    assert statuses(strict)["d"] == "reserve"


def test_max_funded_caps_over_all_pitches() -> None:
    r = rank(single(THREE, requested=AMOUNTS, max_funded=2), "mean")
    assert r.funded == ("a", "b") and r.first_unfunded == "c"
    assert r.budget is None and r.left is None


def test_pots_and_a_pitch_that_fits_none() -> None:
    pots = (
        PotIn("small", F(100), max_requested=F(50)),
        PotIn("large", F(150), min_requested=F(51), max_requested=F(100)),
    )
    req = {"a": 60, "b": 100, "c": 30, "d": 40, "e": 500}
    scores = {**THREE, "e": [10, 10]}
    r = rank(single(scores, requested=req, pots=pots, budget=F(250)), "mean")
    assert {row.pitch: row.pot for row in r.rows} == {
        "e": None,
        "a": "large",
        "b": "large",
        "c": "small",
        "d": "small",
    }
    assert statuses(r) == {
        "e": "ineligible",
        "a": "funded",
        "b": "reserve",
        "c": "funded",
        "d": "funded",
    }
    assert [(p.key, p.budget, p.left, p.first_unfunded) for p in r.pots] == [
        ("small", F(100), F(30), None),
        ("large", F(150), F(90), "b"),
    ]
    assert r.first_unfunded == "b"
    j = r.to_json()
    assert j["pots"][1] == {"key": "large", "budget": 150, "left": 90, "first_unfunded": "b"}
    # The chair moves 10 from small to large: b now fits.
    moved = rank(
        single(
            scores,
            requested=req,
            pots=pots,
            budget=F(250),
            pot_transfers=(PotTransfer("small", "large", F(10)),),
        ),
        "mean",
    )
    assert statuses(moved)["b"] == "funded"
    assert [(p.key, p.budget, p.left) for p in moved.pots] == [
        ("small", F(90), F(20)),
        ("large", F(160), F(0)),
    ]


def test_tie_broken_by_criteria_priority() -> None:
    inp = multi(
        {"a": [[6, 8]], "b": [[8, 6]], "z": [[1, 1]]},
        requested={"a": 100, "b": 100, "z": 1},
        budget=F(100),
    )
    r = rank(inp, "mean")
    assert ranks(r) == {"b": 1, "a": 1, "z": 3}
    assert r.funded == ("b",) and r.row("b").tie_break == "criteria"
    assert [row.pitch for row in r.rows][:2] == ["b", "a"]
    assert r.ties_at_line == ()


def test_tie_broken_head_to_head() -> None:
    inp = single({"a": [5, 8, 8], "b": [9, 6, 6]}, requested={"a": 100, "b": 100}, budget=F(100))
    r = rank(inp, "mean")
    assert ranks(r) == {"a": 1, "b": 1}
    assert r.funded == ("a",) and r.row("a").tie_break == "head_to_head"


TIED = {"a": [8, 6], "b": [6, 8], "c": [2, 2]}


def test_tie_by_chair_decision() -> None:
    inp = single(
        TIED,
        requested={"a": 100, "b": 100, "c": 100},
        budget=F(100),
        tie_decisions=(TieDecision(("b", "a")),),
    )
    r = rank(inp, "mean")
    assert r.funded == ("b",) and r.row("b").tie_break == "decision"
    assert r.first_unfunded == "a"


def test_unresolved_tie_at_the_line_is_reported_not_broken() -> None:
    inp = single(TIED, requested={"a": 100, "b": 100, "c": 10}, budget=F(150))
    r = rank(inp, "mean")
    assert r.funded == ()
    assert r.ties_at_line == (("a", "b"),)
    assert r.row("a").tie == ("a", "b") and r.row("b").tie == ("a", "b")
    assert statuses(r) == {"a": "reserve", "b": "reserve", "c": "reserve"}
    assert r.to_json()["ties_at_line"] == [["a", "b"]]
    # Reversing the input order changes nothing.
    rev = dataclasses.replace(inp, pitches=inp.pitches[::-1])
    assert rank(rev, "mean").to_json() == r.to_json()


def test_tie_that_fits_entirely_is_no_problem() -> None:
    inp = single(TIED, requested={"a": 100, "b": 100, "c": 10}, budget=F(250))
    r = rank(inp, "mean")
    assert set(r.funded) == {"a", "b", "c"} and r.ties_at_line == ()


def test_award_and_reject_come_first() -> None:
    base = single(THREE, requested=AMOUNTS, budget=F(100))
    r = rank(with_decisions(base, a="reject", d=("award", 40)), "mean")
    assert statuses(r) == {"a": "ineligible", "b": "funded", "c": "reserve", "d": "funded"}
    assert r.row("d").granted == F(40) and r.left == F(0)
    assert r.row("a").decision == "reject"
    assert r.first_unfunded == "c"
    reserve = rank(with_decisions(base, a="reserve"), "mean")
    assert statuses(reserve)["a"] == "reserve" and reserve.funded == ("b", "c", "d")


def test_award_of_a_pending_pitch_is_funded() -> None:
    inp = single({"a": [9, 9], "b": [8, None]}, requested={"a": 10, "b": 20}, budget=F(25))
    r = rank(with_decisions(inp, b="award"), "mean")
    assert r.row("b").rank is None and r.row("b").status == "funded"
    assert r.row("a").status == "reserve" and r.left == F(5)


def test_withdrawn_funded_pitch_lets_the_reserve_move_up() -> None:
    base = single(THREE, requested={"a": 50, "b": 50, "c": 50, "d": 50}, budget=F(100))
    assert rank(base, "mean").funded == ("a", "b")
    r = rank(with_decisions(base, a="withdrawn"), "mean")
    assert r.funded == ("b", "c") and r.first_unfunded == "d"
    assert r.row("a").status == "withdrawn" and r.rows[-1].pitch == "a"
