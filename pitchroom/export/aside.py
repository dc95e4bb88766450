"""A big log verified in a second process while the export reads the rest.

Verifying (the chain recomputed, every event replayed and compared) is a third
of a big session's reading and needs only the database, so the export starts
``python -m pitchroom.export.aside DB LANGUAGE`` right after its snapshot's first
read and takes the answer when it needs it. The answer counts only if it is for
the very chain of that snapshot (the same head hash: every write adds an event);
otherwise, or if the second process fails, the log is verified in-process.

A plain subprocess rather than ``multiprocessing``: spawn would run the caller's
main script again in the child, and fork is unsafe beside the app's threads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pitchroom.store import Store
    from pitchroom.store.replay import VerifyResult

ASIDE = 100_000
"""Logs of more events than this are verified in a second process."""


@contextlib.contextmanager
def verifier(store: Store, events: int) -> Iterator[Callable[[], VerifyResult]]:
    """A function that returns ``store.verify()`` for the snapshot being read; for a
    big log (``events``) on more than one core, worked out meanwhile elsewhere."""
    if events <= ASIDE or (os.cpu_count() or 1) < 2:
        yield store.verify
        return
    from pitchroom.i18n import language

    source = str(Path(__file__).resolve().parents[2])  # this pitchroom, in the child too
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "pitchroom.export.aside", str(store.path), language()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:  # no interpreter to start (an embedded Python): verify here
        yield store.verify
        return

    def result() -> VerifyResult:
        from pitchroom.store.replay import VerifyResult

        out, _ = child.communicate()
        try:
            fields = json.loads(out)
            found = VerifyResult(**{**fields, "unproven": tuple(fields["unproven"])})
        except (ValueError, TypeError, KeyError):  # it failed: verify here
            return store.verify()
        if child.returncode != 0 or found.head_hash != store.head()[1]:
            return store.verify()
        return found

    try:
        yield result
    finally:
        if child.poll() is None:  # not asked for (the export failed): stop it
            child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def main(path: str, language: str) -> None:
    """Verify the database at ``path`` in its own snapshot; the result as JSON on stdout."""
    from pitchroom.export.collect import snapshot
    from pitchroom.i18n import speaking
    from pitchroom.store import Store

    with speaking(language):
        store = Store.open(Path(path))
        try:
            with snapshot(store):
                result = store.verify()
        finally:
            store.close()
    json.dump(dataclasses.asdict(result), sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:])
