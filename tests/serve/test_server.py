"""``pitchroom serve`` under a hostile or just hurried browser: one link is one station.

Each test runs the real server on a free port and talks to it over real
websockets; the stations are real processes (fake ones, see conftest.py).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket

import pytest

from pitchroom.i18n import t
from pitchroom.serve.links import juror_token
from pitchroom.serve.stations import TAKEN_OVER
from tests.serve.conftest import Running, Serve, until

PROTOCOL_ERROR = 1008
TOO_BIG = 1009


async def served(running: Running, juror: str, query: str = ""):
    page = await running.page(juror, query)
    await page.wait_for(f"ready {juror}".encode())
    return page


async def echo(page, text: str) -> None:
    """The page's station still answers: what it types comes back."""
    await page.ws.send_json(["stdin", text])
    await page.wait_for(f"stdin {text}".encode())


async def test_a_guessed_token_is_refused_and_starts_nothing(serve: Serve) -> None:
    async with serve() as running:
        guessed = juror_token(b"g" * 32, "anna")  # the right form, the wrong secret
        for path in (f"/j/{guessed}", f"/j/{guessed}/ws", "/", "/ws", f"/j/{guessed[:-1]}"):
            assert await running.get(path) in (403, 404), path
        with pytest.raises(Exception) as refused:
            await running.page("anna", token=guessed)
        assert getattr(refused.value, "status", None) == 403
        assert await running.get(f"/j/{running.token('anna')}") == 200
        assert running.stations.started() == []


MALFORMED = [
    "not json",
    "[]",
    "{}",
    "null",
    '"stdin"',
    "[5]",
    "[[]]",
    '["stdin"]',
    '["stdin", 5]',
    '["stdin", null]',
    '["stdin", ["a"]]',
    '["stdin", "a", "b"]',
    '["resize"]',
    '["resize", []]',
    '["resize", {"width": "80", "height": 24}]',
    '["resize", {"width": true, "height": 24}]',
    '["resize", {"height": 24}]',
    '["resize", {"width": 1e999, "height": 24}]',
    '["ping", 5]',
    '["ping", "' + "x" * 1000 + '"]',
    "[" * 10_000 + "]" * 10_000,
]


@pytest.mark.parametrize("sent", ["text", "binary", "oversized"])
async def test_malformed_messages_close_only_their_connection(serve: Serve, sent: str) -> None:
    async with serve() as running:
        other = await served(running, "bram")
        messages = MALFORMED if sent == "text" else [None]
        for message in messages:
            page = await served(running, "anna")
            if sent == "binary":
                await page.ws.send_bytes(b'["stdin", "a"]')
            elif sent == "oversized":
                await page.ws.send_str(json.dumps(["stdin", "x" * 100_000]))
            else:
                await page.ws.send_str(message)
            code = await page.wait_closed()
            assert code == (TOO_BIG if sent == "oversized" else PROTOCOL_ERROR), (message, code)
            await until(lambda: not running.stations.alive("anna"), "anna's station ends")
            # the server keeps serving the others: pages, websockets, the other station
            assert await running.get(f"/j/{running.token('anna')}") == 200
            await echo(other, f"still here after {len(page.frames)}")
        assert running.stations.alive("bram") and not other.closed.is_set()
        await other.close()


async def test_sizes_are_clamped_and_odd_but_harmless_messages_pass(serve: Serve) -> None:
    async with serve() as running:
        page = await served(running, "anna", "?width=-5&height=99999999999999")
        assert b"ready anna" in page.received and b" 10x200" in page.received
        await page.ws.send_json(["resize", {"width": -1, "height": -1}])
        await page.wait_for(b"size 10x5")
        await page.ws.send_json(["resize", {"width": 10**9, "height": 24.7}])
        await page.wait_for(b"size 500x24")
        await page.ws.send_json(["hello", {"from": "a newer page"}])  # ignored, not refused
        await page.ws.send_str('["stdin", "\\ud800x"]')  # half a character: replaced
        await page.wait_for(b"stdin ?x")
        await page.ws.send_json(["ping", "12345"])
        await until(lambda: '["pong", "12345"]' in page.texts, "the pong")
        await page.ws.send_json(["focus"])
        await echo(page, "typed")
        assert not page.closed.is_set()
        await page.close()
        await until(lambda: not running.stations.alive(), "the station ends with its page")


