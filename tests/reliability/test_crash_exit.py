"""A screen that dies of an unexpected error: exit status 1, one short line, the
traceback in a log file the line names (on the terminal only with ``--debug``).

Run for real (a subprocess through ``pitchroom``'s own entry point), with the
screen's ``on_mount`` replaced by one that raises.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pitchroom.store import Store

HELPER = """
import sys
from textual.app import App

run = App.run


def headless(self, *args, **kwargs):
    kwargs["headless"] = True
    kwargs.setdefault("size", (80, 24))
    return run(self, *args, **kwargs)


App.run = headless
where = sys.argv[1]
if where == "chair":
    from pitchroom.ui.screens.chair import ChairScreen as Crashing
elif where == "station":
    from pitchroom.ui.station.screen import StationScreen as Crashing
else:
    from pitchroom.ui.projector.app import ProjectorScreen as Crashing


def boom(self):
    raise RuntimeError("forced crash for the test")


Crashing.on_mount = boom
from pitchroom.cli.main import main

sys.argv = ["pitchroom", *sys.argv[2:]]
main()
"""


def _juror(db: Path) -> str:
    store = Store.open(db)
    try:
        return store.session.scoring_jurors[0].key
    finally:
        store.close()


def _run(tmp_path: Path, where: str, *args: str) -> subprocess.CompletedProcess[str]:
    helper = tmp_path / "crash_helper.py"
    helper.write_text(HELPER, encoding="utf-8")
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PITCHROOM_LANG": "en"}
    return subprocess.run(
        [sys.executable, str(helper), where, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _commands(ui_db: Path, tmp_path: Path) -> dict[str, tuple[str, list[str]]]:
    return {
        "open": ("chair", ["open", str(ui_db)]),
        "demo": ("chair", ["demo", "--db", str(tmp_path / "demo.db")]),
        "juror": ("station", ["juror", str(ui_db), "--juror", _juror(ui_db)]),
        "screen": ("projector", ["screen", str(ui_db)]),
    }


@pytest.mark.parametrize("command", ["open", "demo", "juror", "screen"])
def test_a_crashed_screen_exits_1_with_a_short_line_and_a_log(
    ui_db: Path, tmp_path: Path, command: str
) -> None:
    where, args = _commands(ui_db, tmp_path)[command]
    done = _run(tmp_path, where, *args)
    assert done.returncode == 1, done.stderr
    assert "RuntimeError: forced crash for the test" in done.stderr
    assert "Traceback" not in done.stderr and "on_mount" not in done.stderr, done.stderr
    logs = list((tmp_path / "state" / "pitchroom").glob("crash-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in done.stderr.replace("\n", "")
    text = logs[0].read_text(encoding="utf-8")
    assert "forced crash for the test" in text and "boom" in text


def test_debug_shows_the_traceback_on_the_terminal(ui_db: Path, tmp_path: Path) -> None:
    done = _run(tmp_path, "chair", "--debug", "open", str(ui_db))
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "boom" in done.stderr
    assert not (tmp_path / "state" / "pitchroom").exists()
