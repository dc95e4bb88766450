"""``pitchroom serve``: juror stations in the browser through textual-serve.

textual-serve starts one process per websocket and checks nothing. This
server adds what a jury needs:

- one private link per juror (``/j/<token>``); a missing or wrong token gets
  403 and no process is started, before the websocket is even accepted;
- each link starts ``pitchroom juror FILE.db --juror KEY`` for its juror only;
- one link is one station: a new connection on a link takes it over (the
  previous page is told so and its process ended first, see
  :mod:`pitchroom.serve.stations`); station starts are queued;
- every message from a page is checked and sizes clamped
  (:mod:`pitchroom.serve.protocol`); a bad one closes only its own connection;
- the station process ends when its connection goes (close, reload, a dead
  heartbeat), and all of them within about a second when the server stops;
- websockets from another site's pages are refused (origin check), pages are
  not cached (no back/forward cache) and never send the link as a referrer;
- the page loads its font from this server, not from Google's font service.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server, to_int

from pitchroom.i18n import t
from pitchroom.serve import protocol
from pitchroom.serve.links import Tokens, default_public_url, origin_of
from pitchroom.serve.service import QUIT_GRACE_S, STOP_GRACE_S, TERM_GRACE_S, StationService
from pitchroom.serve.stations import (
    TAKEN_OVER,
    Link,
    StartQueue,
    Station,
    close_page,
    starts_at_once,
)

log = logging.getLogger("pitchroom.serve")

HEARTBEAT_S = 15.0
"""A page that answers no ping for this long and half again is gone (its station ends)."""
STARTUP_S = 60.0
"""The longest a station start holds its place in the start queue."""
SHUTDOWN_S = 1.0
"""How long aiohttp waits for open connections when the server stops."""
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


GOOGLE_FONTS = re.compile(
    r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/?>'
)
LOCAL_FONTS = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf"); }
    </style>"""


CLOSED_MESSAGE = '<div class="message">Session ended.</div>'
RESTART_BUTTON = ">Restart</button>"
STATION_SCRIPT = '<script src="{{ config.static.url }}js/textual.js"></script>'
CLOSE_REASON_SCRIPT = """<script>
      // Show why the server closed the page (another tab took the station over,
      // the server stopped...) in the "closed" dialog, as plain text.
      (function () {
        const Native = window.WebSocket;
        window.WebSocket = class extends Native {
          constructor(url, protocols) {
            super(url, protocols);
            this.addEventListener("close", (event) => {
              const message = document.querySelector(".closed-dialog .message");
              if (event.reason && message) message.textContent = event.reason;
            });
          }
        };
      })();
    </script>
    """


def local_fonts_loader(templates: Path) -> jinja2.BaseLoader:
    """textual-serve's page, with its font served from the station server itself.

    The page textual-serve ships fetches Roboto Mono from Google's font service,
    which tells Google every juror's address when a station opens (and fails
    offline); the same font files ship in textual-serve's static folder.
    """
    page = (templates / "app_index.html").read_text(encoding="utf-8")
    page = GOOGLE_FONTS.sub(LOCAL_FONTS, page)
    page = page.replace(CLOSED_MESSAGE, '<div class="message">{{ closed_message }}</div>')
    page = page.replace(RESTART_BUTTON, ">{{ restart }}</button>")
    page = page.replace(STATION_SCRIPT, CLOSE_REASON_SCRIPT + STATION_SCRIPT, 1)
    return jinja2.DictLoader({"app_index.html": page})


def station_argv(db: Path, juror: str) -> list[str]:
    return [sys.executable, "-m", "pitchroom", "juror", str(db), "--juror", juror]


