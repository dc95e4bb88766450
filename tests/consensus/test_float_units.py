"""``fastkeys.float_units`` where every criterion has the same count (everyone
scored everything): the float is the pair's own quotient, the pair the exact
mean; and the fast paths that use it rank fully scored, tie-heavy sessions as
the exact path does (leave-one-out included)."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput, fastkeys, loo
from pitchroom.domain.consensus.prepare import aggregate, prepare
from pitchroom.domain.consensus.ranking import _decide
from tests.consensus.test_loo import _exact


@st.composite
def scored(draw: st.DrawFn) -> RankingInput:
    """Every juror scores every criterion of every pitch: few grades, weights
    with a common factor, many equal means."""
    n = draw(st.integers(2, 12))
    m = draw(st.integers(2, 6))
    c = draw(st.integers(1, 4))
    step = draw(st.sampled_from([F(1), F(1, 2)]))
    grades = [1 + step * k for k in range(draw(st.integers(2, 3)))]
    weights = draw(st.lists(st.sampled_from([F(1), F(2), F(3), F(1, 2)]), min_size=c, max_size=c))
    crit = tuple(CriterionIn(f"c{i}", w) for i, w in enumerate(weights))
    pitches = tuple(PitchIn(f"p{i}", f"P{i}", F(draw(st.sampled_from([10, 20])))) for i in range(n))
    jurors = tuple(f"j{k}" for k in range(m))
    scores = {
        (p.key, j, cr.key): draw(st.sampled_from(grades))
        for p in pitches
        for j in jurors
        for cr in crit
    }
    return RankingInput(
        criteria=crit,
        pitches=pitches,
        jurors=jurors,
        scores=scores,
        scale_min=F(1),
        scale_max=grades[-1],
        scale_step=step,
        budget=draw(st.sampled_from([None, F(30), F(50)])),
    )


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scored())
def test_floats_and_pairs_of_full_counts_are_the_exact_means(inp: RankingInput) -> None:
    prep = prepare(inp)
    cnt, tot = fastkeys.counts_totals(prep, aggregate(prep), False)
    out, pair = fastkeys.float_units(prep, cnt, tot)
    iw = [int(w) for w in prep.iw]
    for i in range(prep.n):
        mean = F(sum(w * int(t) for w, t in zip(iw, tot[i], strict=True)), int(cnt[i, 0]) * sum(iw))
        assert out[i] == float(mean)
        assert (int(pair[i, 0]), int(pair[i, 1])) == (mean.numerator, mean.denominator)


def test_counts_that_differ_take_the_sum_of_quotients() -> None:
    """Two scores of a, one of b (every criterion scored, by different jurors)."""
    crit = (CriterionIn("a", F(1)), CriterionIn("b", F(1)))
    scores = {("p", "j0", "a"): F(2), ("p", "j1", "a"): F(3), ("p", "j0", "b"): F(2)}
    inp = RankingInput(crit, (PitchIn("p", "P", F(10)),), ("j0", "j1"), scores)
    prep = prepare(inp)
    cnt, tot = fastkeys.counts_totals(prep, aggregate(prep), False)
    out, pair = fastkeys.float_units(prep, cnt, tot)
    assert pair.tolist() == [[0, 0]]  # no exact pair: only the Fraction is exact
    assert out[0] == (tot[0, 0] / 2 + tot[0, 1] / 1) / 2


@SETTINGS
@given(scored(), st.sampled_from(["mean", "trimmed"]))
def test_fully_scored_fast_paths_rank_as_the_exact_path(inp: RankingInput, method: str) -> None:
    prep = prepare(inp)
    agg = aggregate(prep)
    fast = _decide(prep, agg, method, {}, None, fast=True)
    exact = _decide(prep, agg, method, {}, None, fast=False)
    assert fast.ranks == exact.ranks
    assert fast.blocks == exact.blocks
    assert fast.status == exact.status
    ranks, funded, keep = _exact(inp, method)
    got = loo.leave_one_out(prep, agg, method, {}, keep)
    assert got.ranks.tolist() == ranks.tolist()
    assert got.funded.tolist() == funded.tolist()
