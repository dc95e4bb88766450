"""pitchroom.forked: a child's result, and the same result (or error) without one.

The fork path runs in a fresh interpreter (a subprocess with one thread), since a test
runner may have threads of its own, and then :func:`can_fork` rightly says no.
"""

from __future__ import annotations

import sys
import textwrap

import pytest

from pitchroom import forked
from pitchroom.forked import Forked
from tests.fresh import last_json, run_fresh

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork on Linux only")


def run_script(body: str, **env: str) -> dict[str, object]:
    """Run ``body`` in a fresh interpreter; it prints one JSON object, returned here."""
    script = "import json, os, sys\nfrom pitchroom.forked import Forked\n" + textwrap.dedent(body)
    done = run_fresh(["-c", script], timeout=60, **env)
    assert done.returncode == 0, done.stderr
    before = done.stdout.strip().splitlines()[:-1]
    assert before in ([], ["started"]), done.stdout  # a child never writes our buffers again
    result: dict[str, object] = last_json(done.stdout)
    return result


def test_the_child_computes_the_result() -> None:
    seen = run_script(
        """
        print("started")  # buffered (stdout is a pipe) before the fork: must appear once
        parent = os.getpid()
        job = Forked(lambda: {"pid": os.getpid(), "big": list(range(200_000))})
        value = job.result()
        print(json.dumps({"forked": job.forked, "child": value["pid"] != parent,
                          "big": value["big"] == list(range(200_000)),
                          "again": job.result() is value}))
        """
    )
    assert seen == {"forked": True, "child": True, "big": True, "again": True}


def test_a_failing_child_gives_the_error_a_plain_run_gives() -> None:
    seen = run_script(
        """
        parent = os.getpid()
        def work():
            if os.getpid() != parent:
                raise RuntimeError("only in the child")
            return "computed here"
        job = Forked(work)
        out = {"forked": job.forked, "value": job.result()}
        def broken():
            raise ValueError("bad session: line 3")
        try:
            Forked(broken).result()
        except ValueError as error:
            out["error"] = str(error)
        print(json.dumps(out))
        """
    )
    assert seen == {"forked": True, "value": "computed here", "error": "bad session: line 3"}


def test_a_result_that_does_not_pickle_is_computed_here() -> None:
    seen = run_script(
        """
        parent = os.getpid()
        def work():
            if os.getpid() != parent:
                return lambda: None  # no pickle for a lambda
            return "here"
        job = Forked(work)
        print(json.dumps({"forked": job.forked, "value": job.result()}))
        """
    )
    assert seen == {"forked": True, "value": "here"}


def test_close_stops_a_child_nobody_waits_for() -> None:
    seen = run_script(
        """
        import time
        job = Forked(lambda: time.sleep(120))
        pid = job._pid
        job.close()
        try:
            os.kill(pid, 0)
            alive = True
        except ProcessLookupError:
            alive = False
        print(json.dumps({"forked": job.forked, "alive": alive}))
        """
    )
    assert seen == {"forked": True, "alive": False}


def test_no_fork_when_asked_or_when_threads_run() -> None:
    seen = run_script(
        """
        import threading
        asked = Forked(os.getpid)
        out = {"asked": asked.forked, "here": asked.result() == os.getpid()}
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        out["with_thread"] = Forked(os.getpid).forked
        stop.set()
        other.join()
        print(json.dumps(out))
        """,
        PITCHROOM_NO_FORK="1",
    )
    assert seen == {"asked": False, "here": True, "with_thread": False}
    threaded = run_script(
        """
        import threading
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        job = Forked(os.getpid)
        out = {"forked": job.forked, "here": job.result() == os.getpid()}
        stop.set()
        other.join()
        print(json.dumps(out))
        """
    )
    assert threaded == {"forked": False, "here": True}


def test_in_process_result_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(forked.NO_FORK, "1")
    calls: list[int] = []

    def work() -> None:
        calls.append(1)

    job = Forked(work)
    assert not job.forked
    assert calls == []  # nothing runs until the result is asked for
    assert job.result() is None
    assert job.result() is None
    assert calls == [1]


def test_ready_once_the_child_has_done_its_work() -> None:
    seen = run_script(
        """
        import time
        read_end, write_end = os.pipe()
        def work():
            os.read(read_end, 1)  # until the parent says go
            return "done"
        job = Forked(work)
        out = {"forked": job.forked, "before": job.ready()}
        os.write(write_end, b"x")
        for _ in range(2000):  # the child answers within seconds: no time is asserted
            if job.ready():
                break
            time.sleep(0.01)
        out |= {"after": job.ready(), "value": job.result(), "still": job.ready()}
        print(json.dumps(out))
        """
    )
    assert seen == {"forked": True, "before": False, "after": True, "value": "done", "still": True}


def test_ready_without_a_child_only_once_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(forked.NO_FORK, "1")
    job = Forked(lambda: 3)
    assert not job.ready()  # result() would compute it now
    assert job.result() == 3
    assert job.ready()
