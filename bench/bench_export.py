"""Exports at the stress size: 1,000 pitches x 50 jurors x 10 criteria (500,000 scores).

    python bench/bench_export.py            # the stress case; docs/PERFORMANCE.md
    python bench/bench_export.py --smoke    # a tiny run, for CI (a couple of seconds)
    python bench/bench_export.py --size 300 30 8 --formats xlsx csv

Builds the database the way ``pitchroom score --from`` does (``Store.set_scores``,
one audit event per score), plus some recusals, comments and decisions so every
sheet has rows. Then times, separately, reading the session into the export
document (``collect``: ranking with extras, tables, audit) and each format
through ``export_session``, the public API the CLI calls.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import perfdoc

from pitchroom.domain.models import Session
from pitchroom.export import FORMATS, export_session
from pitchroom.export.collect import collect
from pitchroom.store import Store

ROOT = Path(__file__).resolve().parents[1]


def make_session(pitches: int, jurors: int, criteria: int, seed: int = 7) -> Session:
    rng = random.Random(seed)
    return Session.model_validate(
        {
            "session": {"title": "Stress", "budget": 40_000_000, "max_funded": pitches // 5},
            "criteria": [
                {"key": f"c{i}", "name": f"Criterion {i}", "weight": 1 + i % 3}
                for i in range(criteria)
            ],
            "jurors": [{"key": f"j{i}", "name": f"Juror {i}"} for i in range(jurors)],
            "pitches": [
                {
                    "key": f"p{i}",
                    "title": f"Pitch number {i}",
                    "applicant": f"Applicant {i} B.V.",
                    "requested": rng.randrange(20, 800) * 1000,
                }
                for i in range(pitches)
            ],
            "conflicts": [
                {"juror": f"j{rng.randrange(jurors)}", "pitch": f"p{i}", "reason": "advisor"}
                for i in range(0, pitches, 10)
            ],
        }
    )


def build(path: Path, pitches: int, jurors: int, criteria: int, seed: int = 7) -> int:
    """A session database with every eligible score set; returns the score count."""
    session = make_session(pitches, jurors, criteria, seed)
    rng = random.Random(seed)
    recused = {(c.pitch, c.juror) for c in session.conflicts}
    rows = [
        (p.key, j.key, c.key, Fraction(rng.randint(1, 10)))
        for p in session.pitches
        for j in session.jurors
        if (p.key, j.key) not in recused
        for c in session.criteria
    ]
    store = Store.create(path, session, actor="bench")
    try:
        store.set_scores(rows, actor="bench")
        for i in range(0, pitches, max(1, pitches // 20)):
            store.set_comment(
                f"p{i}", f"j{i % jurors}", f"Remark on pitch {i}\nsecond line", actor="bench"
            )
        for i in range(0, pitches, max(1, pitches // 10)):
            store.decide(f"p{i}", "reserve", actor="chair", motivation="kept in reserve")
        store.decide(
            f"p{pitches - 1}", "award", actor="chair", motivation="special", amount=Decimal(1000)
        )
    finally:
        store.close()
    return len(rows)


def _cpu() -> float:
    """CPU seconds (user + system) of this process and the ones it waited for."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn):
    """(wall seconds, CPU seconds, result) of ``fn()``; the CPU of the processes it
    starts (the verifier beside ``collect``, the command) counts once they end."""
    start, cpu = time.perf_counter(), _cpu()
    out = fn()
    return time.perf_counter() - start, _cpu() - cpu, out


def command(db: Path, out: Path) -> None:
    """``pitchroom export DB --format xlsx``, the whole command in its own process."""
    subprocess.run(
        [sys.executable, "-m", "pitchroom", "export", str(db), "--format", "xlsx", "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


NOTE = """
A workbook of more than 200,000 cells is written by rvgsrust-xlsxwriter (the Rust
rust_xlsxwriter; export/xlsx_native.py), about a million cells a second; a smaller
one by openpyxl in write-only mode, about 50,000 a second (that was 236 s for this
size on an idle machine). The workbook's Scores and Audit sheets are streamed
from SQL rows to that writer (export/streamed.py; the Scores sheet as Arrow
columns), not read through `collect`: the `collect` row is what the other formats
read. A big log is verified in a second process while the rest is read, so the CPU
seconds can exceed the wall seconds on two cores. The reference session (9 pitches,
5 jurors, 6 criteria) exports in well
under a second in every format; the chair screen exports in a worker with
progress, so the screen never waits.
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--size", type=int, nargs=3, metavar=("PITCHES", "JURORS", "CRITERIA"))
    parser.add_argument("--formats", nargs="*", default=list(FORMATS))
    args = parser.parse_args()
    size = tuple(args.size) if args.size else (12, 5, 3) if args.smoke else (1000, 50, 10)
    results: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        secs, _, count = timed(lambda: build(db, *size))
        print(f"built {count:,} scores in {secs:.1f} s", file=sys.stderr)
        load = os.getloadavg()
        store = Store.open(db)
        try:
            secs, cpu, doc = timed(lambda: collect(store))
        finally:
            store.close()
        results.append(
            ("read the session (`collect`: ranking with extras, scores, audit)", secs, cpu)
        )
        if "xlsx" in args.formats:
            secs, cpu, _ = timed(lambda: command(db, folder / "cmd.xlsx"))
            results.append(("`pitchroom export DB --format xlsx` (whole command)", secs, cpu))
            print(f"xlsx command: {secs:.2f} s", file=sys.stderr)
        for fmt in args.formats:
            out = folder / ("out-csv" if fmt == "csv" else f"out.{fmt}")
            secs, cpu, _ = timed(lambda fmt=fmt, out=out: export_session(db, fmt, out))
            results.append((f"`export_session(db, {fmt!r})` (read + write)", secs, cpu))
            print(f"{fmt}: {secs:.2f} s", file=sys.stderr)
    lines = [f"| {name} | {secs:.2f} | {cpu:.2f} |" for name, secs, cpu in results]
    head = (
        f"{size[0]} pitches x {size[1]} jurors x {size[2]} criteria = {count:,} scores "
        f"({len(doc.events):,} audit events), method {doc.ranking.method}, "
        f"bootstrap {'exact' if doc.ranking.bootstrap_seed is None else 'seeded'}; "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) "
        f"after the build, on {os.cpu_count()} cores."
    )
    table = "| step | wall s | CPU s |\n| --- | ---: | ---: |\n"
    report = head + "\n\n" + table + "\n".join(lines) + "\n"
    print(report)
    if not args.smoke and not args.size:
        perfdoc.write_block(
            "export",
            f"`python bench/bench_export.py` on {perfdoc.machine()}.\n\n" + report + NOTE,
        )


if __name__ == "__main__":
    main()
