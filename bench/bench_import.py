"""Bulk import of scores: `pitchroom score DB --from scores.csv` at the stress size.

    python bench/bench_import.py            # 1,000 pitches x 50 jurors x 10 criteria
    python bench/bench_import.py --smoke    # a tiny run, for CI

Writes its block of docs/PERFORMANCE.md (not in smoke mode). Times the whole command as a
user runs it (a subprocess), and the store's bulk write alone.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import perfdoc

from pitchroom.domain.models import Session
from pitchroom.store import Store

ROOT = Path(__file__).resolve().parents[1]


def make_session(pitches: int, jurors: int, criteria: int) -> Session:
    return Session.model_validate(
        {
            "session": {"title": "Stress"},
            "criteria": [{"key": f"c{i}", "name": f"C{i}"} for i in range(criteria)],
            "jurors": [{"key": f"j{i}", "name": f"J{i}"} for i in range(jurors)],
            "pitches": [{"key": f"p{i}", "title": f"P{i}"} for i in range(pitches)],
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    size = (10, 5, 3) if args.smoke else (1000, 50, 10)
    session = make_session(*size)
    rng = random.Random(7)
    rows = [
        (p.key, j.key, c.key, rng.randint(1, 10))
        for p in session.pitches
        for j in session.jurors
        for c in session.criteria
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "scores.csv"
        with source.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["pitch", "juror", "criterion", "value"])
            writer.writerows(rows)
        db = folder / "cli.db"
        Store.create(db, session, actor="bench").close()
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pitchroom", "score", str(db), "--from", str(source)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        cli_seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        # The floor, right after: the same rows by one executemany (bench/reference).
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "reference" / "executemany.py"),
                str(folder / "ref.db"),
                str(source),
            ],
            capture_output=True,
            check=True,
            cwd=ROOT,
        )
        ref_seconds = time.perf_counter() - start
        direct = folder / "direct.db"
        store = Store.create(direct, session, actor="bench")
        exact = [(p, j, c, Fraction(v)) for p, j, c, v in rows]
        start = time.perf_counter()
        store.set_scores(exact, actor="bench")
        store_seconds = time.perf_counter() - start
        start = time.perf_counter()
        ok = store.verify().ok
        verify_seconds = time.perf_counter() - start
        store.close()
    report = (
        f"`python bench/bench_import.py` on {perfdoc.machine()}.\n\n"
        f"{len(rows):,} scores ({size[0]} pitches x {size[1]} jurors x {size[2]} criteria), "
        f"one hash-chained audit event per score, WAL, synchronous=FULL.\n\n"
        f"| step | seconds |\n| --- | ---: |\n"
        f"| `pitchroom score DB --from scores.csv` (whole command) | {cli_seconds:.2f} |\n"
        f"| raw executemany of the same rows, WAL (whole process, same run) | {ref_seconds:.2f} "
        f"({cli_seconds / ref_seconds:.2f}x) |\n"
        f"| `Store.set_scores` alone | {store_seconds:.2f} |\n"
        f"| `verify` (chain + replay) | {verify_seconds:.2f} (intact: {ok}) |\n"
    )
    print(report)
    if not args.smoke:
        perfdoc.write_block("import", report)


if __name__ == "__main__":
    main()
