"""The reliability soak: random keys on every screen, writers at once, kill -9, a full disk.

    python bench/bench_soak.py                      # the long run (15-20 minutes)
    python bench/bench_soak.py --seeds 3 --keys 1000  # longer key fuzz (45 min under load)
    python bench/bench_soak.py --smoke              # a quick run, for CI
    python bench/bench_soak.py --only browser       # one part (fuzz, writers, kill, disk, browser)

Each part prints its figures as it ends (``--json FILE`` keeps them all); the
figures of the last long run are in docs/RELIABILITY.md.

1. Seeded random keys in bursts (``tests/reliability/keyfuzz.py``) on the chair
   screen, each dialog and screen it opens, a juror station and the projector;
   after each run ctrl+q must quit with status 0 and the database must pass
   ``integrity_check``, ``verify`` and hold no score off the scale.
2. 16 writer processes at once on one file; every acknowledged write must be
   there afterwards; the slowest write and any "database is locked" reported.
3. kill -9 of a chair screen (headless, typing ``digit enter`` as fast as it
   takes them) at a random moment; every score it showed as saved must be there.
4. A full disk, on a small tmpfs mounted for the run (root only; skipped
   otherwise): every write refused with "not saved", the store still usable
   after space is freed, and ``backup`` leaving no ``.tmp`` behind.
5. Browser stations (``bench/soak_browser.py``): ``pitchroom serve`` with 15
   jurors and real stations; the whole jury at once, 30 sockets on one link,
   malformed and oversized messages, vanishing clients, SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pitchroom.store import Store, StoreError, WriteFailed  # noqa: E402
from tests.conftest import small_session  # noqa: E402
from tests.reliability.keyfuzz import (  # noqa: E402
    CHAIR_CASES,
    CHAIR_KEYS,
    STATION_KEYS,
    burst,
    check_database,
    fuzz,
)
from tests.ui.conftest import FrozenClock, build_db, ui_session  # noqa: E402


async def _one_fuzz(case: str, seed: int, keys: int, folder: Path) -> tuple[int, str | None]:
    from pitchroom.ui.app import make_app
    from pitchroom.ui.projector.app import ProjectorApp
    from pitchroom.ui.screens.chair import ChairScreen
    from pitchroom.ui.station.app import StationApp

    folder.mkdir(parents=True, exist_ok=True)
    clock = FrozenClock()
    path = build_db(folder, ui_session(), clock)
    if case == "station":
        app = StationApp(Store.open(path), "bram", now=clock)
        alphabet, opener = STATION_KEYS, None
    elif case == "projector":
        app = ProjectorApp(Store.open(path), now=clock)
        alphabet, opener = CHAIR_KEYS, None
    else:
        app = make_app(path, clock=clock)
        alphabet, key = CHAIR_KEYS, CHAIR_CASES[case]

        def opener() -> list[str]:
            return [key] if key and isinstance(app.screen, ChairScreen) else []

    sent = 0
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            run = await fuzz(app, pilot, seed, keys, alphabet, before_burst=opener)
            sent = run.count
            burst(app, ["ctrl+q"])
            for _ in range(60):
                if not app.is_running:
                    break
                await pilot.pause(0.05)
            if app.is_running:
                return sent, "ctrl+q did not quit"
    except Exception as error:
        return sent, f"{type(error).__name__}: {error}"
    problems = check_database(path)
    return sent, "; ".join(problems) if problems else None


SEEDS, KEYS = 1, 1000
"""The long run's key fuzz: one seed of 1,000 keys per case (3 seeds take 45 minutes)."""


def key_fuzz(smoke: bool, work: Path) -> dict[str, object]:
    cases = ["chair", "palette"] if smoke else [*CHAIR_CASES, "station", "projector"]
    seeds = [1] if smoke else list(range(1, SEEDS + 1))
    keys = 40 if smoke else KEYS
    per_case: dict[str, int] = {}
    errors: list[str] = []
    for case in cases:
        for seed in seeds:
            sent, error = asyncio.run(_one_fuzz(case, seed, keys, work / f"fuzz-{case}-{seed}"))
            per_case[case] = per_case.get(case, 0) + sent
            if error:
                errors.append(f"{case} seed {seed}: {error}")
    return {"keys": per_case, "runs": len(cases) * len(seeds), "errors": errors}


WRITER = """
import sys, time
from pathlib import Path
from pitchroom.store import Store
db, index, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
store = Store.open(db)
s = store.session
recused = {(c.pitch, c.juror) for c in s.conflicts}
cells = [(p.key, j.key, c.key) for p in s.pitches for j in s.scoring_jurors for c in s.criteria
         if (p.key, j.key) not in recused]
mine = cells[index::16] or cells
slowest = 0.0
for n in range(count):
    pitch, juror, criterion = mine[n % len(mine)]
    value = 1 + (n + index) % 10
    start = time.perf_counter()
    try:
        store.set_score(pitch, juror, criterion, value, actor=f"w{index}")
    except Exception as error:
        print("error", type(error).__name__, str(error)[:80], flush=True)
        continue
    slowest = max(slowest, time.perf_counter() - start)
    print("ok", pitch, juror, criterion, value, flush=True)
print("slowest", slowest, flush=True)
store.close()
"""


