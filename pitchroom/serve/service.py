"""One station process per browser connection, ended when the connection goes.

textual-serve's ``AppService`` runs a shell command line; ours runs an argument
list (no shell, so no quoting of paths and juror keys) in its own process
group, and :meth:`StationService.end` makes sure the process is gone: it asks
the app to quit, then terminates and finally kills the group.

Its reading loop is ours too: textual-serve keeps everything a process writes
to stderr in memory and then writes it to the server's stdout (a crashing
station could fill a pipe nobody reads and stall the whole server). Here only
the last few kilobytes are kept, for the log, and :attr:`served` says when the
station's first frame reached the browser (the start queue waits for it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal
from asyncio.subprocess import PIPE, Process
from typing import Any

from textual_serve.app_service import AppService

from pitchroom.i18n import t
from pitchroom.serve.links import SECRET_ENV

log = logging.getLogger("pitchroom.serve")

QUIT_GRACE_S = 1.0
"""How long a station may take to quit when asked, before it is terminated."""
STOP_GRACE_S = 0.25
"""Each grace when the whole server stops (a station has nothing left to save)."""
TERM_GRACE_S = 0.5
STDERR_TAIL = 4096
MAX_PACKET = 16 * 1024 * 1024
PRELUDE = b"__GANGLION__\n"


class StationService(AppService):
    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv
        self.served = asyncio.Event()
        """Set once the station's first output was sent to the browser."""
        self.settled = asyncio.Event()
        """Set once that happened or the page was found gone (the start is over either way)."""
        self.stderr_tail = b""
        self.page_gone = False
        """Set when the page no longer takes output (what the station writes is dropped)."""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.pop(SECRET_ENV, None)  # a station never needs the link secret
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def process(self) -> Process | None:
        return self._process

    @property
    def finished(self) -> asyncio.Task[None] | None:
        """The task reading the station's output; done when the station ended."""
        return self._task

    async def wait_served(self, timeout: float) -> bool:
        """Until the first frame went out, the station ended, or ``timeout``; True if served."""
        waits: list[asyncio.Future[Any]] = [asyncio.ensure_future(self.settled.wait())]
        if self._task is not None:
            waits.append(asyncio.ensure_future(asyncio.shield(self._task)))
        _done, pending = await asyncio.wait(
            waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        for waiting in pending:
            waiting.cancel()
        return self.served.is_set()

    async def on_data(self, payload: bytes) -> None:
        if self.page_gone:
            return
        try:
            await self.remote_write_bytes(payload)
        except Exception:  # the page went: keep reading so the station can still quit
            self.page_gone = True
        else:
            self.served.set()
        self.settled.set()

    async def on_meta(self, data: bytes) -> None:
        if not self.page_gone:
            with contextlib.suppress(Exception):
                await super().on_meta(data)

    async def run(self) -> None:
        """Forward the station's output to the browser until it ends (textual-serve's loop)."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr

        async def read_stderr() -> None:
            tail = b""
            while data := await stderr.read(4096):
                tail = (tail + data)[-STDERR_TAIL:]
                self.stderr_tail = tail

        stderr_task = asyncio.create_task(read_stderr())
        try:
            for _ in range(10):  # the prelude says it is a Textual app
                line = await stdout.readline()
                if not line or line == PRELUDE:
                    break
            if line != PRELUDE:
                log.warning(t("station.serve_log_no_start", error=self._last_error()))
                return
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                if size > MAX_PACKET:
                    return  # not a station of ours
                payload = await stdout.readexactly(size)
                if kind == b"D":
                    await self.on_data(payload)
                elif kind == b"M":
                    await self.on_meta(payload)
                elif kind == b"P":
                    await self.on_packed(payload)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            stderr_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await stderr_task

    def _last_error(self) -> str:
        lines = self.stderr_tail.decode("utf-8", "replace").strip().splitlines()
        return lines[-1][:200] if lines else "no output"

    async def end(self, quit_grace: float = QUIT_GRACE_S, term_grace: float = TERM_GRACE_S) -> None:
        """Stop the station process for good (safe to call more than once, and at once)."""
        process = self._process
        if process is None:
            return
        if process.returncode is None and quit_grace > 0:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), quit_grace)
                await asyncio.wait_for(process.wait(), quit_grace)
        for sig, grace in ((signal.SIGTERM, term_grace), (signal.SIGKILL, 5.0)):
            if process.returncode is not None:
                break
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), grace)
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
