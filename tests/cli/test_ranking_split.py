"""`ranking --json` computed on two cores is the one computed on one, byte for byte.

The command computes the extras' resampling (leave-one-out, bootstrap) in a forked
child (:mod:`pitchroom.forked`) while it ranks under the other methods itself.
``PITCHROOM_NO_FORK=1`` computes everything in the one process. A test runner may
run threads of its own (then no fork is made), so each run is a fresh interpreter:
a subprocess that also says whether a child was forked.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.store import Store
from tests.fresh import bench_module, run_fresh

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork on Linux only")

make_session = bench_module("make_session")

# Runs the command as `pitchroom` does, and reports on stderr's last line how many
# children were forked (the class is patched, so extras' own import sees it).
_PROGRAM = """
import sys
from pitchroom import forked
made = []
start = forked.Forked._start
def counted(self):
    start(self)
    made.append(self.forked)
forked.Forked._start = counted
from pitchroom.cli.main import main
try:
    main(sys.argv[1:], prog_name="pitchroom")
finally:
    sys.stderr.write(f"\\nforked={sum(made)}\\n")
"""


def run(*args: str, fork: bool) -> tuple[int, bytes, str, int]:
    """Exit status, stdout, stderr (without the count) and the children forked."""
    done = run_fresh(["-c", _PROGRAM, *args], fork=fork, text=False)
    err, _, count = done.stderr.decode().rstrip("\n").rpartition("\nforked=")
    return done.returncode, done.stdout, err, int(count)


def generated(folder: Path, size: tuple[int, int, int], *, grades: int, seed: int) -> Path:
    """A generated session with gaps: scores on a coarse scale (many ties), a few
    pitches partly scored or not at all, a recusal, a juror who came late."""
    toml, _ = make_session.write(folder, size)
    text = toml.read_text(encoding="utf-8").replace(
        "scale = { min = 1, max = 10, step = 1 }",
        f"scale = {{ min = 1, max = {grades}, step = 1 }}\nquorum = 2",
    )
    toml.write_text(text, encoding="utf-8")
    db = folder / "session.db"
    result = CliRunner().invoke(main, ["import", str(toml), "--db", str(db)])
    assert result.exit_code == 0, result.output
    rng = random.Random(seed)
    pitches, jurors, criteria = size
    rows = [
        (f"p{p}", f"j{j}", f"c{c}", Fraction(rng.randint(1, grades)))
        for p in range(pitches - 1)  # the last pitch: no score at all
        for j in range(jurors)
        for c in range(criteria)
        if not (p == 1 and c == 0)  # pitch 1: one criterion never scored
        and not (j == jurors - 1 and p < pitches // 3)  # the last juror came late
    ]
    store = Store.open(db)
    try:
        store.set_scores(rows, actor="test")
        store.recuse("p2", "j0", actor="test", reason="conflict")
    finally:
        store.close()
    return db


@pytest.mark.parametrize(
    ("size", "grades", "methods"),
    [
        ((40, 12, 4), 3, ["", "schulze", "trimmed"]),  # resampled bootstrap
        ((25, 6, 3), 4, ["", "majority"]),  # every multiset (<= 8 jurors)
    ],
)
def test_the_forked_extras_give_the_same_output(
    tmp_path: Path, size: tuple[int, int, int], grades: int, methods: list[str]
) -> None:
    db = generated(tmp_path, size, grades=grades, seed=sum(size))
    for method in methods:
        args = ["ranking", str(db), "--json", *(["--method", method] if method else [])]
        code, out, err, children = run(*args, fork=True)
        assert (code, err, children) == (0, "", 1), (method, err)
        code, alone, err, children = run(*args, fork=False)
        assert (code, err, children) == (0, "", 0), (method, err)
        assert out == alone, method
        assert json.loads(out)["ranking"][0]["interval"] is not None
    # the table for a person: the same extras (intervals, bands, fragile flags)
    code, out, err, children = run("ranking", str(db), fork=True)
    assert (code, children) == (0, 1), err
    assert out == run("ranking", str(db), fork=False)[1]


def test_no_extras_forks_nothing(tmp_path: Path) -> None:
    db = generated(tmp_path, (10, 3, 2), grades=5, seed=1)
    code, out, err, children = run("ranking", str(db), "--json", "--no-extras", fork=True)
    assert (code, err, children) == (0, "", 0)
    assert out == run("ranking", str(db), "--json", "--no-extras", fork=False)[1]


@pytest.mark.parametrize(
    "damage",
    [
        "update scores set value = 'seven' where rowid = 5",
        "update meta set value = '{\"session\": 1' where key = 'session'",
    ],
)
def test_a_damaged_record_is_the_same_refusal_either_way(tmp_path: Path, damage: str) -> None:
    db = generated(tmp_path, (10, 4, 2), grades=5, seed=2)
    conn = sqlite3.connect(db)
    conn.execute(damage)
    conn.commit()
    conn.close()
    for args in (["ranking", str(db), "--json"], ["ranking", str(db)]):
        code, out, err, _ = run(*args, fork=True)
        assert code == 2 and out == b"" and "Traceback" not in err, err
        assert (code, out, err) == run(*args, fork=False)[:3]
