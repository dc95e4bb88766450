"""Hand-computed sessions, TV-17 (bootstrap/LOO), TV-21 (Olympic mean), TV-22 (flags)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

import numpy as np
import pytest

from pitchroom.domain.consensus import METHODS, juror_totals, rank, with_extras
from pitchroom.domain.consensus.prepare import aggregate, prepare
from pitchroom.domain.consensus.resample import float_keys, float_ranks, multisets

from .helpers import multi, ranks, single, statuses

# Criteria: c0 weight 2 (threshold 5), c1 weight 1. Jurors j0, j1, j2.
SMALL = {
    "p": [[8, 6], [7, 7], [6, 9]],
    "q": [[9, 5], [7, 8], [1, 1]],  # j2 recused on q: the 1s never count
    "r": [[5, 5], [6, None], [7, 7]],  # j1 has not scored c1: pending
}


def small(**kw):
    return multi(
        SMALL,
        weights=[2, 1],
        thresholds=[5, None],
        requested={"p": 100, "q": 250, "r": 50},
        ineligible=frozenset({("q", "j2")}),
        budget=F(300),
        **kw,
    )


def test_small_session_mean_by_hand() -> None:
    r = rank(small(), "mean")
    p, q, rr = r.row("p"), r.row("q"), r.row("r")
    assert p.score == F(64, 9)  # (2*7 + 22/3) / 3
    assert q.score == F(15, 2)  # (2*8 + 13/2) / 3, over j0 and j1 only
    assert rr.score == F(6)  # provisional: c0 6, c1 (5+7)/2
    assert (q.rank, p.rank, rr.rank) == (1, 2, None)
    assert statuses(r) == {"q": "funded", "p": "reserve", "r": "pending"}
    assert (q.jurors, q.eligible, q.complete) == (2, 2, 2)
    assert (rr.jurors, rr.complete) == (3, 2)
    assert p.criteria == {"c0": F(7), "c1": F(22, 3)}
    assert p.spread == F(1, 3) and q.spread == F(1, 3)
    assert not p.flagged
    assert r.first_unfunded == "p" and r.left == F(50)
    assert [row.pitch for row in r.rows] == ["q", "p", "r"]
    assert q.cumulative == F(250) and q.granted == F(250) and p.granted is None


def test_small_session_quorum_ranks_the_pending_pitch() -> None:
    r = rank(small(quorum=2), "mean")
    assert ranks(r) == {"q": 1, "p": 2, "r": 3}
    assert statuses(r) == {"q": "funded", "p": "reserve", "r": "funded"}


def test_small_session_median_and_totals() -> None:
    r = rank(small(), "median")
    assert r.row("p").score == F(7)
    assert juror_totals(small(), "q") == {"j0": F(23, 3), "j1": F(22, 3), "j2": F(1)}
    assert juror_totals(small(), "q", eligible_only=True) == {"j0": F(23, 3), "j1": F(22, 3)}
    assert juror_totals(small(), "r")["j1"] == F(6)  # weighted mean of what was scored


def test_recused_scores_never_count() -> None:
    base = small()
    scores = dict(base.scores)
    scores[("q", "j2", "c0")] = F(10)
    scores[("q", "j2", "c1")] = F(10)
    other = dataclasses.replace(base, scores=scores)
    for method in METHODS:
        assert rank(base, method).to_json() == rank(other, method).to_json()


def test_thresholds_make_ineligible() -> None:
    inp = multi({"a": [[4, 9], [5, 9]], "b": [[6, 6], [6, 6]]}, thresholds=[5, None])
    r = rank(inp, "mean")
    assert r.row("a").rank == 1 and r.row("a").status == "ineligible"
    assert r.row("a").thresholds_met is False
    assert r.row("b").status == "funded"  # no budget: unlimited
    # Majority tests the majority grade: lower median of [4, 5] is 4 < 5.
    assert rank(inp, "majority").row("a").status == "ineligible"


def test_status_withdrawn_unscored_held_back() -> None:
    inp = single(
        {"a": [5, 6], "b": [None, None], "c": [7, 7], "d": [8, 8]}, held_back=frozenset({"d"})
    )
    pitches = tuple(dataclasses.replace(p, withdrawn=p.key == "c") for p in inp.pitches)
    r = rank(dataclasses.replace(inp, pitches=pitches), "mean")
    assert statuses(r) == {"a": "funded", "d": "pending", "b": "unscored", "c": "withdrawn"}
    assert r.row("d").score is None and r.row("c").rank is None
    assert [row.pitch for row in r.rows] == ["a", "d", "b", "c"]


def test_tv21_olympic_mean() -> None:
    inp = single({"p": [7, 8, 8, 9, 10, 3, 8]})
    assert rank(inp, "mean").row("p").score == F(53, 7)
    assert rank(inp, "trimmed").row("p").score == F(8)
    assert rank(inp, "median").row("p").score == F(8)
    four = single({"p": [3, 8, 9, 10]})  # fewer than 5: nothing trimmed
    assert rank(four, "trimmed").row("p").score == F(15, 2)


@pytest.mark.parametrize(
    ("grades", "flag"), [([1, 4, 5], True), ([3, 4, 4], False), ([2, 5, 3, 4, 1], True)]
)
def test_tv22_disagreement_flag_on_spread(grades: list[int], flag: bool) -> None:
    inp = single({"p": grades}, scale=(1, 5), discuss_spread=F(3))
    row = rank(inp, "mean").row("p")
    assert row.spread == max(grades) - min(grades)
    assert row.flagged is flag


TV17 = {"A": [8, 6, 9], "B": [7, 7, 6], "C": [5, 6, 7]}


def test_tv17_exact_bootstrap_distribution() -> None:
    prep = prepare(single(TV17))
    ranked = np.array([0, 1, 2])
    dist = {i: {} for i in range(3)}
    total = 0
    for counts, w in multisets(3):
        total += w
        keys = float_keys(prep, aggregate(prep, counts), "mean", counts)
        for i, r in float_ranks(keys, ranked).items():
            dist[i][r] = dist[i].get(r, 0) + w
    assert total == 27
    assert dist[0] == {1: 23, 2: 4}
    assert dist[1] == {1: 4, 2: 19, 3: 4}
    assert dist[2] == {2: 8, 3: 19}


def test_tv17_intervals_through_with_extras() -> None:
    r = with_extras(single(TV17), "mean")
    assert ranks(r) == {"A": 1, "B": 2, "C": 3}
    assert {row.pitch: row.interval for row in r.rows} == {"A": (1, 1), "B": (1, 2), "C": (2, 3)}
    assert {row.pitch: row.bootstrap for row in r.rows} == {"A": (1, 2), "B": (1, 3), "C": (2, 3)}
    assert r.seed is None  # exact enumeration
    j = r.to_json()
    assert j["ranking"][1]["interval"] == [1, 2]


def test_bootstrap_is_seeded_beyond_eight_jurors() -> None:
    inp = single({"a": [5, 6, 7, 8, 9, 5, 6, 7, 8, 9], "b": [6, 6, 6, 7, 7, 7, 8, 8, 5, 5]})
    one = with_extras(inp, "mean", seed=3, resamples=300)
    two = with_extras(inp, "mean", seed=3, resamples=300)
    assert one.seed == 3 and one.to_json() == two.to_json()
    assert one.to_json()["bootstrap_seed"] == 3


def test_juror_leniency_and_spread() -> None:
    inp = single({"a": [5, 7], "b": [7, 9], "c": [6, 8]})
    stats = {s.juror: s for s in with_extras(inp, "mean").jurors}
    assert stats["j0"].leniency == pytest.approx(-1) and stats["j1"].leniency == pytest.approx(1)
    assert stats["j0"].spread == pytest.approx(1.0) and stats["j0"].pitches == 3


def test_fragile_flags() -> None:
    # Budget fits one of two close pitches; leaving out j0 flips them.
    inp = single({"a": [9, 6, 6], "b": [5, 7, 7]}, budget=F(100))
    r = with_extras(inp, "mean")
    assert statuses(r) == {"a": "funded", "b": "reserve"}
    assert r.row("a").fragile is True and r.row("b").fragile is True
    calm = with_extras(single({"a": [9, 9, 9], "b": [2, 2, 3]}, budget=F(100)), "mean")
    assert calm.row("a").fragile is False and calm.row("b").fragile is False


@pytest.mark.parametrize("method", METHODS)
def test_every_method_with_extras_runs(method: str) -> None:
    r = with_extras(small(quorum=2), method)
    assert r.extras and all(row.status for row in r.rows)
    for row in r.rows:
        assert (row.fragile is None) == (row.rank is None)