def writers(smoke: bool, work: Path) -> dict[str, object]:
    count, each = (4, 20) if smoke else (16, 300)
    path = work / "writers.db"
    session = small_session()
    Store.create(path, session, actor="soak").close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(i), str(each)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for i in range(count)
    ]
    last: dict[tuple[str, str, str], int] = {}
    slowest, errors, locked, acknowledged = 0.0, [], 0, 0
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        for line in out.splitlines():
            parts = line.split()
            if parts[:1] == ["ok"]:
                acknowledged += 1
                last[(parts[1], parts[2], parts[3])] = int(parts[4])
            elif parts[:1] == ["slowest"]:
                slowest = max(slowest, float(parts[1]))
            else:
                errors.append(line)
                locked += "locked" in line
    store = Store.open(path)
    try:
        saved = store.scores()
        lost = sum(1 for cell, value in last.items() if saved.get(cell) != value)
        intact = store.verify().ok
    finally:
        store.close()
    return {
        "writers": count,
        "writes": acknowledged,
        "lost": lost,
        "errors": len(errors),
        "locked": locked,
        "slowest_ms": round(slowest * 1000, 1),
        "intact": intact,
    }


CHAIR = """
import asyncio, sys
from pathlib import Path
from pitchroom.ui.app import make_app
from pitchroom.ui.widgets.score_grid import ScoreGrid
async def main():
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        n = 0
        while True:
            await pilot.press(str(1 + n % 9), "enter")
            n += 1
            print("shown", app.store.score_count(), flush=True)  # saved, as shown
            if n % 12 == 0:
                await pilot.press("n")
asyncio.run(main())
"""


def kill_chair(smoke: bool, work: Path) -> dict[str, object]:
    trials = 1 if smoke else 10
    lost_total, shown_total = 0, 0
    rnd = random.Random(7)
    for trial in range(trials):
        path = work / f"kill-{trial}.db"
        Store.create(path, small_session(), actor="soak").close()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHAIR, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        shown, lines, deadline = 0, 0, rnd.randint(10, 40)
        for line in proc.stdout:
            if line.startswith("shown"):
                shown, lines = int(line.split()[1]), lines + 1
                if lines >= deadline:
                    break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        store = Store.open(path)
        try:
            saved = store.score_count()
            intact = store.verify().ok
        finally:
            store.close()
        shown_total += shown
        lost_total += max(0, shown - saved) + (0 if intact else 1)
    return {"trials": trials, "scores_shown_as_saved": shown_total, "lost": lost_total}


def full_disk(smoke: bool, work: Path) -> dict[str, object]:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return {"skipped": "needs root to mount a small tmpfs"}
    mount = Path(tempfile.mkdtemp(prefix="soak-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)])
    if done.returncode != 0:
        return {"skipped": "mount failed"}
    try:
        path = mount / "full.db"
        Store.create(path, small_session(), actor="soak").close()
        store = Store.open(path)
        with (mount / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"x" * 4096)
            except OSError:
                pass
        refused, crashed = 0, 0
        attempts = 20 if smoke else 200
        for n in range(attempts):
            try:
                store.set_score("leesplank", "anna", "impact", 1 + n % 9, actor="soak")
            except WriteFailed:
                refused += 1
            except Exception:
                crashed += 1
        try:
            store.backup(mount / "copy.db")
            backup_refused = False
        except StoreError:
            backup_refused = True
        leftovers = [p.name for p in mount.iterdir() if p.name.startswith(".")]
        (mount / "filler").unlink()
        store.set_score("leesplank", "anna", "impact", 5, actor="soak")
        intact = store.verify().ok
        store.close()
        return {
            "attempts": attempts,
            "refused": refused,
            "crashed": crashed,
            "backup_refused": backup_refused,
            "tmp_left": len(leftovers),
            "after_freeing": "saved" if intact else "damaged",
        }
    finally:
        subprocess.run(["umount", str(mount)])
        mount.rmdir()


PARTS = {
    "fuzz": ("key fuzz", key_fuzz),
    "writers": ("16 writers", writers),
    "kill": ("kill -9 of the chair", kill_chair),
    "disk": ("full disk", full_disk),
    "browser": ("browser stations", None),
}


def failed(results: dict[str, dict[str, object]]) -> bool:
    fuzz, writes = results.get("key fuzz", {}), results.get("16 writers", {})
    kill, disk = results.get("kill -9 of the chair", {}), results.get("full disk", {})
    browser = results.get("browser stations", {})
    burst = browser.get("burst on one link", {})
    return bool(
        fuzz.get("errors")
        or writes.get("lost")
        or kill.get("lost")
        or disk.get("crashed")
        or (isinstance(burst, dict) and burst.get("most_processes_at_once", 1) != 1)
    )


def main() -> None:
    global SEEDS, KEYS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a quick run, for CI")
    parser.add_argument("--seeds", type=int, default=SEEDS, help="key fuzz seeds per case")
    parser.add_argument("--keys", type=int, default=KEYS, help="keys per key fuzz run")
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="run this part")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()
    SEEDS, KEYS = args.seeds, args.keys
    started = time.time()
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        work = Path(tmp)
        for part in args.only or list(PARTS):
            name, run = PARTS[part]
            began = time.time()
            if run is None:
                from bench.soak_browser import browser

                run = browser
            results[name] = {**run(args.smoke, work), "took_s": round(time.time() - began)}
            print(f"- **{name}**: {results[name]}", flush=True)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    took = time.time() - started
    print(f"took {took:.0f} s on {platform.platform()}, Python {platform.python_version()}")
    sys.exit(1 if failed(results) else 0)


if __name__ == "__main__":
    main()
