"""A reader that goes away (``pitchroom export DB -o - | head``) is not an error of ours."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_closed_stdout_ends_quietly(db_path: Path) -> None:
    # The reader closes its end at once; the export is far larger than a pipe's buffer.
    command = [sys.executable, "-m", "pitchroom", "export", str(db_path), "--format", "json"]
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)
    assert reader.stdin is not None
    reader.wait()
    writer = subprocess.run(
        [*command, "-o", "-"], stdout=reader.stdin, stderr=subprocess.PIPE, text=True
    )
    reader.stdin.close()
    assert writer.returncode == 1
    assert writer.stderr == ""
