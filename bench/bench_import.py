"""Bulk import of scores: `pitchroom score DB --from scores.csv` at the stress size.

    python bench/bench_import.py            # 1,000 pitches x 50 jurors x 10 criteria
    python bench/bench_import.py --smoke    # a tiny run, for CI

Writes its block of docs/PERFORMANCE.md (not in smoke mode). Times the whole command as a
user runs it (a subprocess) next to the reference (bench/reference/executemany.py) in the
same minute, in wall clock and in CPU seconds (user + sys of the child, the firmer figure on
a shared machine), then the store's bulk write alone, and says the load average.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
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


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds of the child, the finished process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


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
        load = os.getloadavg()
        cli_seconds, cli_cpu, done = timed(
            [sys.executable, "-m", "pitchroom", "score", str(db), "--from", str(source)]
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        # The floor, right after: the same rows by one executemany (bench/reference).
        ref_seconds, ref_cpu, done = timed(
            [
                sys.executable,
                str(ROOT / "bench" / "reference" / "executemany.py"),
                str(folder / "ref.db"),
                str(source),
            ]
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        direct = folder / "direct.db"
        store = Store.create(direct, session, actor="bench")
        exact = [(p, j, c, Fraction(v)) for p, j, c, v in rows]
        start, cpu = time.perf_counter(), time.process_time()
        store.set_scores(exact, actor="bench")
        store_seconds = time.perf_counter() - start
        store_cpu = time.process_time() - cpu
        start = time.perf_counter()
        ok = store.verify().ok
        verify_seconds = time.perf_counter() - start
        store.close()
    report = (
        f"`python bench/bench_import.py` on {perfdoc.machine()}; at the start "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min).\n\n"
        f"{len(rows):,} scores ({size[0]} pitches x {size[1]} jurors x {size[2]} criteria), "
        "one hash-chained audit event per score, synchronous=FULL (a WAL database; the "
        "write alone on it has a rollback journal).\n\n"
        f"| step | wall s | CPU s (user + sys) |\n| --- | ---: | ---: |\n"
        f"| `pitchroom score DB --from scores.csv` (whole command) | {cli_seconds:.2f} "
        f"| {cli_cpu:.2f} |\n"
        f"| raw executemany of the same rows, WAL (whole process, same run) | {ref_seconds:.2f} "
        f"| {ref_cpu:.2f} |\n"
        f"| ratio | {cli_seconds / ref_seconds:.2f}x | {cli_cpu / ref_cpu:.2f}x |\n"
        f"| `Store.set_scores` alone (in-process) | {store_seconds:.2f} | {store_cpu:.2f} |\n"
        f"| `verify` (chain + replay) | {verify_seconds:.2f} (intact: {ok}) | |\n"
    )
    print(report)
    if not args.smoke:
        perfdoc.write_block("import", report)


if __name__ == "__main__":
    main()
