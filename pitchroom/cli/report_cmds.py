"""Commands that read the record: ``ranking``, ``log``, ``verify``, ``backup``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from pitchroom.cli.common import db_argument, log_unblind, open_store
from pitchroom.cli.errors import InputError, echo_err, located
from pitchroom.domain.amendment import describe
from pitchroom.domain.models import METHODS
from pitchroom.domain.text import strip_control
from pitchroom.i18n import N_, action_name, formats, method_name, t
from pitchroom.store import StoreError


def _text(value: object) -> Text:
    """User text for rich: literal, never markup, no control characters."""
    return Text(strip_control("" if value is None else str(value)))


def _num(value: Any, places: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return formats.fixed(value, places)
    return str(value)


def _total(value: Any) -> str:
    """A consensus score or spread: two decimals in the language's form."""
    if value is None or isinstance(value, bool):
        return "–"
    return formats.total(value)


def _money(value: Any) -> str:
    if value is None:
        return "–"
    return formats.amount(value)


@click.command(help=N_("cli.ranking_help"))
@db_argument
@click.option("--method", type=click.Choice(METHODS), help=N_("cli.opt_method"))
@click.option("--json", "as_json", is_flag=True, help=N_("cli.opt_json"))
@click.option("--no-extras", is_flag=True, help=N_("cli.opt_no_extras"))
def ranking(db: Path, method: str | None, as_json: bool, no_extras: bool) -> None:
    from pitchroom.store.ranking import ranking_report

    store = open_store(db)
    try:
        report = ranking_report(store, method, extras=not no_extras)
        currency = store.session.session.currency
        title = store.session.session.title
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    console = Console()
    table = _table(console, _text(title))
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        (t("cli.col_rank"), "right"),
        (t("cli.col_pitch"), "left"),
        (t("cli.col_score"), "right"),
        (t("cli.col_jurors"), "right"),
        (t("cli.col_spread"), "right"),
        (t("cli.col_interval"), "center"),
        (t("cli.col_requested", currency=formats.currency(currency)), "right"),
        (t("cli.col_pot"), "left"),
        (t("cli.col_status"), "left"),
    )
    for label, justify in columns:
        _column(table, label, justify, wide=label == t("cli.col_pitch"))
    first_unfunded = report.get("first_unfunded")
    titles = {row["pitch"]: row["title"] for row in report["ranking"]}
    for row in report["ranking"]:
        if row.get("stage", "pitch") != "pitch":
            continue
        interval = row.get("interval")
        status = t(f"cli.status_{row['status']}")
        if row.get("fragile"):
            status = t("cli.status_fragile", status=status)
        if row.get("flagged"):
            status = t("cli.status_discuss", status=status)
        table.add_row(
            _num(row["rank"]),
            _text(row["title"]),
            _total(row["score"]),
            str(row["jurors"]),
            _total(row["spread"]),
            "–" if not interval else f"{interval[0]}–{interval[1]}",
            _money(row["requested"]),
            _text(row.get("pot") or "–"),
            _text(status),
            end_section=row["pitch"] == first_unfunded,
        )
    _print(console, table)
    console.print(
        Text(
            t(
                "cli.ranking_footer",
                method=method_name(report["method"]),
                protocol=report["protocol"][:12],
                agreement=_num(report.get("agreement"), 3),
                alpha=_num(report.get("alpha"), 3),
            )
        )
    )
    if any(row.get("bootstrap") for row in report["ranking"]):
        seed = report.get("bootstrap_seed")
        console.print(
            Text(
                t("cli.bootstrap_seeded", seed=seed)
                if seed is not None
                else t("cli.bootstrap_exact")
            )
        )
    for pot in report.get("pots") or []:
        console.print(
            Text(
                t(
                    "cli.pot_line",
                    pot=pot["key"],
                    left=_money(pot["left"]),
                    budget=_money(pot["budget"]),
                    currency=formats.currency(currency),
                    first=titles.get(pot.get("first_unfunded"), "–"),
                )
            )
        )
    granted = [r for r in report["ranking"] if r.get("stage") == "preselected"]
    rejected = [r for r in report["ranking"] if r.get("stage") == "rejected"]
    if granted or rejected:
        console.print(
            Text(
                t(
                    "cli.preselection_line",
                    granted=len(granted),
                    amount=_money(sum(r.get("granted") or 0 for r in granted)),
                    currency=currency,
                    rejected=len(rejected),
                )
            )
        )


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
    console = Console()
    table = _table(console, None)
    for label in (
        t("cli.col_id"),
        t("cli.col_time"),
        t("cli.col_actor"),
        t("cli.col_action"),
        t("cli.col_subject"),
        t("cli.col_change"),
        t("cli.col_reason"),
    ):
        _column(table, label, "left", wide=label in (t("cli.col_change"), t("cli.col_reason")))
    for e in events:
        subject = "/".join(x for x in (e.pitch, e.juror, e.criterion) if x)
        change = t("cli.hidden_change") if blind(e) else _change(e.before, e.after)
        table.add_row(
            str(e.id),
            e.at[:19].replace("T", " "),
            _text(e.actor),
            _text(action_name(e.action)),
            _text(subject),
            _text(change),
            _text(e.reason or ""),
        )
    _print(console, table)


def _table(console: Console, title: Text | None) -> Table:
    """The table for a terminal (a pipe or file gets the plain layout of :func:`_print`)."""
    if title is None:
        return Table(box=None, pad_edge=False)
    return Table(title=title, title_justify="left", show_lines=False)


def _column(table: Table, label: str, justify: JustifyMethod, *, wide: bool = False) -> None:
    table.add_column(label, justify=justify)


def _print(console: Console, table: Table) -> None:
    """On a terminal, the table; piped or to a file, one tab-separated line per row
    (and the header), every value whole: what ``cut``, ``awk`` and spreadsheets read."""
    if console.is_terminal:
        console.print(table)
        return
    if table.title:
        click.echo(str(table.title))
    click.echo("\t".join(str(c.header) for c in table.columns))
    cells = [list(c.cells) for c in table.columns]
    for row in zip(*cells, strict=True):
        click.echo("\t".join(str(v) for v in row))


def _change(before: Any, after: Any) -> str:
    """An event's change as a person reads it; a definition is summed up by its
    fingerprint and an amendment lists what it changed, one change a line."""
    if isinstance(after, dict) and "session" in after:
        lines = [t("cli.log_definition", protocol=str(after.get("protocol", ""))[:12])]
        lines += [describe(change) for change in after.get("changes") or []]
        return "\n".join(lines)
    return t("cli.change", before=_brief(before), after=_brief(after))


def _brief(values: Any) -> str:
    if values is None:
        return "–"
    if isinstance(values, dict):
        return ", ".join(f"{k}={v}" for k, v in values.items() if v is not None) or "✓"
    return str(values)


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
    click.echo(t("cli.verify_intact", head=result.head_hash, events=result.events))
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
