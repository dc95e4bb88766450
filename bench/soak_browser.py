"""The browser-station part of the soak: ``pitchroom serve`` with real stations.

Run by ``bench/bench_soak.py`` (or alone: ``python bench/soak_browser.py``).
A session of 15 scoring jurors; the real command in a subprocess; real
``pitchroom juror`` stations; real websockets (aiohttp):

1. the whole jury at once: 15 links opened together, the time until each page
   has its station's first frame, the station processes and their memory;
2. bursts on one link: 30 sockets at once, the most station processes alive
   for that juror at any moment (sampled), and how many started in all;
3. malformed and oversized messages, each on a fresh page: the page is closed
   and the server keeps serving (a page fetch and another juror's ping after each);
4. vanishing clients: sockets dropped without a close, reset, and one that goes
   silent (its station ends after the heartbeat); the time until each station ended;
5. SIGTERM with the jury connected: the time until the server and every station
   are gone.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pitchroom.domain.models import Session  # noqa: E402
from pitchroom.store import Store  # noqa: E402
from tests.conftest import small_session  # noqa: E402

JURORS = 15
WAIT_S = 120.0
MALFORMED = [
    "not json",
    "[]",
    "{}",
    "[5]",
    '["stdin"]',
    '["stdin", 5]',
    '["stdin", null]',
    '["resize", []]',
    '["resize", {"width": "80", "height": 24}]',
    '["resize", {"width": 1e999, "height": 24}]',
    '["ping", {}]',
    "[" * 10_000,
]


def jury_session() -> Session:
    data = small_session().model_dump(mode="json")
    extra = [{"key": f"juror-{n:02}", "name": f"Juror {n:02}"} for n in range(JURORS - 3)]
    data["jurors"] = data["jurors"] + extra
    return Session.model_validate(data)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stations_of(server: int) -> dict[int, str]:
    """pid -> juror of every station process the server runs now (not zombies)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
            fields = tail.split()
            if int(fields[1]) != server or fields[0] == "Z":
                continue
            argv = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if b"--juror" in argv:
            found[int(stat.parent.name)] = argv[argv.index(b"--juror") + 1].decode()
    return found


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


async def first_frame(ws: aiohttp.ClientWebSocketResponse) -> bool:
    while True:
        message = await ws.receive()
        if message.type is aiohttp.WSMsgType.BINARY:
            return True
        if message.type is not aiohttp.WSMsgType.TEXT:
            return False


async def until_closed(ws: aiohttp.ClientWebSocketResponse) -> int | None:
    while True:
        message = await ws.receive()
        if message.type is aiohttp.WSMsgType.CLOSE:
            return int(message.data)
        if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            return ws.close_code


async def wait_until(condition: Any, timeout: float = WAIT_S) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError
        await asyncio.sleep(0.02)
    return time.perf_counter() - started


