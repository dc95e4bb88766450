"""A read-only folder for real: every command says the folder cannot be written.

Not "not a pitchroom database", not "restore it from a backup": a WAL database
in a folder that cannot be written cannot even be read by SQLite (it must make
the -shm file beside it), and that used to be taken for a foreign file.

Two real read-only folders, each for every command at once (one process each):

- by permissions: the folder 0555 and the file 0444, run as this user, or, as
  root, with the capabilities that let root write anywhere dropped (setpriv);
- as a read-only mount (root only: a private mount namespace, ``unshare``, with
  the folder bind-mounted read-only over itself): EROFS, as on a locked USB stick.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pitchroom.i18n import t

RUN_ALL = """
import json, sys
from click.testing import CliRunner
from pitchroom.cli.main import main
out = []
for argv in json.loads(sys.argv[1]):
    result = CliRunner().invoke(main, argv)
    out.append([argv[0], result.exit_code, result.output, repr(result.exception)])
print(json.dumps(out))
"""
NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def commands(db: Path, out: Path) -> list[list[str]]:
    d = str(db)
    return [
        ["ranking", d],
        ["ranking", d, "--json"],
        ["verify", d],
        ["log", d],
        ["export", d, "--format", "csv", "-o", str(out / "results")],
        ["forms", d, "-o", str(out / "forms.html")],
        ["backup", d, str(out / "copy.db")],
        ["score", d, "leesplank", "anna", "impact=5"],
        ["comment", d, "leesplank", "anna", "a comment"],
        ["juror", d, "--juror", "bram"],
        ["screen", d],
        ["serve", d, "--port", "8000"],
        ["open", d],
    ]


def read_only_db(tmp_path: Path, db_path: Path) -> tuple[Path, Path, bytes]:
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "day.db"
    shutil.copyfile(db_path, db)  # closed cleanly: no -wal, no -shm beside it
    out = tmp_path / "out"
    out.mkdir()
    return db, out, db.read_bytes()


def run_all(prefix: list[str], db: Path, out: Path) -> list[list[object]]:
    env = {**os.environ, "PITCHROOM_LANG": "en"}
    argv = json.dumps(commands(db, out))
    done = subprocess.run(
        [*prefix, sys.executable, "-c", RUN_ALL, argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def check(results: list[list[object]], db: Path, before: bytes) -> None:
    expected = t("store.folder_readonly", path=db, folder=db.parent, name=db.name)
    for name, code, output, exception in results:
        assert code == 2, (name, code, output, exception)
        assert expected in str(output), (name, output)
        assert "restore" not in str(output) and "Traceback" not in str(output), (name, output)
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


def test_by_permissions(tmp_path: Path, db_path: Path) -> None:
    db, out, before = read_only_db(tmp_path, db_path)
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root, and no setpriv to give up writing anywhere")
        prefix = NO_DAC
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        probe = subprocess.run([*prefix, "touch", str(db.parent / "probe")], capture_output=True)
        if probe.returncode == 0:
            pytest.skip("this user can write into a 0555 folder")
        check(run_all(prefix, db, out), db, before)
    finally:
        db.parent.chmod(0o755)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting needs root")
def test_on_a_read_only_mount(tmp_path: Path, db_path: Path) -> None:
    db, out, before = read_only_db(tmp_path, db_path)
    if not shutil.which("unshare"):
        pytest.skip("no unshare")
    folder = str(db.parent)
    mount = (
        f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} "
        f'&& ! touch {folder}/probe 2>/dev/null && exec "$@"'
    )
    prefix = ["unshare", "--mount", "--propagation", "private", "sh", "-c", mount, "sh"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount here: {probe.stderr.decode()[-200:]}")
    check(run_all(prefix, db, out), db, before)
