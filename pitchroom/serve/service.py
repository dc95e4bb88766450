"""One station process per browser connection, ended when the connection goes.

textual-serve's ``AppService`` runs a shell command line; ours runs an argument
list (no shell, so no quoting of paths and juror keys) in its own process
group, and :meth:`StationService.end` makes sure the process is gone: it asks
the app to quit, then terminates and finally kills the group.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
from asyncio.subprocess import PIPE, Process
from typing import Any

from textual_serve.app_service import AppService

from pitchroom.serve.links import SECRET_ENV

QUIT_GRACE_S = 3.0
TERM_GRACE_S = 2.0


class StationService(AppService):
    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv

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

    async def end(self) -> None:
        """Stop the station process for good (safe to call more than once)."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.shield(self.stop()), QUIT_GRACE_S)
        process = self._process
        if process is None or process.returncode is not None:
            return
        for sig, grace in ((signal.SIGTERM, TERM_GRACE_S), (signal.SIGKILL, None)):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, sig)
            try:
                await asyncio.wait_for(process.wait(), grace)
                break
            except TimeoutError:
                continue
        if self._task is not None and not self._task.done():
            self._task.cancel()
