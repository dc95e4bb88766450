"""Orders decided by floats or in parts are the exact orders.

- Majority Judgment's competition ranks sort by the gauge and compare majority
  values only among equal gauges: the same ranks as comparing the keys of
  :func:`majority.mj_keys` over all ranked pitches (the way they were computed
  before), on tie-heavy sessions.
- The criteria tie-break orders groups by the floats of their values when every
  value is within :data:`funding.FLOAT_DEN` / ``FLOAT_TOP``: the order of the
  exact values.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchroom.domain.consensus import RankingInput, funding
from pitchroom.domain.consensus.majority import mj_keys
from pitchroom.domain.consensus.methods import MethodScores, score_method
from pitchroom.domain.consensus.prepare import aggregate, prepare
from pitchroom.domain.consensus.ranking import _Desc, base_status, competition_ranks

from .test_fastkeys import tie_heavy


def _all_keys_ranks(ms: MethodScores, ranked: list[int]) -> dict[int, int]:
    """Competition ranks by mj_keys of every ranked pitch, sorted whole."""
    ranked = [i for i in ranked if ms.key[i] is not None]
    tallies = []
    for i in ranked:
        gauge = ms.gauge[i]
        assert gauge is not None
        tallies.append(gauge.tally)
    keys = dict(zip(ranked, mj_keys(tallies), strict=True))
    order = sorted(ranked, key=lambda i: _Desc(keys[i]))
    ranks: dict[int, int] = {}
    for pos, i in enumerate(order):
        same = pos and keys[i] == keys[order[pos - 1]]
        ranks[i] = ranks[order[pos - 1]] if same else pos + 1
    return ranks


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tie_heavy())
def test_majority_ranks_by_gauge_then_value(case: tuple[RankingInput, np.ndarray]) -> None:
    inp, w = case
    prep = prepare(inp)
    for weights in (None, w):
        agg = aggregate(prep, weights)
        ms = score_method(prep, agg, "majority", {}, weights)
        ranked = [i for i, s in enumerate(base_status(prep, agg)) if s == "ranked"]
        assert competition_ranks(ms, ranked) == _all_keys_ranks(ms, ranked)


def _sign(a: Any, b: Any) -> int:
    return (a > b) - (a < b)


values = st.one_of(
    st.none(),
    st.fractions(min_value=-30, max_value=30, max_denominator=60),
    st.sampled_from([F(1, 3), F(2, 6), F(1, 7), F(10**15 + 1, 10**15), F(1)]),
)
crit_values = st.one_of(st.none(), st.lists(values, min_size=2, max_size=2).map(tuple))


@settings(max_examples=1000, deadline=None)
@given(crit_values, crit_values)
def test_the_floats_of_the_criteria_compare_as_the_values(a: Any, b: Any) -> None:
    fa, fb = funding._float_key(a), funding._float_key(b)
    if fa is None or fb is None:
        return
    assert _sign(fa, fb) == _sign(funding._crit_key(a), funding._crit_key(b))


def test_values_whose_floats_may_meet_are_not_ordered_by_floats() -> None:
    close = F(10**15 + 1, 10**15)
    assert funding._float_key((close, F(1))) is None
    assert funding._float_key((F(5000), None)) is None
    assert funding._float_key((F(7, 3), None)) == (1.0, 7 / 3, 0.0, 0.0)
