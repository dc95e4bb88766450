"""`pitchroom verify` at the stress size: the chain, the replay of every event
and the comparison with every table, on 500,000 scores.

    python bench/bench_verify.py                       # 1,000 pitches x 50 jurors x 10 criteria
    python bench/bench_verify.py --smoke               # a tiny run, for CI
    python bench/bench_verify.py --baseline-src DIR    # also time another checkout's verify
                                                       # on the same database

Writes its block of docs/PERFORMANCE.md (not in smoke mode). Each verify runs in its own
process, as a user runs it; the best wall and the best CPU time of --repeat
runs are reported (CPU time is the steadier one on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import perfdoc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import make_session  # noqa: E402

from pitchroom.store import Store  # noqa: E402

PROBE = """
import json, resource, sys, time
from pitchroom.store import Store
store = Store.open(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
result = store.verify()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"wall": wall, "cpu": cpu, "ok": result.ok, "events": result.events}))
"""


def time_verify(db: Path, source: Path, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(db)], capture_output=True, text=True, env=env
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        runs.append(json.loads(done.stdout))
    if not all(r["ok"] for r in runs):
        raise SystemExit(f"{source}: verify says altered")
    best = {key: min(r[key] for r in runs) for key in ("wall", "cpu")}
    return {**best, "events": runs[0]["events"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-src", type=Path, help="a checkout to compare with")
    args = parser.parse_args()
    size = (10, 5, 3) if args.smoke else (1000, 50, 10)
    session = make_session(*size)
    rows = [
        (p.key, j.key, c.key, Fraction(1 + (i * 7919) % 10))
        for i, (p, j, c) in enumerate(
            (p, j, c) for p in session.pitches for j in session.jurors for c in session.criteria
        )
    ]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "verify.db"
        store = Store.create(db, session, actor="bench")
        store.set_scores(rows, actor="bench")
        for pitch in session.pitches[:10]:
            store.set_closed(pitch.key, True, actor="bench")
        store.checkpoint()
        store.close()
        now = time_verify(db, ROOT, 1 if args.smoke else args.repeat)
        load = os.getloadavg()[0]
        lines = [
            f"{len(rows):,} scores ({size[0]} pitches x {size[1]} jurors x {size[2]} criteria),"
            f" {now['events']:,} events. `pitchroom verify` recomputes the chain, replays every "
            "event (the session definition, every table with actor and saved_at) and compares; "
            f"best of {1 if args.smoke else args.repeat} runs, each in its own process; load "
            f"average {load:.1f} on {os.cpu_count()} cores when it started (wall time suffers "
            "first on a busy machine).\n",
            "| verify | wall s | CPU s |\n| --- | ---: | ---: |",
            f"| this version | {now['wall']:.2f} | {now['cpu']:.2f} |",
        ]
        if args.baseline_src:
            before = time_verify(db, args.baseline_src.resolve(), args.repeat)
            lines.append(
                f"| baseline (`{args.baseline_src.name}`) | {before['wall']:.2f} | "
                f"{before['cpu']:.2f} |"
            )
            lines.append(f"\nCPU time ratio: {now['cpu'] / before['cpu']:.2f}x the baseline.")
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.smoke:
        perfdoc.write_block("verify", report)


if __name__ == "__main__":
    main()
