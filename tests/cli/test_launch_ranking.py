"""``pitchroom ranking FILE.db`` without click (pitchroom.cli.launch), its score read
started before anything else is imported (EarlyRead.before_open).

Issue 14: at 500,000 scores the read is the longest part of ``ranking --json`` and
waited behind click and the store's imports. These tests hold the launcher's
``ranking`` to the command's: the same status, output and errors, by either path,
for the JSON and the text, in both languages, with and without the fork; and the
read started before the store is opened is used only when the store then sees the
record it read (a migration on open stops it), and reads nothing of a file that is
not in WAL mode.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pitchroom.cli import launch
from pitchroom.cli.launch import Plain, plain_command
from pitchroom.domain.definition import METHODS
from pitchroom.store import Store
from pitchroom.store.blocksql import EarlyRead, in_wal_mode, scale_grades
from tests.cli.test_ranking_split import generated
from tests.conftest import FrozenClock, small_session
from tests.fresh import AFTER_IMPORT, fresh_env, run_fresh
from tests.ui.conftest import build_db
from tests.ui.test_ranking import score_everything

LEGACY = Path(__file__).parents[1] / "store" / "data" / "legacy.db"

# ``pitchroom ARGS`` by either entry in a fresh interpreter; the launcher's run says on
# stderr whether click had been imported when the ranking was computed.
RUN = (
    AFTER_IMPORT
    + """
import json

def patch(module):
    printer = module.ranking_printer
    def watched(*args, **kwargs):
        show = printer(*args, **kwargs)
        sys.stderr.write("SEEN " + json.dumps({"click": "click" in sys.modules}) + "\\n")
        return show
    module.ranking_printer = watched

