"""``pitchroom juror``, ``serve`` and ``screen``: stations, browser stations, projector.

Registered by :mod:`pitchroom.cli.main`. Problems that stop a command before
any screen opens (a database that is not usable, an unknown juror, an observer,
a missing ``--public-url``) are reported as ``FILE: FIELD: message`` with exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pitchroom.cli.common import db_argument
from pitchroom.cli.language import use_session
from pitchroom.domain.text import strip_control
from pitchroom.i18n import N_, t
from pitchroom.store import RuleError, Store, StoreError


def _fail(subject: object, field: str | None, message: str) -> None:
    where = f"{subject}: {field}: " if field else f"{subject}: "
    click.echo(strip_control(where + message), err=True)
    raise click.exceptions.Exit(2)


def _open(db: Path) -> Store:
    try:
        store = Store.open(db)
        try:
            store.check_record()  # damage is a message here, not a crash on screen
        except StoreError:
            store.close()
            raise
        use_session(store.session.session.language)
    except StoreError as error:
        _fail(db, None, str(error).removeprefix(f"{db}: "))
    return store


@click.command("juror", help=N_("station.cli_juror_help"))
@db_argument
@click.option(
    "--juror", "juror_key", required=True, metavar="KEY", help=N_("station.cli_opt_juror")
)
@click.option(
    "--pin",
    default=None,
    metavar="PIN",
    envvar="PITCHROOM_STATION_PIN",
    help=N_("station.cli_opt_pin"),
)
def juror(db: Path, juror_key: str, pin: str | None) -> None:
    from pitchroom.ui.station.app import StationApp

    store = _open(db)
    try:
        app = StationApp(store, juror_key, pin=pin or None)
    except RuleError as error:
        store.close()
        _fail(db, error.field, error.message)
    try:
        app.run()
    finally:
        store.close()
    click.get_current_context().exit(app.return_code or 0)


@click.command("serve", help=N_("station.cli_serve_help"))
@db_argument
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("station.cli_opt_host"))
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help=N_("station.cli_opt_port"),
)
@click.option("--public-url", default=None, metavar="URL", help=N_("station.cli_opt_public_url"))
def serve(db: Path, host: str, port: int, public_url: str | None) -> None:
    from pitchroom.serve.links import is_unspecified, server_secret
    from pitchroom.serve.server import StationServer

    if is_unspecified(host) and not public_url:
        _fail(db, "host", t("station.serve_public_url", host=host))
    if public_url and not public_url.startswith(("http://", "https://")):
        _fail(db, "public-url", t("station.serve_bad_url", url=public_url))
    store = _open(db)
    try:
        session = store.session
    finally:
        store.close()
    jurors = {j.key: j.name for j in session.scoring_jurors}
    if not jurors:
        _fail(db, "jurors", t("station.serve_no_jurors"))
    server = StationServer(
        db, jurors, secret=server_secret(), host=host, port=port, public_url=public_url
    )
    click.echo(
        t(
            "station.serve_header",
            session=strip_control(session.session.title),
            url=strip_control(server.public_url),
        )
    )
    for key, name in jurors.items():
        click.echo(
            t(
                "station.serve_link",
                juror=key,
                name=strip_control(name),
                link=strip_control(server.link(key)),
            )
        )
    click.echo(t("station.serve_stop"), err=True)
    sys.stdout.flush()
    try:
        server.serve()
    except OSError as error:
        _fail(db, "port", str(error))


@click.command("screen", help=N_("station.cli_screen_help"))
@db_argument
def screen(db: Path) -> None:
    from pitchroom.ui.projector.app import ProjectorApp

    store = _open(db)
    app = ProjectorApp(store)
    try:
        app.run()
    finally:
        store.close()
    click.get_current_context().exit(app.return_code or 0)


COMMANDS = [juror, serve, screen]
