"""One station per link, and a queue for starting station processes.

A juror's link holds at most one connection and one station process. A new
connection on a link takes it over: the previous page is closed with a message
that says so and its process is ended *before* the new one starts, so thirty
sockets opened at once on one link never run more than one process. Every
connection draws a ticket when it arrives; one that is no longer the newest by
the time it gets the link is closed at once without starting anything, so a
burst costs one process, not thirty in a row.

Starting a station (a Python process that imports Textual and opens the
database) is the expensive part; :class:`StartQueue` lets only a few start at
once and holds each place until the station's first frame is out, so when a
whole jury connects together the first stations are up in seconds instead of
all of them sharing the CPU until the last one is.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from aiohttp import web

from pitchroom.serve.service import StationService

CLOSE_TIMEOUT_S = 1.0
"""How long closing a page may wait on its connection (a vanished client never answers)."""
CLOSE_REASON_BYTES = 123
"""The most a websocket close frame can carry as its reason."""
TAKEN_OVER = 4001
"""The close code of a page whose station was opened elsewhere (4000-4999: ours)."""


def close_reason(text: str) -> bytes:
    """``text`` as a close reason: UTF-8, cut to what a close frame carries, whole characters."""
    return text.encode("utf-8")[:CLOSE_REASON_BYTES].decode("utf-8", "ignore").encode("utf-8")


async def close_page(websocket: web.WebSocketResponse, code: int, reason: str) -> None:
    """Close a page's connection with a reason it shows; never waits long."""
    if websocket.closed:
        return
    with contextlib.suppress(Exception):
        await asyncio.wait_for(
            websocket.close(code=code, message=close_reason(reason)), CLOSE_TIMEOUT_S
        )


@dataclass
class Station:
    websocket: web.WebSocketResponse
    service: StationService


@dataclass
class Link:
    """A juror's link: the newest connection and its station (at most one of each)."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    newest: int = 0
    current: Station | None = None

    def arrive(self) -> int:
        self.newest += 1
        return self.newest

    def is_newest(self, ticket: int) -> bool:
        return ticket == self.newest


def starts_at_once() -> int:
    """How many stations may start together: the processors, at least 2, at most 4."""
    return max(2, min(4, os.cpu_count() or 2))


class StartQueue:
    """At most ``size`` station processes starting at once, first come first served."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._places = asyncio.Semaphore(size)
        self.waiting = 0
        self.starting = 0

    @contextlib.asynccontextmanager
    async def place(self) -> AsyncIterator[None]:
        self.waiting += 1
        try:
            await self._places.acquire()
        finally:
            self.waiting -= 1
        self.starting += 1
        try:
            yield
        finally:
            self.starting -= 1
            self._places.release()