after_import("pitchroom.cli.ranking_out", patch)
sys.argv = ["pitchroom", *ARGS]
ENTRY()
"""
)

LAUNCHER = "from pitchroom.cli.launch import main as entry\nentry"
CLICK = "from pitchroom.cli.main import main as entry\nentry"


def script(args: tuple[object, ...], entry: str) -> str:
    head, call = entry.split("\n")
    return head + "\n" + RUN.replace("ARGS", repr([str(a) for a in args])).replace("ENTRY", call)


def pitchroom(*args: object, entry: str = LAUNCHER, fork: bool = True) -> tuple[int, str, str]:
    # buffered: the launcher ends the process without the interpreter's teardown, so
    # what is still in a buffer must have been flushed
    done = run_fresh(["-c", script(args, entry)], fork=fork, buffered=True)
    return done.returncode, done.stdout, done.stderr


def unseen(err: str) -> str:
    return "\n".join(x for x in err.splitlines() if not x.startswith("SEEN "))


def click_seen(err: str) -> bool | None:
    lines = [x for x in err.splitlines() if x.startswith("SEEN ")]
    return json.loads(lines[-1][5:])["click"] if lines else None


def alike(*args: object, fork: bool = True) -> tuple[int, str, str]:
    """Both entries' outcome, asserted the same; the launcher's."""
    fast = pitchroom(*args, fork=fork)
    clicked = pitchroom(*args, entry=CLICK, fork=fork)
    assert (fast[0], fast[1], unseen(fast[2])) == (clicked[0], clicked[1], unseen(clicked[2]))
    return fast


@pytest.fixture
def scored(tmp_path: Path) -> Path:
    db = build_db(tmp_path, small_session(), FrozenClock())
    score_everything(db)
    return db


# ---------------------------------------------------------------- what is taken


def test_a_plain_ranking_of_a_database_is_taken(scored: Path) -> None:
    db = str(scored)
    assert plain_command(["ranking", db], {}) == Plain("ranking", db, None)
    assert plain_command(["ranking", db, "--json"], {}) == Plain(
        "ranking", db, None, None, frozenset({"--json"})
    )
    assert plain_command(
        ["ranking", "--no-extras", "--method=borda", db, "--json", "--lang", "NL"], {}
    ) == Plain("ranking", db, "nl", "borda", frozenset({"--json", "--no-extras"}))


@pytest.mark.parametrize(
    "args",
    [
        ["ranking", "DB", "--json", "--json"],
        ["ranking", "DB", "--json=yes"],
        ["ranking", "DB", "--method", "best"],
        ["ranking", "DB", "--method", "Borda"],
        ["ranking", "DB", "--method"],
        ["ranking", "DB", "--actor", "me"],
        ["ranking", "DB", "--help"],
        ["ranking", "DB", "DB"],
        ["--lang", "nl", "ranking", "DB"],
    ],
)
def test_anything_else_goes_to_click(scored: Path, args: list[str]) -> None:
    assert plain_command([str(scored) if a == "DB" else a for a in args], {}) is None


def test_the_methods_are_the_sessions() -> None:
    assert launch.METHODS == METHODS


# ------------------------------------------------------- the same as with click


@pytest.mark.parametrize("fork", [True, False])
@pytest.mark.parametrize(
    "args",
    [["--json"], [], ["--json", "--no-extras", "--method", "median"], ["--lang", "nl"]],
    ids=["json", "text", "median-no-extras", "text-nl"],
)
def test_the_output_is_the_commands_without_click(
    scored: Path, args: list[str], fork: bool
) -> None:
    code, out, err = alike("ranking", scored, *args, fork=fork)
    assert code == 0, err
    assert click_seen(err) is False
    if "--json" in args:
        assert json.loads(out)["ranking"]
    else:
        assert ("Rang\t" in out) is ("nl" in args), out


def test_a_dutch_session_in_dutch_as_with_click(tmp_path: Path) -> None:
    db = build_db(tmp_path, small_session(language="nl"), FrozenClock())
    score_everything(db)
    code, out, err = alike("ranking", db)
    assert code == 0 and "Rang\t" in out, err


@pytest.mark.parametrize(
    "sql",
    [
        "update scores set value = 'seven' where juror = 'bram'",
        "update meta set value = '{' where key = 'session'",
    ],
    ids=["scores", "definition"],
)
def test_damage_is_reported_as_with_click(scored: Path, sql: str) -> None:
    conn = sqlite3.connect(scored)
    conn.execute(sql)
    conn.commit()
    conn.close()
    code, _, err = alike("ranking", scored, "--json")
    assert code == 2 and "Traceback" not in err, err


def _foreign_wal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("pragma journal_mode = wal")
    conn.execute("create table notes (text)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.write_text("not a database\n"), id="text"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), id="torn"),
        pytest.param(_foreign_wal, id="foreign-wal"),
    ],
)
def test_a_refused_file_is_refused_and_left_as_with_click(tmp_path: Path, make) -> None:
    outcomes, leftovers = [], []
    for name, entry in (("fast", LAUNCHER), ("click", CLICK)):
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "other.db"
        make(path)
        before = path.read_bytes()
        done = run_fresh(["-c", script(("ranking", path, "--json"), entry)], buffered=True)
        outcomes.append(
            (done.returncode, done.stdout, unseen(done.stderr).replace(str(folder), ""))
        )
        assert path.read_bytes() == before
        leftovers.append(sorted(p.name for p in folder.iterdir()))
    assert outcomes[0] == outcomes[1] and outcomes[0][0] == 2
    assert leftovers[0] == leftovers[1]


def test_an_older_database_is_migrated_and_ranked_as_with_click(tmp_path: Path) -> None:
    fast, clicked = tmp_path / "fast.db", tmp_path / "clicked.db"
    shutil.copy(LEGACY, fast)
    shutil.copy(LEGACY, clicked)
    one = pitchroom("ranking", fast, "--json")
    other = pitchroom("ranking", clicked, "--json", entry=CLICK)
    assert one[0] == 0 and (one[0], one[1]) == (other[0], other[1]), one[2]


@pytest.mark.parametrize("entry", [LAUNCHER, CLICK], ids=["launcher", "click"])
def test_a_reader_gone_ends_quietly_with_status_1(scored: Path, entry: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", script(("ranking", scored, "--json"), entry)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=fresh_env(buffered=True),
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the ranking is written
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 1
    assert unseen(err) == ""


@pytest.mark.parametrize("fork", [True, False])
def test_a_larger_session_with_gaps_whole_and_as_with_click(tmp_path: Path, fork: bool) -> None:
    """Gaps (the read's coded join), the early read's ranges, and an output far larger
    than a pipe's buffer: the launcher ends the process without the interpreter's
    teardown, so what it wrote must be flushed first."""
    db = generated(tmp_path, (200, 6, 4), grades=5, seed=3)
    code, out, err = alike("ranking", db, "--json", fork=fork)
    assert code == 0, err
    assert len(out) > 65536 and len(json.loads(out)["ranking"]) == 200


# ------------------------------------------------------ the read before the open


def test_the_read_before_the_open_reads_the_records_grades(tmp_path: Path) -> None:
    db = build_db(tmp_path, small_session(scale={"min": 0, "max": 10, "step": 0.5}), FrozenClock())
    score_everything(db)
    started = EarlyRead.before_open(db)
    store = Store.open(db)
    try:
        early = started.confirm(store.db.execute)
        assert early is started
        got = early.result()
        scale = store.session.session.scale
        grades = tuple(scale_grades(scale.min, scale.max, scale.step))
        assert got is not None and got.grades == grades
        assert got == EarlyRead(db, grades).result()
    finally:
        store.close()


def test_a_migration_on_open_stops_the_read_before_it(tmp_path: Path) -> None:
    db = tmp_path / "legacy.db"
    shutil.copy(LEGACY, db)
    started = EarlyRead.before_open(db)
    store = Store.open(db)  # migrates the record forward
    try:
        assert started.confirm(store.db.execute) is None
        assert started.result() is None
    finally:
        store.close()


def test_a_file_not_in_wal_mode_is_not_read_before_the_open(scored: Path) -> None:
    conn = sqlite3.connect(scored)
    assert conn.execute("pragma journal_mode = delete").fetchone() == ("delete",)
    conn.close()
    assert not in_wal_mode(scored)
    started = EarlyRead.before_open(scored)
    assert started.result() is None
    assert sorted(p.name for p in scored.parent.iterdir()) == [scored.name]  # untouched
    store = Store.open(scored)
    try:
        assert started.confirm(store.db.execute) is None
    finally:
        store.close()
    assert in_wal_mode(scored)  # the store's open switched it, as always


def test_wal_mode_is_told_by_the_header(tmp_path: Path, scored: Path) -> None:
    assert in_wal_mode(scored)
    assert not in_wal_mode(tmp_path / "missing.db")
    text = tmp_path / "notes.db"
    text.write_text("SQLite format 3 but not really\n")
    assert not in_wal_mode(text)
