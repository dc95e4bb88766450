"""Hypothesis properties of the engine."""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import METHODS, CriterionIn, PitchIn, RankingInput, rank
from pitchroom.domain.consensus.majority import gauge, majority_value, majority_value_runs
from pitchroom.domain.consensus.pairwise import schulze_beats

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def sessions(draw, complete: bool = False, lo: int = 1, hi: int = 10):
    n = draw(st.integers(2, 6))
    m = draw(st.integers(1, 5))
    c = draw(st.integers(1, 3))
    weights = [F(draw(st.sampled_from([1, 2, 3])), draw(st.sampled_from([1, 2]))) for _ in range(c)]
    crit = tuple(CriterionIn(f"c{k}", w) for k, w in enumerate(weights))
    pitches = tuple(PitchIn(f"p{i}", f"P{i}", F(draw(st.integers(1, 5)) * 10)) for i in range(n))
    jurors = tuple(f"j{j}" for j in range(m))
    scores = {}
    for p in pitches:
        for j in jurors:
            for cr in crit:
                if complete or draw(st.integers(0, 9)) > 0:
                    scores[(p.key, j, cr.key)] = F(draw(st.integers(lo, hi)))
    inel = (
        frozenset()
        if complete
        else frozenset((p.key, j) for p in pitches for j in jurors if draw(st.integers(0, 11)) == 0)
    )
    budget = draw(st.one_of(st.none(), st.integers(0, 200).map(F)))
    return RankingInput(
        crit,
        pitches,
        jurors,
        scores,
        ineligible=inel,
        budget=budget,
        quorum=draw(st.one_of(st.none(), st.integers(1, 3))),
    )


def summary(r):
    return {row.pitch: (row.rank, row.status, row.score, row.tie) for row in r.rows}


@SETTINGS
@given(sessions(), st.randoms(use_true_random=False))
def test_shuffling_the_input_changes_no_rank(inp: RankingInput, rnd: random.Random) -> None:
    pitches = list(inp.pitches)
    jurors = list(inp.jurors)
    items = list(inp.scores.items())
    rnd.shuffle(pitches)
    rnd.shuffle(jurors)
    rnd.shuffle(items)
    other = dataclasses.replace(
        inp, pitches=tuple(pitches), jurors=tuple(jurors), scores=dict(items)
    )
    for method in METHODS:
        assert summary(rank(inp, method)) == summary(rank(other, method)), method


@SETTINGS
@given(sessions(), st.data())
def test_raising_a_score_never_lowers_mean_median_majority(inp: RankingInput, data) -> None:
    keys = [k for k, v in inp.scores.items() if v < 10]
    if not keys:
        return
    key = data.draw(st.sampled_from(sorted(keys)))
    raised = dict(inp.scores)
    raised[key] = inp.scores[key] + data.draw(st.integers(1, int(10 - inp.scores[key])))
    other = dataclasses.replace(inp, scores=raised)
    pitch = key[0]
    for method in ("mean", "median", "majority"):
        before = rank(inp, method).row(pitch)
        after = rank(other, method).row(pitch)
        if before.score is None or after.score is None:
            continue
        assert after.score >= before.score, method
        if method == "majority":
            assert gauge(after.gauge.tally).key() >= gauge(before.gauge.tally).key()


@SETTINGS
@given(sessions(), st.data())
def test_recused_scores_never_count(inp: RankingInput, data) -> None:
    if not inp.ineligible:
        return
    pitch, juror = data.draw(st.sampled_from(sorted(inp.ineligible)))
    changed = dict(inp.scores)
    for cr in inp.criteria:
        changed[(pitch, juror, cr.key)] = F(data.draw(st.integers(1, 10)))
    other = dataclasses.replace(inp, scores=changed)
    for method in METHODS:
        assert rank(inp, method).to_json() == rank(other, method).to_json(), method


@SETTINGS
@given(sessions(complete=True, hi=5), st.data())
def test_shifting_one_juror_keeps_mean_and_zscore_rankings(inp: RankingInput, data) -> None:
    juror = data.draw(st.sampled_from(inp.jurors))
    shift = data.draw(st.integers(1, 5))
    shifted = {k: v + shift if k[1] == juror else v for k, v in inp.scores.items()}
    other = dataclasses.replace(inp, scores=shifted)
    for method in ("mean", "zscore"):
        assert {r.pitch: r.rank for r in rank(inp, method).rows} == {
            r.pitch: r.rank for r in rank(other, method).rows
        }, method


@SETTINGS
@given(
    st.integers(2, 7).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(0, 9), min_size=n, max_size=n), min_size=n, max_size=n
        )
    )
)
def test_schulze_relation_is_transitive(rows) -> None:
    d = np.array(rows)
    np.fill_diagonal(d, 0)
    beats = schulze_beats(d)
    n = len(d)
    for a in range(n):
        for b in range(n):
            for c in range(n):
                if beats[a, b] and beats[b, c]:
                    assert beats[a, c]


def _naive_majority_value(tally):
    t = list(tally)
    out = []
    while sum(t):
        total, acc = sum(t), 0
        for g, x in enumerate(t):
            acc += x
            if 2 * acc >= total:
                out.append(g)
                t[g] -= 1
                break
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=6).filter(lambda t: sum(t) > 0))
def test_majority_value_runs_match_the_naive_definition(tally) -> None:
    assert majority_value(tally) == _naive_majority_value(tally)
    assert sum(k for _, k in majority_value_runs(tally)) == sum(tally)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 4), min_size=5, max_size=5).filter(lambda t: sum(t) > 0),
    st.lists(st.integers(0, 4), min_size=5, max_size=5).filter(lambda t: sum(t) > 0),
)
def test_gauge_order_agrees_with_majority_value_order(a, b) -> None:
    if sum(a) != sum(b):
        return
    ga, gb = gauge(a).key(), gauge(b).key()
    if ga != gb:
        assert (ga > gb) == (majority_value(a) > majority_value(b))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=6).filter(lambda t: sum(t) > 0))
def test_majority_value_is_a_fixed_permutation_of_sorted_grades(tally) -> None:
    from pitchroom.domain.consensus.majority import _RunsKey, majority_value_bytes

    expected = _naive_majority_value(tally)
    got = np.frombuffer(majority_value_bytes(tally), dtype=">u2").tolist()
    assert got == expected
    key = _RunsKey(tally)
    key._run(10_000)
    assert [g for g, k in key.runs for _ in range(k)] == expected
