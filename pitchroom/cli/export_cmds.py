"""``pitchroom export`` and ``pitchroom forms``: the secretary's commands.

Results (the path written) go to stdout; problems to stderr as
``FILE: FIELD: message`` with exit status 2 (SPEC.md, "Command line").
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pitchroom.cli.common import db_argument, log_unblind, open_store
from pitchroom.export import FORMATS, ExportError, export_session, write_forms
from pitchroom.i18n import N_, t
from pitchroom.store import StoreError

TEXT_FORMATS = ("json", "md", "html")
"""The formats that ``-o -`` can print."""
BIG = 20_000
"""Rows at which the export shows a progress bar on stderr."""


def _output_option(help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``-o/--output PATH``, with what it means for the command."""
    return click.option(
        "-o", "--output", "out", type=click.Path(path_type=Path), metavar="PATH", help=help
    )


def _fail(message: str) -> None:
    click.echo(message, err=True)
    raise click.exceptions.Exit(2)


@contextmanager
def _progress(fmt: str) -> Iterator[Callable[[int, int], None]]:
    """A progress callback that draws a rich bar on stderr once the job is big, and
    only when stderr is a terminal (piped or redirected, nothing is written)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TimeRemainingColumn

    bar: Progress | None = None
    task: TaskID | None = None
    console = Console(stderr=True)

    def update(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None or task is None:
            if total < BIG or not console.is_terminal:
                return
            bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                TaskProgressColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            bar.start()
            task = bar.add_task(t("export.progress", format=fmt), total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


def _session_language(db: Path) -> None:
    """Messages and the export in the session's language (below --lang and
    PITCHROOM_LANG), as :func:`open_store` sets it; a database that cannot be read is
    reported by the export itself."""
    try:
        open_store(db).close()
    except StoreError:
        return


def _format_for(fmt: str | None, out: Path | None) -> str:
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    return suffix if suffix in FORMATS else "xlsx"


@click.command(help=N_("export.export_help"))
@db_argument
@click.option("--format", "fmt", metavar="|".join(FORMATS), help=N_("export.opt_format"))
@_output_option(N_("export.opt_output"))
@click.option(
    "--delimiter", default=",", show_default=True, metavar=",|;", help=N_("export.opt_delimiter")
)
@click.option("--method", metavar="M", help=N_("export.opt_method"))
@click.option("--unblind", is_flag=True, help=N_("cli.opt_unblind"))
def export(
    db: Path, fmt: str | None, out: Path | None, delimiter: str, method: str | None, unblind: bool
) -> None:
    _session_language(db)
    fmt = _format_for(fmt, out)
    if unblind:
        log_unblind(db, "export")
    if out is not None and str(out) == "-":
        _to_stdout(db, fmt, delimiter, method, unblind)
        return
    try:
        with _progress(fmt) as progress:
            path = export_session(
                db,
                fmt,
                out,
                delimiter=delimiter,
                method=method,
                progress=progress,
                unblind=unblind,
            )
    except (ExportError, StoreError) as error:
        _fail(str(error))
    click.echo(str(path))


def _to_stdout(db: Path, fmt: str, delimiter: str, method: str | None, unblind: bool) -> None:
    """``-o -``: a text format (json, md, html) on standard output, for pipes."""
    if fmt not in TEXT_FORMATS:
        _fail(t("export.not_to_stdout", path=db, format=fmt, text=", ".join(TEXT_FORMATS)))
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = export_session(
                db,
                fmt,
                Path(tmp) / f"out.{fmt}",
                delimiter=delimiter,
                method=method,
                unblind=unblind,
            )
        except (ExportError, StoreError) as error:
            _fail(str(error))
        click.echo(path.read_text(encoding="utf-8"), nl=False)


@click.command(help=N_("export.forms_help"))
@db_argument
@_output_option(N_("export.opt_forms_output"))
def forms(db: Path, out: Path | None) -> None:
    _session_language(db)
    try:
        path = write_forms(db, out)
    except (ExportError, StoreError) as error:
        _fail(str(error))
    click.echo(str(path))


COMMANDS = (export, forms)
