"""Run code in a fresh interpreter, where :mod:`pitchroom.forked` may fork.

A test runner has threads of its own (pytest-xdist's, hypothesis's), and with other
threads running a fork is refused and the work done in-process instead. Tests of the
fork path therefore run their program in a subprocess with one thread, and read
what it found from the last line it printed, as one JSON object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from pitchroom import forked

AFTER_IMPORT = """
import importlib.util, sys

def after_import(name, patch):
    class Finder:
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            load = spec.loader.exec_module
            def exec_module(module):
                load(module)
                patch(module)
            spec.loader.exec_module = exec_module
            return spec
    sys.meta_path.insert(0, Finder())
"""
"""Source for a fresh interpreter's program: ``after_import(NAME, patch)`` calls
``patch(module)`` right after the module NAME is first imported (to watch or stub it)."""

HEADLESS = {"TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
"""Textual's headless driver, for a screen run in a subprocess with no terminal."""


def fresh_env(*, fork: bool = True, buffered: bool = False, **extra: str) -> dict[str, str]:
    """This process's environment, with the fork allowed (or refused) and ``extra``;
    ``buffered``: the output buffered as Python buffers a pipe (PYTHONUNBUFFERED, which
    a CI machine may set, left out)."""
    drop = {forked.NO_FORK, *(["PYTHONUNBUFFERED"] if buffered else [])}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    if not fork:
        env[forked.NO_FORK] = "1"
    return env | extra


def run_fresh(
    args: list[str],
    *,
    fork: bool = True,
    timeout: float = 120,
    text: bool = True,
    buffered: bool = False,
    **extra: str,
) -> subprocess.CompletedProcess[Any]:
    """``python ARGS`` in a fresh interpreter (output captured, status not checked)."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=text,
        env=fresh_env(fork=fork, buffered=buffered, **extra),
        timeout=timeout,
        check=False,
    )


def run_script(script: str, *, fork: bool = True, timeout: float = 120, **extra: str) -> Any:
    """Run ``script``; it must succeed and print one JSON object last, returned here."""
    done = run_fresh(["-c", script], fork=fork, timeout=timeout, **extra)
    assert done.returncode == 0, done.stderr[-3000:]
    return last_json(done.stdout)


def last_json(stdout: str) -> Any:
    """The JSON object on the last line of ``stdout``."""
    return json.loads(stdout.strip().splitlines()[-1])


def bench_module(name: str) -> Any:
    """A module of bench/ (such as ``make_session``, the sessions' generator), loaded
    from its file: bench/ is not a package."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