async def test_thirty_sockets_on_one_link_run_one_station(serve: Serve) -> None:
    async with serve() as running:
        most = 0
        sampling = True

        async def sample() -> None:
            nonlocal most
            while sampling:
                most = max(most, len(running.stations.alive("anna")))
                await asyncio.sleep(0.005)

        sampler = asyncio.ensure_future(sample())
        pages = await asyncio.gather(*(running.page("anna") for _ in range(30)))
        await until(lambda: sum(p.closed.is_set() for p in pages) >= 29, "29 pages closed")
        open_pages = [p for p in pages if not p.closed.is_set()]
        assert len(open_pages) == 1
        winner = open_pages[0]
        await winner.wait_for(b"ready anna")
        sampling = False
        await sampler
        # the sampler may not have run since the station started (a loaded machine): one
        # more look, now that the winner's station is surely up
        most = max(most, len(running.stations.alive("anna")))
        assert most == 1, most
        assert len(running.stations.alive("anna")) == 1
        for page in pages:
            if page is not winner:
                assert page.close_code == TAKEN_OVER
                assert page.close_reason == t("station.serve_taken_over")
        # each started station but the last was ended before the next one started
        assert len(running.stations.started("anna")) <= 30
        await echo(winner, "mine")
        # a second tab later takes the station over; the first is told so
        second = await served(running, "anna")
        assert await winner.wait_closed() == TAKEN_OVER
        assert len(running.stations.alive("anna")) == 1
        await echo(second, "moved")
        await second.close()
        await until(lambda: not running.stations.alive("anna"), "the station ends")


async def test_the_page_shows_why_it_was_closed(serve: Serve) -> None:
    async with serve() as running:
        first = await served(running, "anna")
        second = await served(running, "anna")
        assert await first.wait_closed() == TAKEN_OVER
        assert first.close_reason == t("station.serve_taken_over")
        await second.close()
        async with running.session.get(f"{running.url}/j/{running.token('anna')}") as response:
            page = await response.text()
        assert t("station.serve_closed") in page and "event.reason" in page
        assert "Session ended." not in page


async def test_a_whole_jury_at_once_is_served(serve: Serve) -> None:
    jurors = [f"juror-{n:02}" for n in range(15)]
    async with serve(jurors) as running:
        pages = await asyncio.gather(*(running.page(j) for j in jurors))
        for juror, page in zip(jurors, pages, strict=True):
            await page.wait_for(f"ready {juror}".encode())
        assert sorted(running.server.stations) == jurors
        assert all(len(running.stations.alive(j)) == 1 for j in jurors)
        await asyncio.gather(*(page.close() for page in pages))
        await until(lambda: not running.stations.alive(), "every station ends")


def _handshake(port: int, token: str) -> socket.socket:
    """A websocket opened by hand, so that it can vanish the way a phone in a tunnel does."""
    sock = socket.create_connection(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /j/{token}/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 101"), answer[:80]
    return sock


@pytest.mark.parametrize("how", ["silent", "dropped", "reset"])
async def test_a_vanishing_client_ends_its_station(serve: Serve, how: str) -> None:
    async with serve(heartbeat=0.5) as running:
        port = int(running.url.rsplit(":", 1)[1])
        sock = await asyncio.to_thread(_handshake, port, running.token("anna"))
        try:
            await until(lambda: running.stations.alive("anna") != [], "anna's station starts")
            if how == "dropped":  # the socket closed without a websocket close
                sock.close()
            elif how == "reset":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                sock.close()
            # "silent": the socket stays open, reads nothing, answers no ping
            await until(lambda: not running.stations.alive("anna"), "the station ends")
            assert "anna" not in running.server.stations
            page = await served(running, "anna")  # the link works again at once
            await page.close()
        finally:
            sock.close()


async def test_a_page_gone_before_its_station_started_frees_its_place(serve: Serve) -> None:
    """The start queue waits for a station's first frame; a page already gone ends the wait."""

    def slow(db: object, juror: str) -> list[str]:
        return [*running.stations.argv(db, juror), "1.0"]  # type: ignore[arg-type]

    async with serve(argv=slow) as running:
        running.server.queue = type(running.server.queue)(1)  # one start at a time
        port = int(running.url.rsplit(":", 1)[1])
        sock = await asyncio.to_thread(_handshake, port, running.token("anna"))
        sock.close()  # gone before the station's first frame
        await until(lambda: running.stations.started("anna") != [], "anna's station starts")
        page = await served(running, "bram")  # served, not queued behind anna for a minute
        await until(lambda: not running.stations.alive("anna"), "anna's station ends")
        await page.close()
