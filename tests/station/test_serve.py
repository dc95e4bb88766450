"""``pitchroom serve``: private links are checked before any station process starts."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from pitchroom.serve.links import Tokens, is_unspecified, juror_token
from pitchroom.serve.server import StationServer

SECRET = b"s" * 32


def make_server(db: Path, started: list[str], argv=None) -> StationServer:
    def recording_argv(db_path: Path, juror: str) -> list[str]:
        started.append(juror)
        return (argv or _station_argv)(db_path, juror)

    return StationServer(db, {"anna": "Anna", "bram": "Bram"}, secret=SECRET, argv=recording_argv)


def _station_argv(db: Path, juror: str) -> list[str]:
    return [sys.executable, "-m", "pitchroom", "juror", str(db), "--juror", juror]


def test_tokens_are_per_juror_and_unguessable() -> None:
    tokens = Tokens(SECRET, ["anna", "bram"])
    anna = tokens.by_juror["anna"]
    assert len(anna) >= 24 and anna != tokens.by_juror["bram"]
    assert tokens.juror_for(anna) == "anna"
    assert tokens.juror_for(anna[:-1]) is None and tokens.juror_for("") is None
    assert juror_token(b"other" * 8, "anna") != anna
    assert is_unspecified("0.0.0.0") and is_unspecified("::")
    assert not is_unspecified("127.0.0.1") and not is_unspecified("localhost")


async def test_wrong_or_missing_token_is_refused_without_a_process(db_path: Path) -> None:
    started: list[str] = []
    server = make_server(db_path, started)
    async with TestClient(TestServer(await server._make_app())) as client:
        for path in ("/", "/j/", "/j/wrong", "/j/wrong/ws", "/ws", "/j//ws"):
            response = await asyncio.wait_for(client.get(path), 5)
            assert response.status in (403, 404), path
        response = await client.get(
            "/j/wrong/ws",
            headers={
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert response.status == 403
    assert started == []


async def test_valid_token_serves_the_station_page(db_path: Path) -> None:
    started: list[str] = []
    server = make_server(db_path, started)
    token = server.tokens.by_juror["bram"]
    async with TestClient(TestServer(await server._make_app())) as client:
        response = await asyncio.wait_for(client.get(f"/j/{token}"), 5)
        assert response.status == 200
        page = await response.text()
        assert f"/j/{token}/ws" in page
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        # The font comes from this server, never from a third party.
        fetched = re.findall(r'(?:href|src|url\()="?(https?://[^"\s)]+)', page)
        assert fetched and all(u.startswith(server.public_url) for u in fetched), fetched
        font = page.split('url("', 1)[1].split('"', 1)[0]
        assert font.endswith("RobotoMono-VariableFont_wght.ttf")
        served = await client.get(font.replace(server.public_url, ""))
        assert served.status == 200 and len(await served.read()) > 10_000
    assert started == []  # a page alone starts nothing


async def test_foreign_origin_is_refused(db_path: Path) -> None:
    started: list[str] = []
    server = make_server(db_path, started)
    token = server.tokens.by_juror["bram"]
    async with TestClient(TestServer(await server._make_app())) as client:
        try:
            async with client.ws_connect(
                f"/j/{token}/ws", headers={"Origin": "http://evil.example"}
            ):
                raise AssertionError("connected")
        except aiohttp.WSServerHandshakeError as error:
            assert error.status == 403
    assert started == []


async def test_station_runs_for_its_juror_and_ends_with_the_connection(db_path: Path) -> None:
    started: list[str] = []
    server = make_server(db_path, started)
    token = server.tokens.by_juror["bram"]
    async with TestClient(TestServer(await server._make_app())) as client:
        received = b""
        async with client.ws_connect(f"/j/{token}/ws?width=80&height=24") as ws:
            await ws.send_json(["resize", {"width": 80, "height": 24}])

            async def read() -> None:
                nonlocal received
                while b"Bram Jansen" not in received:
                    message = await ws.receive()
                    if message.type != aiohttp.WSMsgType.BINARY:
                        break
                    received += message.data

            await asyncio.wait_for(read(), 20)
            service = server.stations["bram"].service
            process = service.process
            assert process is not None and process.returncode is None
        # the browser went away: the station process must end with it
        await asyncio.wait_for(process.wait(), 10)
    assert started == ["bram"]
    assert b"Bram Jansen" in received
    assert "bram" not in server.stations
