"""``pitchroom open FILE.db`` without click (pitchroom.cli.launch), everything else with it.

Issue 14: click and the group's machinery are paid before the chair's first frame,
and a database's ``open`` uses none of it. The launcher takes only a plain ``open``
of a readable database; these tests hold it to the click path's behaviour: the same
exit status, output and language for every outcome it takes over (a normal quit, a
file that is no database, damaged scores, ``--lang nl``, an interrupt), and every
other command line left to click (a folder, a missing file, ``--help``, a session file,
an option given twice, ...).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from pitchroom import i18n
from pitchroom.cli import launch
from pitchroom.cli.launch import Plain, plain_command
from pitchroom.domain.models import Session
from pitchroom.store import Store
from tests.conftest import FrozenClock, small_session
from tests.fresh import AFTER_IMPORT, HEADLESS, run_fresh
from tests.ui.conftest import build_db
from tests.ui.test_ranking import score_everything

# A fresh interpreter runs pitchroom as ``pitchroom ARGS`` by either path, with
# Textual's headless driver; the chair quits itself after its first frame and the
# run prints what it saw then: whether click was imported, the language, the title.
RUN = (
    AFTER_IMPORT
    + """
import json

seen = {}

def patch_app(module):
    drawn = module.PitchroomApp._first_frame_drawn
    def first_frame(self):
        from pitchroom import i18n
        seen["click"] = "click" in sys.modules
        seen["language"] = i18n.language()
        seen["title"] = self.store.session.session.title
        seen["store"] = type(self.store).__name__
        drawn(self)
        self.exit()
    module.PitchroomApp._first_frame_drawn = first_frame

after_import("pitchroom.ui.app", patch_app)
sys.argv = ["pitchroom", *ARGS]
try:
    ENTRY()
finally:
    sys.stderr.write("\\nSEEN " + json.dumps(seen) + "\\n")
