"""The chair's live ranking at the stress size: one score saved, the panel updated.

    python bench/bench_live.py            # 1,000 x 50 x 10; docs/PERFORMANCE.md
    python bench/bench_live.py --smoke    # a tiny run, for CI

A score is saved from another connection (as a juror station or the CLI
would), then the chair's ``LiveFeed`` brings its ranking up to date: it reads
the new audit events, re-reads that one pitch's scores and updates the
incremental engine. Next to it, what the panel would cost without it: the
whole record read and ranked again (``ranking_report``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import perfdoc
from bench_export import build

from pitchroom.store import Store
from pitchroom.store.ranking import LiveFeed, ranking_report

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int = 1) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    size = (12, 5, 3) if args.smoke else (1000, 50, 10)
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        count = build(db, *size)
        print(f"built {count:,} scores", file=sys.stderr)
        feed = LiveFeed(db)
        other = Store.open(db)
        try:
            results.append(
                ("LiveFeed: first report (reads and ranks the whole record)", timed(feed.report))
            )
            values = iter(range(10**6))

            def one_score() -> None:
                index = next(values) * 7 % size[0]
                pitch = f"p{index + 1 if index % 10 == 0 else index}"  # conflicts sit on p0, p10...
                old = other.scores(pitch).get((pitch, "j1", "c0"), 0)
                other.set_score(pitch, "j1", "c0", old % 10 + 1, actor="station:j1")

            def score_then_feed() -> None:
                one_score()
                feed.report()

            results.append(("one score saved by another connection (alone)", timed(one_score, 5)))
            results.append(
                (
                    "one score saved + LiveFeed.report (what the panel does)",
                    timed(score_then_feed, 5),
                )
            )
            results.append(
                (
                    "one score saved + ranking_report (the whole record again)",
                    timed(lambda: (one_score(), ranking_report(other)), 3),
                )
            )
            assert feed.report() == ranking_report(other)
        finally:
            feed.close()
            other.close()
    lines = [f"| {name} | {secs * 1000:,.1f} ms |" for name, secs in results]
    report = (
        f"{size[0]} pitches x {size[1]} jurors x {size[2]} criteria = {count:,} scores, "
        "method mean; medians of repeated runs.\n\n| step | time |\n| --- | ---: |\n"
        + "\n".join(lines)
        + "\n"
    )
    print(report)
    if not args.smoke:
        perfdoc.write_block(
            "live", f"`python bench/bench_live.py` on {perfdoc.machine()}.\n\n" + report
        )


if __name__ == "__main__":
    main()