def raw_socket(port: int, path: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(4096)
    return sock


async def soak(work: Path, smoke: bool) -> dict[str, object]:
    db = work / "jury.db"
    Store.create(db, jury_session(), actor="soak").close()
    port = free_port()
    env = {**os.environ, "PITCHROOM_SERVE_SECRET": "soak", "PITCHROOM_LANG": "en"}
    server = subprocess.Popen(
        [sys.executable, "-m", "pitchroom", "serve", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert server.stdout is not None
    links: dict[str, str] = {}
    for line in server.stdout:
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3:
            links[parts[0]] = parts[2].split("/j/", 1)[1]
        if len(links) == JURORS:
            break
    base = f"http://127.0.0.1:{port}"
    results: dict[str, object] = {}
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(500):
                try:
                    async with http.get(f"{base}/j/{links['anna']}") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.05)
            results["whole jury"] = await whole_jury(http, base, links, server.pid)
            results["burst on one link"] = await burst(http, base, links["bram"], server.pid)
            results["malformed"] = await malformed(http, base, links, server.pid, smoke)
            results["vanishing clients"] = await vanishing(port, links["chris"], server.pid, smoke)
            results["SIGTERM"] = await sigterm(http, base, links, server)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    return results


async def whole_jury(
    http: aiohttp.ClientSession, base: str, links: dict[str, str], server: int
) -> dict[str, object]:
    started = time.perf_counter()
    times: list[float] = []
    pages: list[aiohttp.ClientWebSocketResponse] = []

    async def read(token: str) -> None:
        """A page: reads everything (which also answers the server's heartbeat pings)."""
        ws = await http.ws_connect(f"{base.replace('http', 'ws')}/j/{token}/ws")
        pages.append(ws)
        while True:
            message = await ws.receive()
            if message.type is aiohttp.WSMsgType.BINARY:
                if ws not in served:
                    served.add(ws)
                    times.append(time.perf_counter() - started)
            elif message.type is not aiohttp.WSMsgType.TEXT:
                return

    served: set[aiohttp.ClientWebSocketResponse] = set()
    readers = [asyncio.ensure_future(read(token)) for token in links.values()]
    await wait_until(lambda: len(times) == len(links))
    pids = list(stations_of(server))
    memory = rss_mb(pids)
    times.sort()
    figures = {
        "jurors": len(links),
        "served": len(times),
        "first_s": round(times[0], 1),
        "median_s": round(statistics.median(times), 1),
        "all_s": round(times[-1], 1),
        "processes": len(pids),
        "station_memory_mb": memory,
    }
    await asyncio.gather(*(ws.close() for ws in pages))
    await asyncio.gather(*readers, return_exceptions=True)
    await wait_until(lambda: not stations_of(server))
    return figures


async def burst(
    http: aiohttp.ClientSession, base: str, token: str, server: int
) -> dict[str, object]:
    most, seen, sampling = 0, set(), True

    async def sample() -> None:
        nonlocal most
        while sampling:
            mine = [pid for pid, juror in stations_of(server).items() if juror == "bram"]
            most, _ = max(most, len(mine)), seen.update(mine)
            await asyncio.sleep(0.01)

    sampler = asyncio.ensure_future(sample())
    url = f"{base.replace('http', 'ws')}/j/{token}/ws"
    pages = await asyncio.gather(*(http.ws_connect(url) for _ in range(30)))
    codes = await asyncio.gather(*(asyncio.wait_for(until_closed(p), WAIT_S) for p in pages[:-1]))
    # the newest page won unless a page that came earlier got the link last
    remaining = [p for p in pages if not p.closed]
    await asyncio.sleep(1.0)
    sampling = False
    await sampler
    figures = {
        "sockets": len(pages),
        "most_processes_at_once": most,
        "processes_started": len(seen),
        "closed_as_taken_over": sum(code == 4001 for code in codes),
        "open_at_the_end": len(remaining),
    }
    await asyncio.gather(*(p.close() for p in pages))
    await wait_until(lambda: not stations_of(server))
    return figures


async def malformed(
    http: aiohttp.ClientSession, base: str, links: dict[str, str], server: int, smoke: bool
) -> dict[str, object]:
    ws_base = base.replace("http", "ws")
    other = await http.ws_connect(f"{ws_base}/j/{links['anna']}/ws")
    assert await asyncio.wait_for(first_frame(other), WAIT_S)
    rounds = 1 if smoke else 3
    sent, closed, served_after, slowest = 0, 0, 0, 0.0
    for _ in range(rounds):
        for text in [*MALFORMED, None, b"binary"]:
            page = await http.ws_connect(f"{ws_base}/j/{links['bram']}/ws")
            if isinstance(text, bytes):
                await page.send_bytes(text)
            else:
                await page.send_str(text if text is not None else "x" * 200_000)
            sent += 1
            code = await asyncio.wait_for(until_closed(page), WAIT_S)
            closed += code in (1008, 1009)
            started = time.perf_counter()
            async with http.get(f"{base}/j/{links['bram']}") as response:
                page_ok = response.status == 200
            await other.send_json(["ping", "x"])
            while (message := await asyncio.wait_for(other.receive(), WAIT_S)).type is (
                aiohttp.WSMsgType.BINARY
            ):
                pass
            pong = message.type is aiohttp.WSMsgType.TEXT and json.loads(message.data)[0] == "pong"
            slowest = max(slowest, time.perf_counter() - started)
            served_after += page_ok and pong
    await wait_until(lambda: "bram" not in stations_of(server).values())
    await other.close()
    return {
        "messages": sent,
        "pages_closed": closed,
        "served_after_each": served_after,
        "slowest_answer_after_ms": round(slowest * 1000),
    }


async def vanishing(port: int, token: str, server: int, smoke: bool) -> dict[str, object]:
    kinds = ["dropped", "reset", "silent"] if not smoke else ["dropped", "reset"]
    ended: dict[str, float] = {}
    for kind in kinds:
        sock = await asyncio.to_thread(raw_socket, port, f"/j/{token}/ws")
        await wait_until(lambda: "chris" in stations_of(server).values())
        started = time.perf_counter()
        if kind == "reset":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
        if kind != "silent":
            sock.close()
        ended[kind] = round(
            time.perf_counter()
            - started
            + await wait_until(lambda: "chris" not in stations_of(server).values()),
            1,
        )
        sock.close()
    return {"station_ended_after_s": ended}


async def sigterm(
    http: aiohttp.ClientSession, base: str, links: dict[str, str], server: subprocess.Popen[str]
) -> dict[str, object]:
    ws_base = base.replace("http", "ws")
    pages = []
    for token in list(links.values())[:5]:
        page = await http.ws_connect(f"{ws_base}/j/{token}/ws")
        assert await asyncio.wait_for(first_frame(page), WAIT_S)
        pages.append(page)
    stations = list(stations_of(server.pid))
    started = time.perf_counter()
    server.send_signal(signal.SIGTERM)
    codes = await asyncio.gather(*(asyncio.wait_for(until_closed(p), WAIT_S) for p in pages))
    await asyncio.to_thread(server.wait, WAIT_S)
    exited = time.perf_counter() - started

    def gone() -> bool:
        return not any(Path(f"/proc/{pid}").exists() for pid in stations)

    await wait_until(gone)
    return {
        "stations": len(stations),
        "pages_told": sum(code == 1001 for code in codes),
        "server_exited_after_s": round(exited, 2),
        "stations_gone_after_s": round(time.perf_counter() - started, 2),
        "exit_status": server.returncode,
    }


def browser(smoke: bool, work: Path) -> dict[str, object]:
    if not Path("/proc/self/stat").exists():
        return {"skipped": "reads /proc"}
    return asyncio.run(soak(work, smoke))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="soak-browser-") as tmp:
        print(json.dumps(browser("--smoke" in sys.argv, Path(tmp)), indent=2))
