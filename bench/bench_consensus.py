"""The consensus engine at the stress size: 1,000 pitches x 50 jurors x 10 criteria.

    python bench/bench_consensus.py            # the stress case; docs/PERFORMANCE.md
    python bench/bench_consensus.py --smoke    # a tiny run, for CI

Times ``rank()`` per method from the raw input, one incremental update with
``LiveRanking``, ``with_extras`` for mean, and, as a yardstick, a plain SQLite
``GROUP BY`` average over the same scores.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from fractions import Fraction
from pathlib import Path

import perfdoc

from pitchroom.domain.consensus import (
    METHODS,
    CriterionIn,
    LiveRanking,
    PitchIn,
    RankingInput,
    rank,
    with_extras,
)

ROOT = Path(__file__).resolve().parents[1]


def make_input(pitches: int, jurors: int, criteria: int, seed: int = 7) -> RankingInput:
    rng = random.Random(seed)
    crit = tuple(CriterionIn(f"c{i}", Fraction(1 + i % 3)) for i in range(criteria))
    pits = tuple(
        PitchIn(f"p{i}", f"Pitch {i}", Fraction(rng.randrange(20, 800) * 1000))
        for i in range(pitches)
    )
    jur = tuple(f"j{i}" for i in range(jurors))
    values = [Fraction(v) for v in range(1, 11)]
    scores = {(p.key, j, c.key): values[rng.randrange(10)] for p in pits for j in jur for c in crit}
    inel = frozenset((p.key, jur[rng.randrange(jurors)]) for p in pits if rng.random() < 0.1)
    return RankingInput(
        crit, pits, jur, scores, ineligible=inel, budget=Fraction(40_000_000), max_funded=200
    )


def timed(fn, repeat: int = 1):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def sqlite_average(inp: RankingInput) -> float:
    con = sqlite3.connect(":memory:")
    con.execute("create table scores (pitch text, juror text, criterion text, value real)")
    con.executemany(
        "insert into scores values (?, ?, ?, ?)",
        ((p, j, c, float(v)) for (p, j, c), v in inp.scores.items()),
    )
    con.commit()
    t0 = time.perf_counter()
    con.execute(
        "select pitch, avg(value) from scores group by pitch order by avg(value) desc"
    ).fetchall()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--resamples", type=int, default=200)
    args = parser.parse_args()
    size = (12, 5, 3) if args.smoke else (1000, 50, 10)
    inp = make_input(*size)
    lines = [
        f"size: {size[0]} pitches x {size[1]} jurors x {size[2]} criteria "
        f"= {len(inp.scores):,} scores"
    ]
    results: list[tuple[str, float]] = []
    for method in METHODS:
        secs, r = timed(lambda m=method: rank(inp, m))
        results.append((f"rank(inp, {method!r})", secs))
        assert r.rows
    live = LiveRanking(inp)
    results.append(("LiveRanking(inp) (prepare + aggregate)", timed(lambda: LiveRanking(inp))[0]))
    live.rank("mean")
    pitch = inp.pitches[size[0] // 2].key

    def update() -> None:
        live.set_score(pitch, inp.jurors[0], inp.criteria[0].key, Fraction(10))
        live.rank("mean")

    results.append(("LiveRanking: one score saved + rank('mean')", timed(update, 3)[0]))

    def update_median() -> None:
        live.set_score(pitch, inp.jurors[1], inp.criteria[0].key, Fraction(1))
        live.rank("median")

    live.rank("median")
    results.append(("LiveRanking: one score saved + rank('median')", timed(update_median, 3)[0]))
    secs, extra = timed(lambda: with_extras(inp, "mean", resamples=args.resamples))
    results.append((f"with_extras(inp, 'mean', resamples={args.resamples})", secs))
    results.append(("SQLite GROUP BY avg over the same scores (query only)", sqlite_average(inp)))
    for name, secs in results:
        lines.append(f"| {name} | {secs * 1000:,.1f} ms |")
    report = "\n".join(lines)
    print(report)
    print(f"agreement W = {extra.agreement}, seed = {extra.seed}")
    if not args.smoke:
        perfdoc.write_block(
            "consensus",
            f"`python bench/bench_consensus.py` on {perfdoc.machine()}.\n\n"
            f"{lines[0]}\n\n| what | time |\n| --- | --- |\n" + "\n".join(lines[1:]) + "\n",
        )


if __name__ == "__main__":
    main()
