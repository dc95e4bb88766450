"""Pieces every command shares: options, opening a store, locating data files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import click

from pitchroom.cli.language import use_session
from pitchroom.i18n import N_
from pitchroom.store import Store

actor_option = click.option(
    "--actor", default="cli", show_default=True, metavar="NAME", help=N_("cli.opt_actor")
)

db_argument = click.argument(
    "db", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.db"
)


def open_store(db: Path) -> Store:
    """Open ``db``; a failure is reported as ``FILE: ...`` by the group."""
    click.get_current_context().meta["pitchroom.subject"] = db
    store = Store.open(db)
    try:
        language = store.session.session.language
    except Exception:  # an unreadable definition is for verify to name
        language = None
    use_session(language)
    return store


@contextmanager
def opened(db: Path) -> Iterator[Store]:
    """:func:`open_store` for the length of a ``with`` block, closed however it ends."""
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def data_path(*parts: str) -> Path:
    """A file of the bundled ``data/`` folder, installed or in a checkout."""
    installed = resources.files("pitchroom").joinpath("_data", *parts)
    if installed.is_file():
        return Path(str(installed))
    return Path(__file__).resolve().parents[2].joinpath("data", *parts)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def default_db_for(toml: Path) -> Path:
    return toml.with_suffix(".db")


def log_unblind(db: Path, command: str) -> None:
    """``--unblind``: log, before anything is shown, that ``command`` shows the values
    blind mode hides (for the secretary, afterwards)."""
    store = open_store(db)
    try:
        store.log_unblind(command, actor="cli")
    finally:
        store.close()
