"""Commands about the session file and opening the chair screen:
``new``, ``check``, ``import``, ``open``, ``demo``."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pitchroom.cli.common import actor_option, data_path, default_db_for, sha256_of
from pitchroom.cli.errors import InputError, echo_err, located
from pitchroom.cli.language import peek_language, use_session
from pitchroom.i18n import N_, has_language, language, t, tn
from pitchroom.store import Store

if TYPE_CHECKING:
    from pitchroom.domain.models import Session


def _load(file: Path) -> Session:
    """The session in ``file``, its problems reported in the language it asks for.

    The session file's reader (and the amendment and protocol helpers below) are
    imported by the commands that use them: ``open`` on a database needs none."""
    from pitchroom.domain.sessionfile import load_session

    use_session(peek_language(file))
    session = load_session(file)
    use_session(session.session.language)
    return session


# The commented template and the demo, per interface language.
TEMPLATES = {"en": "template.toml", "nl": "template-nl.toml"}
DEMOS = {"en": "demo", "nl": "demo-nl"}

toml_argument = click.argument(
    "file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.toml"
)


@click.command(help=N_("cli.new_help"))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.toml")
@click.option("--force", is_flag=True, help=N_("cli.opt_force"))
def new(file: Path, force: bool) -> None:
    if file.exists() and not force:
        raise InputError([located(file, "file", t("cli.exists"))])
    try:
        shutil.copyfile(data_path(TEMPLATES[language()]), file)
    except OSError as error:
        message = t("cli.cannot_write", error=error.strerror)
        raise InputError([located(file, "file", message)]) from None
    click.echo(t("cli.new_done", path=file))


def summary(session: Session) -> str:
    from pitchroom.domain.protocol import fingerprint

    scoring = len(session.scoring_jurors)
    counts = {
        "criteria": len(session.criteria),
        "jurors": len(session.jurors),
        "scoring": scoring,
        "pitches": len(session.queue),
        "conflicts": len(session.conflicts),
        "pots": len(session.pots),
        "protocol": fingerprint(session)[:12],
    }
    if len(session.queue) == len(session.pitches):
        return t("cli.check_summary", **counts)
    return tn(
        "cli.check_summary_preselection",
        len(session.pitches),
        proposals=len(session.pitches),
        granted=sum(1 for p in session.pitches if p.stage == "preselected"),
        rejected=sum(1 for p in session.pitches if p.stage == "rejected"),
        **counts,
    )


@click.command(help=N_("cli.check_help"))
@toml_argument
def check(file: Path) -> None:
    session = _load(file)
    click.echo(f"{file}: {summary(session)}")
    if not has_language(session.session.language):
        echo_err(t("cli.language_pending", path=file, language=session.session.language))


@click.command(name="import", help=N_("cli.import_help"))
@toml_argument
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), help=N_("cli.opt_db"))
@actor_option
def import_(file: Path, db: Path | None, actor: str) -> None:
    session = _load(file)
    target = db or default_db_for(file)
    click.get_current_context().meta["pitchroom.subject"] = target
    store = Store.create(target, session, actor=actor, source=file, source_sha256=sha256_of(file))
    store.close()
    click.echo(t("cli.import_done", path=target, summary=summary(session)))


_OPENED = "pitchroom.opened_store"
"""``ctx.meta`` key: the database ``open`` already opened, for the chair to take over."""


def _chair(db: Path) -> int:
    """Run the chair screen; its exit status (non-zero when it ended on an error).

    The store the command already opened on ``db`` (if any) is handed to the app,
    instead of opening and checking the file a second time."""
    from pitchroom.ui import run_chair

    store = click.get_current_context().meta.pop(_OPENED, None)
    return run_chair(db, store=store)


def _hand_over(ctx: click.Context, store: Store) -> None:
    """Keep ``store`` open for :func:`_chair`; closed with the command if it is not run."""
    ctx.meta[_OPENED] = store
    ctx.call_on_close(store.close)


@click.command(name="open", help=N_("cli.open_help"))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), help=N_("cli.opt_db"))
@actor_option
def open_(file: Path, db: Path | None, actor: str) -> None:
    ctx = click.get_current_context()
    if file.suffix.lower() == ".toml":
        target = db or default_db_for(file)
        ctx.meta["pitchroom.subject"] = target
        if target.exists():
            store = Store.open(target)
            try:
                use_session(store.session.session.language)
                recorded = store.meta("source_sha256")
                if file.exists() and recorded and recorded != sha256_of(file):
                    echo_err(located(file, "file", t("cli.toml_changed", db=target)))
            except BaseException:
                store.close()
                raise
        else:
            session = _load(file)
            store = Store.create(
                target, session, actor=actor, source=file, source_sha256=sha256_of(file)
            )
    else:
        target = file
        ctx.meta["pitchroom.subject"] = target
        store = Store.open(target)
        try:
            use_session(store.session.session.language)
        except BaseException:
            store.close()
            raise
    _hand_over(ctx, store)
    ctx.exit(_chair(target))


@click.command(help=N_("cli.demo_help"))
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), help=N_("cli.opt_demo_db"))
def demo(db: Path | None) -> None:
    source = data_path(DEMOS[use_session(None)], "session.toml")
    if db is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        db = Path.cwd() / f"pitchroom-demo-{stamp}.db"
    click.get_current_context().meta["pitchroom.subject"] = db
    if not db.exists():
        session = _load(source)
        Store.create(
            db, session, actor="demo", source=source, source_sha256=sha256_of(source)
        ).close()
    status = _chair(db)
    echo_err(t("cli.demo_saved", path=db))
    click.get_current_context().exit(status)


@click.command(help=N_("cli.amend_help"))
@click.argument("db", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.db")
@toml_argument
@click.option("--reason", required=True, help=N_("cli.opt_reason_required"))
@actor_option
def amend(db: Path, file: Path, reason: str, actor: str) -> None:
    from pitchroom.domain.amendment import describe
    from pitchroom.domain.protocol import fingerprint
    from pitchroom.domain.text import strip_control

    new_session = _load(file)
    click.get_current_context().meta["pitchroom.subject"] = db
    store = Store.open(db)
    try:
        old = store.protocol()
        event = store.amend(new_session, reason=reason, actor=actor)
    finally:
        store.close()
    for change in event.after["changes"]:
        click.echo(strip_control(describe(change)))
    new = fingerprint(new_session)
    if new != old:
        click.echo(t("cli.amended_protocol", old=old[:12], new=new[:12]))
    else:
        click.echo(t("cli.amended_same_protocol", protocol=old[:12]))


COMMANDS = [new, check, import_, open_, demo, amend]
