"""Commands that read the record: ``ranking``, ``log``, ``verify``, ``backup``.

What they print for a person is in :mod:`pitchroom.cli.report_text`, imported
only when they print it (the JSON outputs need none of it)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click

from pitchroom.cli.common import db_argument, log_unblind, open_store
from pitchroom.cli.errors import InputError, echo_err, located
from pitchroom.domain.definition import METHODS
from pitchroom.i18n import N_, t, tn
from pitchroom.store import StoreError
from pitchroom.store.db import paused_gc


@click.command(help=N_("cli.ranking_help"))
@db_argument
@click.option("--method", type=click.Choice(METHODS), help=N_("cli.opt_method"))
@click.option("--json", "as_json", is_flag=True, help=N_("cli.opt_json"))
@click.option("--no-extras", is_flag=True, help=N_("cli.opt_no_extras"))
def ranking(db: Path, method: str | None, as_json: bool, no_extras: bool) -> None:
    # A one-shot command whose objects are not cyclic garbage: the collector held
    # (at 500,000 scores it ran some 140 times, 0.05-0.15 s, and in the fork's child too).
    with paused_gc():
        _ranking(db, method, as_json, no_extras)


def _ranking(db: Path, method: str | None, as_json: bool, no_extras: bool) -> None:
    from pitchroom.cli.ranking_out import early_read, ranking_printer

    store = open_store(db)
    try:
        early = early_read(store)  # SQLite scans the scores while the engine is imported
        show = ranking_printer(
            store, method, as_json=as_json, extras=not no_extras, early=early, echo=click.echo
        )
    finally:
        store.close()
    show()


@click.command(help=N_("cli.log_help"))
@db_argument
@click.option("--pitch", help=N_("cli.opt_log_pitch"))
@click.option("--limit", type=int, help=N_("cli.opt_limit"))
@click.option("--json", "as_json", is_flag=True, help=N_("cli.opt_json"))
@click.option("--unblind", is_flag=True, help=N_("cli.opt_unblind"))
def log(db: Path, pitch: str | None, limit: int | None, as_json: bool, unblind: bool) -> None:
    if unblind:
        log_unblind(db, "log")
    store = open_store(db)
    try:
        events = store.events()
        hidden = frozenset() if unblind else store.blind_hidden()
        session = store.session
    finally:
        store.close()

    def blind(e: Any) -> bool:
        return e.entity == "score" and (e.pitch, e.juror) in hidden

    if pitch:
        events = [e for e in events if e.pitch == pitch]
    if limit:
        events = events[-limit:]
    if as_json:
        for e in events:
            fields = dict(e.__dict__)
            if blind(e):
                fields.update(before=None, after=None, hidden=True)
            click.echo(json.dumps(fields, ensure_ascii=False))
        return
    from pitchroom.cli.report_text import show_log

    show_log(events, session, blind)


@click.command(help=N_("cli.verify_help"))
@db_argument
@click.option("--expect", metavar="HEAD", help=t("cli.opt_expect"))
def verify(db: Path, expect: str | None) -> None:
    from pitchroom.store.replay import MIN_EXPECT_DIGITS, matching_events

    wanted = None
    if expect is not None:
        wanted = expect.strip().lower()
        if not (MIN_EXPECT_DIGITS <= len(wanted) <= 64) or not _HEX.fullmatch(wanted):
            raise InputError(
                [located(db, "--expect", t("cli.expect_bad", digits=MIN_EXPECT_DIGITS))]
            )
    store = open_store(db)
    try:
        if wanted is not None and len(wanted) < 64:
            matches = matching_events(store.db, wanted)
            if matches > 1:
                raise InputError(
                    [located(db, "--expect", t("cli.expect_ambiguous", count=matches))]
                )
        result = store.verify(wanted)
    finally:
        store.close()
    if not result.ok:
        echo_err(f"{db}: {result.message}")
        raise click.exceptions.Exit(1)
    click.echo(tn("cli.verify_intact", result.events, head=result.head_hash, events=result.events))
    if result.unproven:
        click.echo(t("cli.verify_unproven"))
        for key in result.unproven:
            click.echo(f"- {t(key)}")
    if result.expected:
        click.echo(t("cli.verify_expected"))
    else:
        click.echo(t("cli.verify_no_expect", db=db, head=result.head_hash[:MIN_EXPECT_DIGITS]))


_HEX = re.compile("[0-9a-f]+")


@click.command(help=N_("cli.backup_help"))
@db_argument
@click.argument("copy", type=click.Path(path_type=Path, dir_okay=False), metavar="COPY.db")
@click.option("--force", is_flag=True, help=N_("cli.opt_force"))
def backup(db: Path, copy: Path, force: bool) -> None:
    if copy.exists() and not force:
        raise InputError([located(copy, "file", t("cli.exists"))])
    if copy.resolve() == db.resolve():
        raise InputError([located(copy, "file", t("cli.backup_same"))])
    store = open_store(db)
    try:
        try:
            store.backup(copy)
        except StoreError as error:  # full disk, read-only folder: said, nothing left
            raise InputError([str(error)]) from None
        except Exception as error:  # an unwritable target is bad input
            raise InputError([located(copy, "file", t("cli.cannot_write", error=error))]) from None
    finally:
        store.close()
    click.echo(t("cli.backup_done", path=copy))


COMMANDS = [ranking, log, verify, backup]
