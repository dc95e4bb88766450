"""pitchroom side by side with bare Textual and plain SQLite, interleaved in one run.

    python bench/bench_suite.py              # demo size 60x7x6 and stress size 1,000x50x10
    python bench/bench_suite.py --smoke      # tiny sizes, one repetition, for CI (no docs/)
    python bench/bench_suite.py --repeat 5 --only open-demo key ranking

Generates the sessions (bench/make_session.py), then for every measurement
runs pitchroom and its reference (bench/reference/) one after the other,
alternating which goes first, --repeat times, and prints the medians, the
ratio and the issue-14 target. Screen timings run in a private tmux server
(``tmux -L perf``) at 120x40: from starting the program to the first
``capture-pane`` that holds the known text of a complete frame, and from
``send-keys`` of a typed score and enter to the first capture that shows it.
Command timings are whole processes, interpreter start-up included, as a user
runs them (pitchroom's bytecode compiled first, as an install does: see
``compile_bytecode``). Writes the block ``suite`` of docs/PERFORMANCE.md (not with --smoke
or --only).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import make_session  # noqa: E402
import perfdoc  # noqa: E402

PY = sys.executable
PITCHROOM = [PY, "-m", "pitchroom"]
REF = BENCH / "reference"
TMUX = ["tmux", "-L", os.environ.get("PITCHROOM_BENCH_TMUX", "perf")]
"""The private tmux server (PITCHROOM_BENCH_TMUX names another, so that two runs do not meet)."""
SESSION = "perf"
SETTLE = [1.0]  # seconds to let a screen settle before typing (less with --smoke)
PAUSES = random.Random(14)
"""The varying pauses between typed scores (seeded: the same lengths in every run)."""


@dataclass
class Result:
    key: str
    what: str
    target: str
    ours: list[float] = field(default_factory=list)
    ref: list[float] = field(default_factory=list)
    ref_name: str = ""
    limit_ratio: float | None = None
    limit_abs: float | None = None
    unit: str = "s"
    note: str = ""

    def median(self, runs: list[float]) -> float | None:
        return statistics.median(runs) if runs else None

    def row(self) -> list[str]:
        ours, ref = self.median(self.ours), self.median(self.ref)
        ratio = ours / ref if ours is not None and ref else None
        if ours is None:
            holds = f"not run ({self.note})" if self.note else "not run"
        elif self.limit_ratio is not None:
            holds = "yes" if ratio is not None and ratio <= self.limit_ratio else "no"
        else:
            holds = "yes" if self.limit_abs is not None and ours <= self.limit_abs else "no"
        return [
            self.what,
            fmt(ours, self.unit, len(self.ours)),
            f"{self.ref_name}: {fmt(ref, self.unit, len(self.ref))}" if self.ref_name else "",
            f"{ratio:.2f}x" if ratio is not None else "",
            self.target,
            holds,
        ]


def fmt(value: float | None, unit: str, n: int) -> str:
    if value is None:
        return "-"
    if unit == "MB":
        text = f"{value:.0f} MB"
    elif unit == "ms":
        text = f"{value * 1000:.0f} ms"
    else:
        text = f"{value:.2f} s"
    return f"{text} (n={n})" if n > 1 else text


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return seconds


# --- tmux -----------------------------------------------------------------------------------


def tmux(*args: str) -> str:
    return subprocess.run([*TMUX, *args], capture_output=True, text=True).stdout


def capture() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def kill() -> None:
    subprocess.run([*TMUX, "kill-session", "-t", SESSION], capture_output=True)


def wait_for(ready: Callable[[str], bool], start: float, timeout: float) -> float:
    while True:
        screen = capture()
        if ready(screen):
            return time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            kill()
            raise SystemExit(f"no complete frame within {timeout:.0f} s; last screen:\n{screen}")
        time.sleep(0.01)


def start_app(cmd: list[str], cwd: Path, ready: Callable[[str], bool], timeout: float) -> float:
    """Seconds from starting CMD in tmux to the first frame READY accepts (left running)."""
    kill()
    for _attempt in range(3):
        start = time.perf_counter()
        started = subprocess.run(
            [*TMUX, "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", "-c", str(cwd)]
            + [" ".join(cmd)],
            capture_output=True,
            text=True,
        )
        if started.returncode == 0:
            return wait_for(ready, start, timeout)
        # The server of the session just killed may still be exiting ("server exited
        # unexpectedly"): a new one is started on the next try.
        time.sleep(0.2)
    raise SystemExit(f"tmux did not start {' '.join(cmd)}: {started.stderr.strip()}")


def has_all(*texts: str) -> Callable[[str], bool]:
    return lambda screen: all(t in screen for t in texts)


def chair_ready(title: str) -> Callable[[str], bool]:
    # header, the grid's first juror row with its total, the filled ranking, the footer
    return has_all(title, "Juror 0 ", "✓ done", "funded", "f1 Help")


def app_pid() -> int:
    pid = int(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip())
    for _ in range(3):
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"pitchroom" in cmdline and b"python" in cmdline.split(b"\0")[0]:
            return pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if not children:
            break
        pid = int(children[0])
    return pid


def rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))  # type: ignore[return-value]


def grid_line(screen: str, label: str) -> list[str]:
    for line in screen.splitlines():
        text = line.split("▏")[0].strip()
        if text.startswith(label + " ") and "·" not in text:
            return text.split()
    raise SystemExit(f"no row {label!r} on the screen:\n{screen}")


def keystroke(label: str, column: int, reps: int) -> list[float]:
    """Type a score into the cell at the cursor and press enter, REPS times; the cell is
    column COLUMN (token index) of the row LABEL. Returns seconds to the redrawn row."""
    runs = []
    for _ in range(reps):
        before = grid_line(capture(), label)
        value = "10" if before[column] != "10" else "1"
        start = time.perf_counter()
        tmux("send-keys", "-t", SESSION, *value, "Enter")
        wait_for(lambda s, b=before: grid_line(s, label) != b, start, 30)
        runs.append(time.perf_counter() - start)
        tmux("send-keys", "-t", SESSION, "Left")  # back to the same cell
        # A pause of varying length: a fixed one (0.5 s is 30 frames of Textual's 60 Hz
        # refresh) typed every key of a run at the same phase of the app's frame clock, so
        # a run's keys all waited alike for the next frame, or all did not (medians of
        # 37 or 50 ms on the same code, run to run).
        time.sleep(SETTLE[0] / 2 * PAUSES.uniform(0.7, 1.3))
    return runs


# --- the suite ------------------------------------------------------------------------------


def compile_bytecode() -> None:
    """pitchroom's modules compiled to bytecode once, before any timing, as a user has
    them: ``pip install`` compiles a package when it installs it (the references' Textual
    and numpy come compiled that way), and an editable install writes each module's
    bytecode on its first import. Under PYTHONDONTWRITEBYTECODE (set on this machine and
    in some CI images) an editable install never does, and every timed run would compile
    the hundred-odd modules it imports again (0.2-0.25 s of CPU)."""
    import compileall

    import pitchroom

    compileall.compile_dir(Path(pitchroom.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keys", type=int, default=7, help="typed scores per key timing")
    parser.add_argument("--export-repeat", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="measurement keys to run (see the table)")
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    args = parser.parse_args()
    stress = (12, 5, 3) if args.smoke else make_session.STRESS
    demo = (6, 3, 3) if args.smoke else make_session.DEMO
    repeat = 1 if args.smoke else args.repeat
    keys = 1 if args.smoke else args.keys
    SETTLE[0] = 0.3 if args.smoke else 1.0
    timeout = 60 if args.smoke else 180
    screens = shutil.which("tmux") is not None
    n_stress = stress[0] * stress[1] * stress[2]

    results = {
        r.key: r
        for r in [
            Result(
                "open-demo",
                f"`pitchroom open` {'x'.join(map(str, demo))}, to the first complete frame",
                "<= 1.3x",
                ref_name=f"bare app, {demo[0]} rows",
                limit_ratio=1.3,
            ),
            Result(
                "key",
                "Enter on a typed score to the row redrawn (demo size)",
                "<= 1.2x",
                ref_name="bare DataTable",
                limit_ratio=1.2,
                unit="ms",
            ),
            Result(
                "import",
                f"`pitchroom score DB --from` {n_stress:,} scores",
                "<= 3x",
                ref_name="raw executemany, WAL",
                limit_ratio=3,
            ),
            Result(
                "ranking",
                f"`pitchroom ranking DB --json` at {n_stress:,} scores",
                "<= 2x",
                ref_name="SQLite GROUP BY",
                limit_ratio=2,
            ),
            Result(
                "open-stress",
                f"`pitchroom open` {'x'.join(map(str, stress))}, to the first complete frame",
                "<= 1.5x",
                ref_name=f"bare app, {stress[0]} rows",
                limit_ratio=1.5,
            ),
            Result(
                "rss",
                f"chair app memory at {n_stress:,} scores (RSS after the first frame)",
                "<= 150 MB",
                limit_abs=150,
                unit="MB",
            ),
            Result(
                "export",
                f"`pitchroom export DB --format xlsx` at {n_stress:,} scores",
                "<= 30 s",
                limit_abs=30,
            ),
        ]
    }
    wanted = set(args.only or results)
    if not screens:
        for key in ("open-demo", "key", "open-stress", "rss"):
            results[key].note = "tmux not found"
            wanted.discard(key)
    compile_bytecode()
    load_before = os.getloadavg()
    tmp = tempfile.TemporaryDirectory(prefix="perf-")
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        run_suite(folder, demo, stress, repeat, keys, timeout, results, wanted, args)
    finally:
        if screens:
            subprocess.run([*TMUX, "kill-server"], capture_output=True)
        tmp.cleanup()
    load_after = os.getloadavg()
    head = [
        "what",
        "pitchroom (median)",
        "reference, same run (median)",
        "ratio",
        "target",
        "holds",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    shown = [r for r in results.values() if r.key in wanted or r.note]
    lines += ["| " + " | ".join(r.row()) + " |" for r in shown]
    load = (
        f"load average {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f} "
        f"(1 / 5 / 15 min) at the start, {load_after[0]:.1f} / {load_after[1]:.1f} / "
        f"{load_after[2]:.1f} at the end, on {os.cpu_count()} cores"
    )
    report = (
        f"`python bench/bench_suite.py --repeat {repeat}`, {time.strftime('%Y-%m-%d %H:%M')} "
        f"UTC; Python {sys.version.split()[0]}; {load}.\n\n" + "\n".join(lines) + "\n"
    )
    print(report)
    if not args.smoke and not args.only:
        perfdoc.write_block("suite", report)


def run_suite(folder, demo, stress, repeat, keys, timeout, results, wanted, args) -> None:  # type: ignore[no-untyped-def]
    def log(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    demo_toml, demo_csv = make_session.write(folder / "demo", demo)
    stress_toml, stress_csv = make_session.write(folder / "stress", stress)
    for toml in (demo_toml, stress_toml):
        run([*PITCHROOM, "import", str(toml), "--db", str(toml.with_name("empty.db"))], folder)
    demo_db = folder / "demo" / "scored.db"
    shutil.copy(folder / "demo" / "empty.db", demo_db)
    run([*PITCHROOM, "score", str(demo_db), "--from", str(demo_csv)], folder)
    stress_db = folder / "stress" / "scored.db"
    demo_title = f"Performance {demo[0]} x {demo[1]} x {demo[2]}"
    stress_title = f"Performance {stress[0]} x {stress[1]} x {stress[2]}"

    def pair(result: Result, ours: Callable[[], float], ref: Callable[[], float], i: int) -> None:
        # alternate which side goes first, so drift in the machine's load hits both
        sides = [(result.ours, ours), (result.ref, ref)]
        for runs, fn in sides if i % 2 == 0 else reversed(sides):
            runs.append(fn())
        log(f"{result.key} {i + 1}/{repeat}: {result.ours[-1]:.3f} vs {result.ref[-1]:.3f}")

    # import first: it makes the stress database the others read
    need_db = wanted & {"import", "ranking", "open-stress", "rss", "export"}
    for i in range(repeat if "import" in wanted else (1 if need_db else 0)):
        target = folder / "stress" / f"import-{i}.db"
        shutil.copy(folder / "stress" / "empty.db", target)
        bare = folder / "stress" / f"bare-{i}.db"

        def ours(target: Path = target) -> float:
            return run([*PITCHROOM, "score", str(target), "--from", str(stress_csv)], folder)

        def ref(bare: Path = bare) -> float:
            return run([PY, str(REF / "executemany.py"), str(bare), str(stress_csv)], folder)

        if "import" in wanted:
            pair(results["import"], ours, ref, i)
        else:
            ours()
        if i == 0:
            target.rename(stress_db)
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        else:
            target.unlink()
        bare.unlink(missing_ok=True)
    if need_db:
        run([*PITCHROOM, "verify", str(stress_db)], folder)  # a sane database, and warm caches

    for i in range(repeat if "ranking" in wanted else 0):
        pair(
            results["ranking"],
            lambda: run([*PITCHROOM, "ranking", str(stress_db), "--json"], folder),
            lambda: run([PY, str(REF / "groupby.py"), str(stress_db)], folder),
            i,
        )

    def open_pair(key: str, db: Path, title: str, rows: int) -> None:
        for i in range(repeat):
            copy = db.with_name(f"open-{i}.db")
            shutil.copy(db, copy)

            def ours(copy: Path = copy) -> float:
                seconds = start_app(
                    [*PITCHROOM, "open", str(copy)], folder, chair_ready(title), timeout
                )
                if key == "open-stress" and "rss" in wanted:
                    time.sleep(1)
                    results["rss"].ours.append(rss_mb(app_pid())[0])
                kill()
                return seconds

            def ref() -> float:
                seconds = start_app(
                    [PY, str(REF / "table_app.py"), str(rows)],
                    folder,
                    has_all("Reference table", "Row 0 ", "Help"),
                    timeout,
                )
                kill()
                return seconds

            pair(results[key], ours, ref, i)
            copy.unlink()

    if "open-demo" in wanted:
        open_pair("open-demo", demo_db, demo_title, demo[0])
    if "key" in wanted:
        # One app per repetition and side, alternating which goes first, each typing
        # ``keys`` scores: a run's keys are alike, but runs are not (the same code gave
        # medians of 37 ms in one app and 50 ms in the next), so one app would measure luck.
        typing = demo_db.with_name("typing.db")
        shutil.copy(demo_db, typing)

        def typed_ours() -> None:
            start_app([*PITCHROOM, "open", str(typing)], folder, chair_ready(demo_title), timeout)
            time.sleep(SETTLE[0])
            results["key"].ours.extend(keystroke("Juror 0", 5, keys))
            kill()

        def typed_ref() -> None:
            start_app(
                [PY, str(REF / "table_app.py"), str(demo[0])],
                folder,
                has_all("Reference table", "Row 0 ", "Help"),
                timeout,
            )
            time.sleep(SETTLE[0])
            tmux("send-keys", "-t", SESSION, "Right", "Right")  # the Score column
            time.sleep(0.3)
            results["key"].ref.extend(keystroke("Row 0", 4, keys))
            kill()

        for i in range(repeat):
            for typed in (typed_ours, typed_ref) if i % 2 == 0 else (typed_ref, typed_ours):
                typed()
            log(
                f"key {i + 1}/{repeat}: {statistics.median(results['key'].ours):.3f} vs "
                f"{statistics.median(results['key'].ref):.3f}"
            )
    if "open-stress" in wanted or "rss" in wanted:
        wanted.add("open-stress")
        open_pair("open-stress", stress_db, stress_title, stress[0])
    for i in range(args.export_repeat if "export" in wanted else 0):
        out = folder / f"export-{i}.xlsx"
        results["export"].ours.append(
            run([*PITCHROOM, "export", str(stress_db), "--format", "xlsx", "-o", str(out)], folder)
        )
        log(f"export {i + 1}: {results['export'].ours[-1]:.1f}")
        out.unlink()


if __name__ == "__main__":
    main()
