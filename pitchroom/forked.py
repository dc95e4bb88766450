"""Work done in a forked child process while this one goes on; its result read later.

pitchroom runs on a laptop with two cores or more, and a few of its slow paths are
independent halves: the chair's first ranking while Textual is imported, the ranking
extras beside the official ranking. ``Forked(fn)`` forks at once; the child runs
``fn()`` and sends its pickled result through a pipe; :meth:`Forked.result` reads it.

Where a fork is not safe, ``fn`` runs in this process instead, when the result is
first asked for, so the caller's code is the same either way:

- not on Linux (macOS frameworks and Windows have no safe ``fork``);
- another Python thread is running (its locks would be copied held);
- ``PITCHROOM_NO_FORK`` is set (to compare the two paths, or to debug);
- the fork itself fails.

When the child fails (an exception, a result that does not pickle, a child killed),
``fn`` runs again here, so the error a user sees is the one they would have seen
without the fork: same message, same exit status.

``fn`` must not write to files the parent also writes, nor use a database connection
opened before the fork: it opens its own.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class _Missing:
    """No result yet (``None`` may be one)."""


_MISSING = _Missing()

NO_FORK = "PITCHROOM_NO_FORK"


def can_fork() -> bool:
    """Whether a child forked now would be safe (see the module's docstring)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and not os.environ.get(NO_FORK)
        and threading.active_count() == 1
    )


class Forked(Generic[T]):
    """``fn()`` computed by a forked child (or, where that is not safe, here, later)."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._pid: int | None = None
        self._fd: int | None = None
        self._value: T | _Missing = _MISSING
        if can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        """Whether a child is (or was) computing the result."""
        return self._pid is not None

    def _start(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()  # a child's copy of a buffer is never written twice
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: compute, send, and leave without any clean-up
            os.close(read_end)
            _child(self._fn, write_end)
        os.close(write_end)
        self._pid, self._fd = pid, read_end

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether the child has done its work (it is sending its result, or has
        ended), so :meth:`result` waits for no computation; waits up to ``timeout``
        seconds for it. False where there is no child and the result is not
        computed yet (:meth:`result` would compute it)."""
        if not isinstance(self._value, _Missing):
            return True
        if self._fd is None:
            return False
        readable, _, _ = select.select([self._fd], [], [], timeout)
        return bool(readable)

    def result(self) -> T:
        """The result: the child's, or computed here (see the module's docstring)."""
        if isinstance(self._value, _Missing):
            self._value = self._receive()
        return self._value

    def _receive(self) -> T:
        if self._fd is None or self._pid is None:
            return self._fn()
        with os.fdopen(self._fd, "rb") as source:
            data = source.read()
        self._fd = None
        os.waitpid(self._pid, 0)
        try:
            ok, value = pickle.loads(data)
        except Exception:  # an empty or cut message: the child died
            ok, value = False, None
        return value if ok else self._fn()

    def close(self) -> None:
        """Stop a child whose result is no longer wanted (nothing to do otherwise)."""
        if self._fd is None or self._pid is None:
            return
        os.close(self._fd)
        self._fd = None
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)


def _child(fn: Callable[[], object], write_end: int) -> None:
    """Run in the forked child: never returns."""
    status = 0
    try:
        try:
            message = pickle.dumps((True, fn()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # the parent runs ``fn`` again and shows the error
            message = pickle.dumps((False, None))
            status = 1
        with os.fdopen(write_end, "wb") as sink:
            sink.write(message)
    except BaseException:
        status = 1
    finally:
        os._exit(status)