"""
)

LAUNCHER = "from pitchroom.cli.launch import main as entry\nentry"
CLICK = "from pitchroom.cli.main import main as entry\nentry"


def pitchroom(*args: object, entry: str = LAUNCHER, fork: bool = True) -> tuple[int, str, str]:
    """``pitchroom ARGS`` in a fresh interpreter: exit status, stdout, stderr."""
    head, call = entry.split("\n")
    script = head + "\n" + RUN.replace("ARGS", repr([str(a) for a in args])).replace("ENTRY", call)
    done = run_fresh(["-c", script], fork=fork, **HEADLESS)
    return done.returncode, done.stdout, done.stderr


def seen(err: str) -> dict[str, object]:
    line = [x for x in err.splitlines() if x.startswith("SEEN ")][-1]
    result: dict[str, object] = json.loads(line[5:])
    return result


def both(*args: object) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    return pitchroom(*args), pitchroom(*args, entry=CLICK)


@pytest.fixture
def db(tmp_path: Path, session: Session) -> Path:
    path = tmp_path / "day.db"
    Store.create(path, session, actor="test").close()
    return path


# ---------------------------------------------------------------- what is taken


def opened(db: Path, lang: str | None) -> Plain:
    return Plain("open", str(db), lang)


def test_a_plain_open_of_a_database_is_taken(db: Path) -> None:
    assert plain_command(["open", str(db)], {}) == opened(db, None)
    assert plain_command(["open", "--lang", "NL", str(db)], {}) == opened(db, "nl")
    assert plain_command(["open", str(db), "--lang=en"], {}) == opened(db, "en")
    assert plain_command(["open", str(db), "--actor", "me"], {}) == opened(db, None)
    assert plain_command(["open", "--actor=me", "--lang", "nl", str(db)], {}) == opened(db, "nl")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["open"],
        ["log", "DB"],
        ["open", "DB", "--json"],
        ["--debug", "open", "DB"],
        ["--lang", "nl", "open", "DB"],
        ["open", "DB", "--help"],
        ["open", "-h", "DB"],
        ["open", "DB", "DB"],
        ["open", "DB", "--db", "other.db"],
        ["open", "DB", "--lang", "nl", "--lang", "en"],
        ["open", "DB", "--lang", "fr"],
        ["open", "DB", "--lang"],
        ["open", "DB", "--lang="],
        ["open", "DB", "--actor", "--lang"],
        ["open", "--", "DB"],
        ["open", "DB", "--verbose"],
    ],
)
def test_anything_else_goes_to_click(db: Path, args: list[str]) -> None:
    assert plain_command([str(db) if a == "DB" else a for a in args], {}) is None


def test_a_session_file_a_folder_or_a_missing_file_goes_to_click(tmp_path: Path) -> None:
    toml = tmp_path / "day.TOML"
    toml.write_text("[session]\n", encoding="utf-8")
    assert plain_command(["open", str(toml)], {}) is None
    assert plain_command(["open", str(tmp_path)], {}) is None
    assert plain_command(["open", str(tmp_path / "missing.db")], {}) is None


def test_shell_completion_goes_to_click(db: Path) -> None:
    assert plain_command(["open", str(db)], {"_PITCHROOM_COMPLETE": "bash_complete"}) is None


def test_the_languages_are_the_shipped_ones() -> None:
    assert launch.SHIPPED_LANGUAGES == i18n.SHIPPED


# ------------------------------------------------------- the same as with click


def test_open_reaches_the_first_frame_without_click(db: Path, session: Session) -> None:
    code, out, err = pitchroom("open", db)
    assert code == 0, err
    assert seen(err) == {
        "click": False,
        "language": "en",
        "title": session.session.title,
        "store": "Store",
    }
    clicked = pitchroom("open", db, entry=CLICK)
    assert clicked[0] == 0 and clicked[1] == out
    assert {**seen(clicked[2]), "click": False} == seen(err)


def test_python_m_pitchroom_takes_the_launcher(db: Path) -> None:
    program = (
        "import runpy, sys\n"
        "import pitchroom.cli.launch as launch\n"
        "def fake(plan):\n"
        "    print('fast', plan.db, 'click' in sys.modules)\n"
        "    return 3\n"
        "launch.open_chair = fake\n"
        f"sys.argv = ['pitchroom', 'open', {str(db)!r}]\n"
        "runpy.run_module('pitchroom', run_name='__main__')\n"
    )
    done = run_fresh(["-c", program], **HEADLESS)
    assert (done.returncode, done.stdout) == (3, f"fast {db} False\n"), done.stderr


@pytest.mark.parametrize("fork", [True, False])
def test_the_session_language_and_lang_as_with_click(tmp_path: Path, fork: bool) -> None:
    dutch = tmp_path / "dutch.db"
    Store.create(dutch, small_session(language="nl"), actor="test").close()
    english = tmp_path / "english.db"
    Store.create(english, small_session(), actor="test").close()
    for args, language in (
        (["open", dutch], "nl"),
        (["open", dutch, "--lang", "en"], "en"),
        (["open", english, "--lang=nl"], "nl"),
    ):
        code, _, err = pitchroom(*args, fork=fork)
        assert code == 0, err
        assert seen(err)["language"] == language
        clicked = pitchroom(*args, entry=CLICK, fork=fork)
        assert seen(clicked[2])["language"] == language


def _damage(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()


def _outcomes_alike(fast: tuple[int, str, str], clicked: tuple[int, str, str]) -> None:
    def plain(err: str) -> str:
        return "\n".join(x for x in err.splitlines() if not x.startswith("SEEN "))

    assert (fast[0], fast[1], plain(fast[2])) == (clicked[0], clicked[1], plain(clicked[2]))


@pytest.mark.parametrize(
    ("language", "lang"), [("en", []), ("en", ["--lang", "nl"]), ("nl", []), ("nl", ["--lang=en"])]
)
def test_damaged_scores_are_refused_as_with_click(
    tmp_path: Path, language: str, lang: list[str]
) -> None:
    db = build_db(tmp_path, small_session(language=language), FrozenClock())
    score_everything(db)
    _damage(db, "update scores set value = 'seven' where juror = 'bram'")
    fast, clicked = both("open", db, *lang)
    _outcomes_alike(fast, clicked)
    assert fast[0] == 2 and "Traceback" not in fast[2]
    assert seen(fast[2]) == {}  # no first frame
    dutch = "nl" in (language, *lang) and "--lang=en" not in lang
    assert ("back-up" in fast[2]) is dutch, fast[2]


@pytest.mark.parametrize("lang", [[], ["--lang", "nl"]])
def test_a_file_that_is_no_database_is_refused_as_with_click(
    tmp_path: Path, lang: list[str]
) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database\n", encoding="utf-8")
    fast, clicked = both("open", text, *lang)
    _outcomes_alike(fast, clicked)
    assert fast[0] == 2 and str(text) in fast[2] and "Traceback" not in fast[2]


def test_a_database_of_another_program_is_refused_as_with_click(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table things (x)")
    conn.commit()
    conn.close()
    fast, clicked = both("open", other)
    _outcomes_alike(fast, clicked)
    assert fast[0] == 2


def test_what_click_reads_is_read_by_click(tmp_path: Path, db: Path) -> None:
    for args in (["open", tmp_path], ["open", tmp_path / "missing.db"], ["open", db, "x"]):
        fast, clicked = both(*args)
        _outcomes_alike(fast, clicked)
        assert fast[0] == 2


def test_an_interrupt_before_the_screen_ends_as_with_click(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pitchroom.cli.main import main

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "open", interrupted)
    with pytest.raises(SystemExit) as end:
        main(["open", str(db)])
    clicked = (end.value.code, capsys.readouterr())
    status = launch.open_chair(opened(db, None))
    assert (status, capsys.readouterr()) == clicked
    assert clicked[0] == 1 and clicked[1].err == "\nAborted!\n"


def test_the_store_is_handed_to_the_chair_and_closed_after(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import pitchroom.ui

    got: list[object] = []

    def chair(path: Path, *, store: Store | None = None) -> int:
        got.extend([path, store, gc.isenabled()])
        return 5

    monkeypatch.setattr(pitchroom.ui, "run_chair", chair)
    assert launch.open_chair(opened(db, None)) == 5
    path, store, collecting = got
    assert path == db and isinstance(store, Store) and collecting is True
    assert gc.isenabled()
    with pytest.raises(Exception, match="closed"):
        store.db.execute("select 1")


BLAS_PROBE = """
import json, os, sys
from pitchroom.cli import launch

