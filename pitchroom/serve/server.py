"""``pitchroom serve``: juror stations in the browser through textual-serve.

textual-serve starts one process per websocket and checks nothing. This
server adds what a jury needs:

- one private link per juror (``/j/<token>``); a missing or wrong token gets
  403 and no process is started, before the websocket is even accepted;
- each link starts ``pitchroom juror FILE.db --juror KEY`` for its juror only;
- at most one station per juror: a new connection ends the previous one;
- the station process ends when its connection goes (close, reload, a dead
  heartbeat), and all of them when the server stops;
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
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server, to_int

from pitchroom.i18n import t
from pitchroom.serve.links import Tokens, default_public_url, origin_of
from pitchroom.serve.service import StationService

log = logging.getLogger("pitchroom.serve")

HEARTBEAT_S = 15
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


def local_fonts_loader(templates: Path) -> jinja2.BaseLoader:
    """textual-serve's page, with its font served from the station server itself.

    The page textual-serve ships fetches Roboto Mono from Google's font service,
    which tells Google every juror's address when a station opens (and fails
    offline); the same font files ship in textual-serve's static folder.
    """
    page = (templates / "app_index.html").read_text(encoding="utf-8")
    return jinja2.DictLoader({"app_index.html": GOOGLE_FONTS.sub(LOCAL_FONTS, page)})


def station_argv(db: Path, juror: str) -> list[str]:
    return [sys.executable, "-m", "pitchroom", "juror", str(db), "--juror", juror]


class StationServer(Server):
    """textual-serve's server with private per-juror links."""

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
    ) -> None:
        url = (public_url or default_public_url(host, port)).rstrip("/")
        super().__init__("pitchroom juror", host=host, port=port, public_url=url, title="pitchroom")
        self.db = Path(db).resolve()
        self.jurors = jurors
        """Juror key -> name, for every juror who gets a link."""
        self.tokens = Tokens(secret, list(jurors))
        self.argv = argv
        self.stations: dict[str, tuple[web.WebSocketResponse, StationService]] = {}

    def link(self, juror: str) -> str:
        return f"{self.public_url}/j/{self.tokens.by_juror[juror]}"

    # --------------------------------------------------------------- routes
    async def _make_app(self) -> web.Application:
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
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}:{base}/j/{token}/ws",
            "config": {"static": {"url": f"{self.public_url}/static/"}},
            "application": {"name": t("station.serve_page_title", juror=self.jurors[juror])},
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
        previous = self.stations.pop(juror, None)
        if previous is not None:
            await self._end(*previous)
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_S)
        await websocket.prepare(request)
        service = StationService(
            self.argv(self.db, juror),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.stations[juror] = (websocket, service)
        try:
            await service.start(
                to_int(request.query.get("width", "80"), 80),
                to_int(request.query.get("height", "24"), 24),
            )
            finished = service.finished
            if finished is not None:  # the station quit or died: close the page too
                finished.add_done_callback(lambda _: asyncio.ensure_future(websocket.close()))
            await self._process_messages(websocket, service)
        except Exception as error:  # one station must not stop the server
            log.exception(error)
        finally:
            await self._end(websocket, service)
            if self.stations.get(juror, (None,))[0] is websocket:
                del self.stations[juror]
        return websocket

    async def _end(self, websocket: web.WebSocketResponse, service: StationService) -> None:
        await service.end()
        if not websocket.closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(websocket.close(), 2)

    async def on_shutdown(self, app: web.Application) -> None:
        stations = list(self.stations.values())
        self.stations.clear()
        await asyncio.gather(*(self._end(*s) for s in stations), return_exceptions=True)

    # ----------------------------------------------------------------- run
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
            )
