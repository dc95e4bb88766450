"""Small builders for consensus inputs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction as F

from pitchroom.domain.consensus import CriterionIn, PitchIn, RankingInput


def single(
    scores: Mapping[str, Sequence[int | F | None]],
    *,
    requested: Mapping[str, int] | None = None,
    scale: tuple[int, int] = (1, 10),
    jurors: int | None = None,
    **kw: object,
) -> RankingInput:
    """One criterion; ``scores[pitch][j]`` is juror j's score (None: missing)."""
    n = jurors if jurors is not None else max(len(v) for v in scores.values())
    jkeys = tuple(f"j{j}" for j in range(n))
    pitches = tuple(PitchIn(k, k.upper(), F((requested or {}).get(k, 100))) for k in scores)
    data = {
        (p, jkeys[j], "c"): F(v)
        for p, vals in scores.items()
        for j, v in enumerate(vals)
        if v is not None
    }
    return RankingInput(
        criteria=(CriterionIn("c", F(1)),),
        pitches=pitches,
        jurors=jkeys,
        scores=data,
        scale_min=F(scale[0]),
        scale_max=F(scale[1]),
        **kw,
    )


def multi(
    scores: Mapping[str, Sequence[Sequence[int | None]]],
    *,
    weights: Sequence[int | F] | None = None,
    requested: Mapping[str, int] | None = None,
    thresholds: Sequence[int | None] | None = None,
    **kw: object,
) -> RankingInput:
    """Several criteria; ``scores[pitch][j][c]``."""
    first = next(iter(scores.values()))
    nc = len(first[0])
    weights = weights or [1] * nc
    thresholds = thresholds or [None] * nc
    crits = tuple(
        CriterionIn(f"c{c}", F(weights[c]), None if thresholds[c] is None else F(thresholds[c]))
        for c in range(nc)
    )
    nj = max(len(v) for v in scores.values())
    jkeys = tuple(f"j{j}" for j in range(nj))
    pitches = tuple(PitchIn(k, k.upper(), F((requested or {}).get(k, 100))) for k in scores)
    data = {
        (p, jkeys[j], f"c{c}"): F(v)
        for p, rows in scores.items()
        for j, row in enumerate(rows)
        for c, v in enumerate(row)
        if v is not None
    }
    return RankingInput(criteria=crits, pitches=pitches, jurors=jkeys, scores=data, **kw)


def ballots_input(blocs: Sequence[tuple[int, str]], candidates: str) -> RankingInput:
    """Ranked ballots as scores: first place gets len(candidates), last gets 1."""
    n = len(candidates)
    scores: dict[str, list[int]] = {c: [] for c in candidates}
    for count, order in blocs:
        for _ in range(count):
            for pos, c in enumerate(order):
                scores[c].append(n - pos)
    return single(scores, scale=(1, max(n, 2)))


def ranks(r) -> dict[str, int | None]:
    return {row.pitch: row.rank for row in r.rows}


def statuses(r) -> dict[str, str]:
    return {row.pitch: row.status for row in r.rows}