def report(plan):
    import numpy  # what the ranking's engine imports first
    threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else None
    print(json.dumps([os.environ.get("OPENBLAS_NUM_THREADS"), threads]))
    return 0

launch.print_ranking = report
sys.argv = ["pitchroom", "ranking", DB, "--json"]
launch.main()
"""


def _blas(db: Path, **env: str) -> list[object]:
    done = run_fresh(["-c", BLAS_PROBE.replace("DB", repr(str(db)))], buffered=True, **env)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_numpy_runs_on_one_blas_thread_unless_the_user_says(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenBLAS's thread per core spins at numpy's import, taking a core from the
    chair's start-up (issue 14): the launcher asks for one, before numpy is loaded."""
    monkeypatch.delenv(launch.BLAS_THREADS, raising=False)
    setting, threads = _blas(db)
    assert setting == "1"
    assert threads == 1  # numpy loaded and no thread started beside the interpreter's
    environ: dict[str, str] = {launch.BLAS_THREADS: "4"}
    launch.one_blas_thread(environ)
    assert environ == {launch.BLAS_THREADS: "4"}  # the user's number is kept
    if (os.cpu_count() or 1) > 1:  # what the setting prevents, where there is a core to take
        setting, threads = _blas(db, OPENBLAS_NUM_THREADS="2")
        assert setting == "2" and isinstance(threads, int) and threads > 1