class StationServer(Server):
    """textual-serve's server with private per-juror links, one station per link."""

    def __init__(
        self,
        db: Path,
        jurors: dict[str, str],
        *,
        secret: bytes,
        host: str = "127.0.0.1",
        port: int = 8000,
        public_url: str | None = None,
        argv: Any = station_argv,
        heartbeat: float = HEARTBEAT_S,
        starts: int | None = None,
    ) -> None:
        url = (public_url or default_public_url(host, port)).rstrip("/")
        super().__init__("pitchroom juror", host=host, port=port, public_url=url, title="pitchroom")
        self.db = Path(db).resolve()
        self.jurors = jurors
        """Juror key -> name, for every juror who gets a link."""
        self.tokens = Tokens(secret, list(jurors))
        self.argv = argv
        self.heartbeat = heartbeat
        self.links = {juror: Link() for juror in jurors}
        self.queue = StartQueue(starts or starts_at_once())
        self.stopping = False

    @property
    def stations(self) -> dict[str, Station]:
        """The juror -> station of every link that has one now."""
        return {j: link.current for j, link in self.links.items() if link.current is not None}

    def link(self, juror: str) -> str:
        return f"{self.public_url}/j/{self.tokens.by_juror[juror]}"

    # --------------------------------------------------------------- routes
    async def _make_app(self) -> web.Application:
        return await self.make_app()

    async def make_app(self) -> web.Application:
        """The aiohttp application (``serve`` runs it; tests run it on a port of their own)."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=local_fonts_loader(Path(self.templates_path)))
        app.add_routes(
            [
                web.get("/", self.handle_forbidden),
                web.get("/j/{token}", self.handle_page),
                web.get("/j/{token}/ws", self.handle_station),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _juror(self, request: web.Request) -> str:
        juror = self.tokens.juror_for(request.match_info.get("token", ""))
        if juror is None:
            raise web.HTTPForbidden(text=t("station.serve_forbidden"), headers=PAGE_HEADERS)
        return juror

    async def handle_forbidden(self, request: web.Request) -> web.Response:
        raise web.HTTPForbidden(text=t("station.serve_forbidden"), headers=PAGE_HEADERS)

    async def handle_page(self, request: web.Request) -> web.Response:
        juror = self._juror(request)
        token = self.tokens.by_juror[juror]
        scheme = "wss" if self.public_url.startswith("https") else "ws"
        base = self.public_url.split(":", 1)[1]
        context = {
            "font_size": max(8, min(48, to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": f"{scheme}:{base}/j/{token}/ws",
            "config": {"static": {"url": f"{self.public_url}/static/"}},
            "application": {"name": t("station.serve_page_title", juror=self.jurors[juror])},
            "closed_message": t("station.serve_closed"),
            "restart": t("station.serve_open_again"),
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers.update(PAGE_HEADERS)
        return response

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if not origin:
            return True  # not a browser page: a script that knows the token
        allowed = {origin_of(self.public_url), f"{request.scheme}://{request.host}".lower()}
        return origin.lower() in allowed

    async def handle_station(self, request: web.Request) -> web.WebSocketResponse:
        juror = self._juror(request)  # before anything is accepted or started
        if not self._same_origin(request):
            raise web.HTTPForbidden(text=t("station.serve_origin"))
        websocket = web.WebSocketResponse(
            heartbeat=self.heartbeat, max_msg_size=protocol.MAX_MESSAGE_BYTES, timeout=1.0
        )
        await websocket.prepare(request)
        link = self.links[juror]
        ticket = link.arrive()
        size = protocol.terminal_size(request.query.get("width"), request.query.get("height"))
        station = None
        try:
            station = await self._take_over(juror, link, ticket, websocket, size)
            if station is not None:
                await self._process_messages(websocket, station.service)
        except Exception as error:  # one station must not stop the server
            error_text = f"{type(error).__name__}: {error}"[:200]
            log.warning(t("station.serve_log_failed", juror=juror, error=error_text))
        finally:
            if station is not None:
                if link.current is station:
                    link.current = None
                await self._retire(station, 1000, t("station.serve_closed"))
            elif self.stopping:
                await close_page(websocket, 1001, t("station.serve_stopped"))
            else:  # a newer connection on the link came first
                await close_page(websocket, TAKEN_OVER, t("station.serve_taken_over"))
        return websocket

    async def _take_over(
        self,
        juror: str,
        link: Link,
        ticket: int,
        websocket: web.WebSocketResponse,
        size: tuple[int, int],
    ) -> Station | None:
        """Start this connection's station once it has the link; None if a newer one came."""
        async with self.queue.place():
            async with link.lock:
                previous, link.current = link.current, None
                if previous is not None:
                    await self._retire(previous, TAKEN_OVER, t("station.serve_taken_over"))
                if self.stopping or websocket.closed or not link.is_newest(ticket):
                    return None
                service = StationService(
                    self.argv(self.db, juror),
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                station = link.current = Station(websocket, service)
                await service.start(*size)
            finished = service.finished
            if finished is not None:  # the station quit or died: close the page too
                finished.add_done_callback(
                    lambda _: asyncio.ensure_future(
                        close_page(websocket, 1000, t("station.serve_closed"))
                    )
                )
            await service.wait_served(STARTUP_S)  # the next start waits for this one's frame
        return station

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
        """What the page sends, checked (textual-serve's loop trusts it)."""
        service: StationService = app_service
        async for message in websocket:
            if message.type is WSMsgType.ERROR:  # too large, or a broken frame
                log.info("a page's connection failed: %s", websocket.exception())
                break
            try:
                if message.type is not WSMsgType.TEXT:
                    raise protocol.Refused("not text")
                parsed = protocol.read_message(message.data)
            except protocol.Refused as refused:
                log.info("a page sent a message that was refused: %s", refused.reason)
                reason = t("station.serve_refused")
                await close_page(websocket, protocol.PROTOCOL_ERROR, reason)
                break
            match parsed:
                case protocol.Stdin(data):
                    await service.send_bytes(data)
                case protocol.Resize(width, height):
                    await service.set_terminal_size(width, height)
                case protocol.Ping(text):
                    await websocket.send_json(["pong", text])
                case protocol.Focus(focused):
                    await (service.focus() if focused else service.blur())

    async def _retire(
        self, station: Station, code: int, reason: str, *, stopping: bool = False
    ) -> None:
        """Close a station's page with ``reason`` shown on it, then end its process."""
        await close_page(station.websocket, code, reason)
        if stopping:
            await station.service.end(STOP_GRACE_S, STOP_GRACE_S)
        else:
            await station.service.end(QUIT_GRACE_S, TERM_GRACE_S)

    async def on_shutdown(self, app: web.Application) -> None:
        self.stopping = True  # connections still queued start nothing
        stations = list(self.stations.values())
        for link in self.links.values():
            link.current = None
        reason = t("station.serve_stopped")
        await asyncio.gather(
            *(self._retire(s, 1001, reason, stopping=True) for s in stations),
            return_exceptions=True,
        )

    # ----------------------------------------------------------------- run
    def request_exit(self) -> None:
        """The first ctrl+c or SIGTERM stops the server; more of them do not cut that short."""
        if not self.stopping:
            self.stopping = True
            raise GracefulExit()

    def initialize_logging(self) -> None:
        """One plain line per event on stderr, never a traceback with locals.

        textual-serve logs through rich with every local variable of every frame:
        slow to render, and enough output to fill a pipe nobody reads.
        """
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.handlers[:] = [handler]
        log.setLevel(logging.INFO if self.debug else logging.WARNING)
        log.propagate = False

    def serve(self, debug: bool = False) -> None:
        """Run until ctrl+c (or SIGTERM); request logs stay off (they hold the links)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        with contextlib.suppress(GracefulExit):  # run_app handles it; belt and braces
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=None,
                access_log=None,
                shutdown_timeout=SHUTDOWN_S,
            )
