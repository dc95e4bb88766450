"""Funding with proposals decided at pre-selection: granted ones are funded first
(against their pot, the budget and ``max_funded``), rejected ones never."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

from pitchroom.domain.consensus import PotIn, rank

from .helpers import single, statuses

SCORES = {
    "pre1": [None, None],
    "pre2": [None, None],
    "out": [None, None],
    "a": [9, 9],
    "b": [8, 8],
    "c": [7, 7],
    "d": [6, 6],
}
AMOUNTS = {"pre1": 100, "pre2": 60, "out": 10, "a": 60, "b": 60, "c": 30, "d": 10}


def staged(inp, **stages):
    """``pre1=("preselected", 80)``: the stage, and the amount granted (None: requested)."""
    pitches = []
    for p in inp.pitches:
        stage = stages.get(p.key)
        if stage is None:
            pitches.append(p)
        else:
            name, granted = stage if isinstance(stage, tuple) else (stage, None)
            pitches.append(
                dataclasses.replace(p, stage=name, granted=None if granted is None else F(granted))
            )
    return dataclasses.replace(inp, pitches=tuple(pitches))


def day(**kw):
    inp = single(SCORES, requested=AMOUNTS, **kw)
    return staged(inp, pre1=("preselected", 80), pre2="preselected", out="rejected")


def test_without_pots_the_grants_come_off_the_budget_first() -> None:
    r = rank(day(budget=F(250)), "mean")
    status = statuses(r)
    assert status["pre1"] == status["pre2"] == "funded"
    assert r.row("pre1").granted == F(80) and r.row("pre2").granted == F(60)
    # 250 - 80 - 60 = 110 left for the pitches: a (60) then b does not fit, c (30), d (10)
    assert [p for p in r.funded if p not in ("pre1", "pre2")] == ["a", "c", "d"]
    assert r.left == F(250 - 80 - 60 - 60 - 30 - 10)
    assert status["out"] == "ineligible" and r.row("out").decision == "reject"
    assert r.row("pre1").decision == "award" and r.row("pre1").rank is None


def test_rows_put_the_preselection_first_and_the_rejected_last() -> None:
    r = rank(day(budget=F(250)), "mean")
    assert [row.pitch for row in r.rows] == ["pre1", "pre2", "a", "b", "c", "d", "out"]
    assert r.row("pre2").cumulative == F(140)
    assert r.row("a").cumulative == F(200)
    assert r.first_unfunded == "b"


def test_the_grants_count_against_max_funded() -> None:
    r = rank(day(max_funded=3), "mean")
    assert set(r.funded) == {"pre1", "pre2", "a"}
    assert r.first_unfunded == "b"
    assert statuses(r)["b"] == "reserve"


def test_with_pots_each_grant_takes_its_own_pot_first() -> None:
    pots = (
        PotIn("small", F(120), max_requested=F(50)),
        PotIn("large", F(200), min_requested=F(51)),
    )
    inp = single(SCORES, requested=AMOUNTS, pots=pots, budget=F(320))
    inp = staged(inp, pre1=("preselected", 80), pre2="preselected", out="rejected")
    r = rank(inp, "mean")
    left = {p.key: p.left for p in r.pots}
    # large: 200 - 80 (pre1) - 60 (pre2) = 60: a (60) fits, b (60) does not
    # small: 120: c (30) and d (10) fit; the rejected 10 is never funded
    assert set(r.funded) == {"pre1", "pre2", "a", "c", "d"}
    assert left == {"large": F(0), "small": F(80)}
    assert {p.key: p.first_unfunded for p in r.pots} == {"large": "b", "small": None}
    assert r.row("pre1").pot == "large" and r.row("out").status == "ineligible"


def test_a_rejected_proposal_with_scores_is_still_never_funded() -> None:
    inp = staged(single({"a": [9, 9], "b": [5, 5]}, budget=F(1000)), a="rejected")
    r = rank(inp, "mean")
    assert r.funded == ("b",)
    assert statuses(r)["a"] == "ineligible"


def test_ranks_ignore_the_preselection() -> None:
    plain = rank(single({k: v for k, v in SCORES.items() if v[0]}, requested=AMOUNTS), "mean")
    with_pre = rank(day(), "mean")
    assert {r.pitch: r.rank for r in plain.rows} == {
        r.pitch: r.rank for r in with_pre.rows if r.stage == "pitch"
    }
