"""``pitchroom serve`` stops promptly on SIGTERM and ctrl+c, and takes its stations with it.

The real command in a subprocess, with real stations (``pitchroom juror``).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from pitchroom.i18n import t
from tests.serve.conftest import WAIT_S, alive, free_port, until

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


async def until_closed(page: aiohttp.ClientWebSocketResponse) -> tuple[int | None, str]:
    """Read what the station sends until the page is closed: the close code and reason."""
    while True:
        message = await asyncio.wait_for(page.receive(), WAIT_S)
        if message.type is aiohttp.WSMsgType.CLOSE:
            return message.data, message.extra
        if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            return page.close_code, ""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_stops_the_server_and_its_stations(db_path: Path, sig: int) -> None:
    port = free_port()
    env = {**os.environ, "PITCHROOM_SERVE_SECRET": "a test secret", "PITCHROOM_LANG": "en"}
    server = subprocess.Popen(
        [sys.executable, "-m", "pitchroom", "serve", str(db_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        links = {}
        for line in server.stdout:
            parts = line.strip().split("\t")
            if len(parts) == 3:
                links[parts[0]] = parts[2]
            if len(links) == 2:
                break
        assert set(links) == {"anna", "bram"}
        ws_url = {j: link.replace("http://", "ws://") + "/ws" for j, link in links.items()}
        async with aiohttp.ClientSession() as session:

            async def connect(url: str) -> aiohttp.ClientWebSocketResponse:
                for _ in range(200):  # the server may still be binding its port
                    try:
                        return await session.ws_connect(url)
                    except aiohttp.ClientConnectorError:
                        await asyncio.sleep(0.05)
                raise AssertionError(f"cannot connect to {url}")

            pages = [await connect(url) for url in ws_url.values()]
            for page in pages:  # each station's first frame
                message = await asyncio.wait_for(page.receive(), WAIT_S)
                assert message.type is aiohttp.WSMsgType.BINARY
            stations = children(server.pid)
            assert len(stations) == 2
            server.send_signal(sig)
            ends = await asyncio.gather(*(until_closed(page) for page in pages))
            assert ends == [(1001, t("station.serve_stopped"))] * 2
        assert await asyncio.to_thread(server.wait, WAIT_S) == 0
        await until(lambda: not any(alive(pid) for pid in stations), "the stations end")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
