"""The browser server for real: on a free port, over real websockets, with processes.

Most tests run fake stations (``fake_station.py``, a few milliseconds to start)
so that fifteen jurors at once fit in a CI run; each writes its pid to a folder
so a test can count the station processes alive for a juror.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from pitchroom.serve.server import StationServer

FAKE = Path(__file__).with_name("fake_station.py")
SECRET = b"t" * 32
WAIT_S = 30.0
"""Generous: conditions are waited for, never timed."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until(condition: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
    """Wait for ``condition`` (polled), failing with ``what`` after a generous ``timeout``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"still not true after {timeout:.0f} s: {what}")
        await asyncio.sleep(0.02)


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, ended but not yet reaped, counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass
class Stations:
    """The fake stations the server started: their pid files in ``folder``."""

    folder: Path

    def started(self, juror: str | None = None) -> list[int]:
        return [
            int(p.name)
            for p in self.folder.iterdir()
            if juror is None or p.read_text(encoding="utf-8") == juror
        ]

    def alive(self, juror: str | None = None) -> list[int]:
        return [pid for pid in self.started(juror) if alive(pid)]

    def argv(self, db: Path, juror: str) -> list[str]:
        return [sys.executable, str(FAKE), str(self.folder), juror]


@dataclass
class Page:
    """A browser page's connection: everything it received, and how it was closed."""

    ws: aiohttp.ClientWebSocketResponse
    frames: list[bytes] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    close_code: int | None = None
    close_reason: str = ""
    reader: asyncio.Task[None] | None = None

    def start(self) -> Page:
        self.reader = asyncio.ensure_future(self._read())
        return self

    async def _read(self) -> None:
        try:
            while True:
                message = await self.ws.receive()
                if message.type is aiohttp.WSMsgType.BINARY:
                    self.frames.append(message.data)
                elif message.type is aiohttp.WSMsgType.TEXT:
                    self.texts.append(message.data)
                else:
                    if message.type is aiohttp.WSMsgType.CLOSE:
                        self.close_reason = message.extra or ""
                    break
        except Exception:
            pass
        finally:
            self.close_code = self.ws.close_code
            self.closed.set()

    @property
    def received(self) -> bytes:
        return b"".join(self.frames)

    async def wait_for(self, text: bytes, timeout: float = WAIT_S) -> None:
        await until(lambda: text in self.received or self.closed.is_set(), f"{text!r} arrives")
        assert text in self.received, (text, self.received[-200:], self.close_code)

    async def wait_closed(self) -> int | None:
        await until(self.closed.is_set, "the page's connection closes")
        return self.close_code

    async def close(self) -> None:
        await self.ws.close()
        if self.reader is not None:
            await self.reader


@dataclass
class Running:
    server: StationServer
    url: str
    stations: Stations
    session: aiohttp.ClientSession

    def token(self, juror: str) -> str:
        return self.server.tokens.by_juror[juror]

    async def page(self, juror: str, query: str = "", token: str | None = None) -> Page:
        path = f"/j/{token or self.token(juror)}/ws{query}"
        ws = await self.session.ws_connect(self.url + path, autoclose=True, heartbeat=None)
        return Page(ws).start()

    async def get(self, path: str) -> int:
        async with self.session.get(self.url + path) as response:
            await response.read()
            return response.status


Serve = Callable[..., contextlib.AbstractAsyncContextManager[Running]]


@pytest.fixture
def serve(tmp_path: Path) -> Serve:
    """``async with serve(jurors) as running:`` a station server on a free port."""

    @contextlib.asynccontextmanager
    async def running(
        jurors: list[str] | None = None, *, heartbeat: float = 15.0, argv: object = None
    ) -> AsyncIterator[Running]:
        folder = tmp_path / "stations"
        folder.mkdir(exist_ok=True)
        stations = Stations(folder)
        port = free_port()
        names = {j: j.title() for j in (jurors or ["anna", "bram"])}
        server = StationServer(
            tmp_path / "day.db",
            names,
            secret=SECRET,
            port=port,
            argv=argv or stations.argv,
            heartbeat=heartbeat,
        )
        runner = web.AppRunner(await server.make_app(), shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        try:
            async with aiohttp.ClientSession() as session:
                yield Running(server, f"http://127.0.0.1:{port}", stations, session)
        finally:
            await runner.cleanup()
            await until(lambda: not stations.alive(), "every station ends with the server")

    return running
